// The one API between Cairn's user interface and its core: every call, its argument, result and
// error codes. Types only. Its keys are the only IPC channels and the only web-mode routes; adding a
// capability means adding a key here, and the compiler then points at every door that must follow.
import type { Locale } from './common/i18n/locale';

export type { Locale };

/**
 * Review workflow of a record: new → in review → reviewed, or needs work / rejected. `reviewed`
 * records are the ones a named person vouches for; needs work and rejected always carry a comment.
 */
export type ReviewStatus = 'new' | 'in-review' | 'reviewed' | 'needs-work' | 'rejected';
export const REVIEW_STATUSES: readonly ReviewStatus[] = ['new', 'in-review', 'reviewed', 'needs-work', 'rejected'];
/** The statuses a person can only set with a comment saying why. */
export const STATUSES_NEEDING_COMMENT: readonly ReviewStatus[] = ['needs-work', 'rejected'];
/** The statuses of records still waiting for a decision: the review queue holds these. */
export const OPEN_STATUSES: readonly ReviewStatus[] = ['new', 'in-review', 'needs-work'];
/** The statuses a review decision sets, which only a named person may set. */
export const DECISION_STATUSES: readonly ReviewStatus[] = ['reviewed', 'needs-work', 'rejected'];

/** Who made a change: the person's name (Settings) and the archive copy (replica) it was made in. */
export interface Author {
  name: string;
  replica: string;
}

/** The last status change of a record: who set it, when, and why. */
export interface ReviewMark {
  status: ReviewStatus;
  by: Author;
  /** ISO 8601 time of the change. */
  at: string;
  comment: string;
}

/**
 * Metadata fields a person edits (Dublin Core based: place is dc:coverage, `derivedFrom` is dc:source,
 * and the record's tags are its subjects); the importer may propose values for some of them.
 */
export type EditableField = 'title' | 'date' | 'place' | 'creator' | 'publisher' | 'type' | 'identifier' | 'language' | 'derivedFrom' | 'rights' | 'description';
export const EDITABLE_FIELDS: readonly EditableField[] = [
  'title',
  'date',
  'place',
  'creator',
  'publisher',
  'type',
  'identifier',
  'language',
  'derivedFrom',
  'rights',
  'description',
];

/** The kinds of entity a record can mention. */
export type EntityKind = 'person' | 'organization' | 'place';
export const ENTITY_KINDS: readonly EntityKind[] = ['person', 'organization', 'place'];

/** A TextQuoteSelector (W3C Web Annotation): the passage's words and a little of the text on each side. */
export interface TextQuote {
  exact: string;
  prefix: string;
  suffix: string;
}

/** A TextPositionSelector (W3C Web Annotation): UTF-16 offsets into the record's text, end exclusive. */
export interface TextPosition {
  start: number;
  end: number;
}

/**
 * A passage of a record's text with a note and tags. Anchored by both selectors: after the text is
 * corrected, the position is found again from the quote (exactly, then approximately); when the
 * passage is gone the position is null (orphaned) and the quote still says what it was.
 */
export interface Annotation {
  id: string;
  /** Where the passage is now; null when it could not be found after a correction (orphaned). */
  position: TextPosition | null;
  quote: TextQuote;
  /** Plain text; blank lines separate paragraphs, *emphasis*, and links are shown, never followed unasked. */
  note: string;
  tags: string[];
  /** Set when the last correction of the text moved the annotation to an approximate match: worth a look. */
  approximate?: boolean;
  by: Author;
  createdAt: string;
  updatedAt: string;
}

/** A note about the whole record. */
export interface RecordNote {
  id: string;
  text: string;
  by: Author;
  createdAt: string;
  updatedAt: string;
}

/** A record's link to an archive-wide entity it mentions. */
export interface EntityLink {
  entity: string;
  /** Proposed by the importer and not yet confirmed by a person. */
  proposed: boolean;
}

/**
 * A person, organization or place, archive-wide (entities/<xx>/<id>.json): one preferred name and
 * the other spellings it goes by. Records link to it (CairnRecord.entities).
 */
export interface Entity {
  formatVersion: number;
  id: string;
  rev: number;
  kind: EntityKind;
  name: string;
  aliases: string[];
  createdAt: string;
  updatedAt: string;
}

/** An entity with the records that link to it (`cairn entities --json` prints these). */
export interface EntitySummary {
  id: string;
  name: string;
  kind: EntityKind;
  aliases: string[];
  /** Ids of the records that link to it. */
  records: string[];
  /** Of those, the ones whose link is still a proposal. */
  proposed: number;
}

/** An entity's page: the entity and its records. */
export interface EntityPage {
  entity: Entity;
  records: (RecordSummary & { proposed: number; linkProposed: boolean })[];
}

/** Where a record's text came from: the original file is kept in the archive as evidence. */
export interface RecordSource {
  fileName: string;
  mediaType: string;
  encoding: string;
  bytes: number;
  /** SHA-256 of the file exactly as received, hex. The original is stored under originals/. */
  sha256: string;
  importedAt: string;
  /** How sure the encoding's detection was, 0–1 (1: a byte-order mark, valid UTF-8, or a format that says). */
  encodingConfidence?: number;
  /** What read the file: plain-text, markdown, html (linkedom, readability), docx (mammoth), pdf (pdf.js), csv (csv-parse). */
  parser?: string;
  /** The file's path inside the folder it came in, when it came in one. */
  path?: string;
  /** The CSV row this record was made from, as a spreadsheet numbers it (the header is row 1). */
  row?: number;
  /** The record this one was imported as a new version of (its text was the same, or the same in other typography). */
  versionOf?: string;
  /** When the person re-decoded the original with another encoding: the encoding the import had chosen. */
  detectedEncoding?: string;
}

/**
 * A record, exactly as it is stored (records/<first two characters of id>/<id>.json, one file per
 * record), exported and shown by `cairn show --json`. This is a public format: change it only with
 * a format version bump and a migration. Every file is checked against core/model/record-schema.ts
 * on load; fields this Cairn does not know are kept on rewrite; a record with a newer formatVersion
 * is read but never rewritten.
 */
export interface CairnRecord {
  /** The record format's version; files written before records carried one are version 1. */
  formatVersion: number;
  id: string;
  /** Increments on every change. */
  rev: number;
  title: string;
  /** Extended Date/Time Format (ISO 8601-2) string: "2018-04-30", "2012-06", "XXXX-06-13" (year unknown); null if unknown. */
  date: string | null;
  place: string;
  identifier: string;
  creator: string;
  /** Who issued or published it (dc:publisher): "UNRCCA", "UN Department of Global Communications". Format 3. */
  publisher: string;
  /** What kind of document it is (dc:type): "press release", "speech", "report", "letter". Format 3. */
  type: string;
  /** BCP 47 language tag, e.g. "en", "ru"; empty if unknown. */
  language: string;
  /** The resource it was derived from (dc:source): a citation or address. Format 3. */
  derivedFrom: string;
  /** Rights held in and over it (dc:rights): "© United Nations", "public domain". Format 3. */
  rights: string;
  description: string;
  status: ReviewStatus;
  /** Its subjects (dc:subject): vocabulary concepts' labels, or free tags. */
  tags: string[];
  /** Full text: as imported, or as a person corrected it ("Correct text"; the original file stays under originals/). */
  text: string;
  /** SHA-256 of the normalised text as imported (NFC, \n line ends): the duplicate check. A correction keeps it. */
  textHash: string;
  /** Fields whose value the importer proposed and no person has confirmed or edited yet. */
  proposed: EditableField[];
  source: RecordSource | null;
  /** Who set the current status, when and why; null until a person first changes the status. */
  review?: ReviewMark | null;
  /** Passages annotated (format 2; empty in records written before). */
  annotations: Annotation[];
  /** Notes about the whole record, oldest first. */
  notes: RecordNote[];
  /** The archive's entities this record mentions. */
  entities: EntityLink[];
  createdAt: string;
  updatedAt: string;
}

/** One row of the record list. */
export interface RecordSummary {
  id: string;
  rev: number;
  title: string;
  date: string | null;
  place: string;
  status: ReviewStatus;
  tags: string[];
  /** How many of its fields carry an importer's proposal no person has confirmed. */
  proposed: number;
  updatedAt: string;
  /** Relevance, present when the list is the result of a search. */
  score?: number;
}

export type SortField = 'title' | 'date' | 'place' | 'status' | 'updatedAt' | 'relevance';
export interface SortOrder {
  field: SortField;
  direction: 'asc' | 'desc';
}

export interface ListQuery {
  /** Full-text query; empty or missing lists every record. */
  query?: string;
  /** Defaults to relevance for a search and to date (ascending) otherwise. */
  sort?: SortOrder;
  /** Only records with one of these statuses. */
  statuses?: ReviewStatus[];
  /** Only records dated in this period: "2018" or "2018-04" (a prefix of the record's date). */
  period?: string;
  /** Also count how the records found spread over statuses, tags, places, languages and years. */
  facets?: boolean;
  /** The window of summaries wanted: from this position in the list (default 0)… */
  offset?: number;
  /**
   * …this many (the doors give at most LIST_WINDOW_MAX, and LIST_WINDOW_DEFAULT when not asked): the
   * rest of the list is in `ids`, and its summaries come with records.summaries as rows come on screen.
   */
  limit?: number;
}

/** Summaries records.list gives when no limit is asked for, and the most it gives. */
export const LIST_WINDOW_DEFAULT = 200;
export const LIST_WINDOW_MAX = 1000;

/** One value of a facet: how many of the records found have it, and the query filter that narrows to it. */
export interface FacetValue {
  value: string;
  count: number;
  /** In the query language: tag:"Central Asia", year:2018, status:reviewed … */
  filter: string;
}

export interface FacetGroup {
  values: FacetValue[];
  /** Further values not listed. */
  more: number;
}

export interface Facets {
  status: FacetGroup;
  tags: FacetGroup;
  place: FacetGroup;
  language: FacetGroup;
  year: FacetGroup;
}

export interface RecordList {
  total: number;
  /** Every record listed, in the list's order (light: ids only, whatever the window). */
  ids: string[];
  /** The summaries of the window asked for (ids[offset] onwards). */
  offset: number;
  items: RecordSummary[];
  /** A query that could not be read: what is wrong and where (the list is then empty). */
  problem?: QueryProblem;
  /** When asked for: how the records listed spread over statuses, tags, places, languages and years. */
  facets?: Facets;
}

/** A stretch of a record's text, in UTF-16 code units. */
export interface TextRange {
  start: number;
  end: number;
}

/** What is wrong with a query and where: `at` and `length` in UTF-16 code units of the query as given. */
export interface QueryProblem {
  text: LocalText;
  /** The same in English, for scripts and logs. */
  message: string;
  at: number;
  length: number;
}

/** A query kept under a name, with the archive (searches.json). */
export interface SavedSearch {
  id: string;
  name: string;
  query: string;
  createdAt: string;
  by: Author;
}

/** A saved search with how many records it finds now; a query that no longer reads says why (count null). */
export interface SavedSearchCount extends SavedSearch {
  count: number | null;
  problem?: QueryProblem;
}

export interface RecordPatch {
  title?: string;
  date?: string | null;
  place?: string;
  identifier?: string;
  creator?: string;
  publisher?: string;
  type?: string;
  language?: string;
  derivedFrom?: string;
  rights?: string;
  description?: string;
  status?: ReviewStatus;
  /** Corrects the record's text; its annotations are anchored again (see Annotation). */
  text?: string;
  /** Replaces the whole tag list. */
  tags?: string[];
  addTags?: string[];
  removeTags?: string[];
  /** Fields a person confirms as they are (removes them from `proposed`). */
  confirm?: EditableField[];
}

export interface UpdateArgs {
  id: string;
  /** If given, the update is refused with E_CONFLICT unless the record is still at this revision. */
  ifRev?: number;
  changes: RecordPatch;
  /** Why, kept with the change in the record's history (required for needs work and rejected). */
  comment?: string;
}

/** The fields one change can set on many records at once (a title or an identifier is each record's own). */
export type BulkField = Exclude<EditableField, 'title' | 'identifier'>;
export const BULK_FIELDS: readonly BulkField[] = ['date', 'place', 'creator', 'publisher', 'type', 'language', 'derivedFrom', 'rights', 'description'];
export type BulkChanges = Pick<RecordPatch, 'addTags' | 'removeTags' | 'status' | 'confirm' | BulkField>;

/** The same changes to many records as one operation: one step to undo, one operation id in the history. */
export interface UpdateManyArgs {
  ids: string[];
  changes: BulkChanges;
  comment?: string;
}

export interface UpdateManyResult {
  /** The operation's id, or null when no record changed. */
  op: string | null;
  changed: number;
  unchanged: number;
}

/** A review decision on one record. */
export interface ReviewArgs {
  id: string;
  status: ReviewStatus;
  comment?: string;
  /**
   * Marking a record reviewed confirms the importer's proposals it still carries: true confirms
   * them all in the same step. Without it, a record with unconfirmed proposals is refused, and the
   * error names them.
   */
  confirmProposals?: boolean;
}

/**
 * A value as the change log keeps it: a field's value, a tag, or for a whole record (its import, a
 * removal) the record's metadata. JSON, so that another Cairn can compare and apply it.
 */
export type ChangeValue = string | number | boolean | null | ChangeValue[] | { [key: string]: ChangeValue };

/**
 * One entry of a record's change log: one field or one item changed by one operation. Entries are
 * self-contained (record, field, before and after, who, a hybrid logical clock) so that a change
 * made in another copy of the archive can later be applied, compared and reported as a conflict.
 */
export interface ChangeEntry {
  /** The entry's own id ("<op>.<n>"): what `cairn restore --change` takes. */
  change: string;
  /** The operation it belongs to; the entries of one bulk step, merge or import share it. */
  op: string;
  /** What kind of operation (an edit, a review decision, a restore, an undo…); absent in entries written before it was kept. */
  kind?: OperationKind;
  /** The record's id, or the entity's when `doc` is 'entity'. */
  record: string;
  /**
   * 'entity' for an entry of an entity's log (changes/entities/), 'vocabulary' for a vocabulary's
   * (`record` is then the vocabulary's id), 'tags' for the tags' colours; absent for a record's.
   */
  doc?: 'entity' | 'vocabulary' | 'tags';
  /** The record's revision after this change. */
  rev: number;
  /** Hybrid logical clock: "<ISO time>-<counter, 4 hex digits>-<replica>". Sorts in the order changes happened, across copies. */
  clock: string;
  /** The clock's wall time, ISO 8601: when, for people. */
  at: string;
  who: Author;
  /**
   * An editable field, 'text' (a correction), 'status', 'review' (who set the status, when, why: a
   * ReviewMark or null), 'tags' (item: the tag), 'proposed' (item: the field), 'annotations' /
   * 'notes' (item: its id; the whole annotation or note, or null), 'entities' (item: the entity id;
   * the link or null), 'record' (its creation or removal); in an entity's log, 'entity' (the whole
   * entity's kind, name and aliases, or null when it was created or merged away); in a vocabulary's,
   * 'vocabulary' (its label and translations, or null when it was added or taken out) and 'concept'
   * (item: the concept's id; the whole concept or null); in the tags' log, 'color' (item: the tag).
   */
  field: string;
  item?: string;
  before: ChangeValue;
  after: ChangeValue;
  comment?: string;
}

export type OperationKind = 'edit' | 'bulk' | 'import' | 'review' | 'restore' | 'undo' | 'redo' | 'annotate' | 'note' | 'correct' | 'entity' | 'merge' | 'split' | 'tags' | 'vocabulary';

/** One line of the archive's operation journal: what undo and redo walk. */
export interface Operation {
  op: string;
  kind: OperationKind;
  clock: string;
  at: string;
  /** The machine's own clock when it was made (ISO), which the hybrid clock may hold back: typing runs are told by it. */
  local?: string;
  who: Author;
  /** The records it changed. */
  records: string[];
  /** The entities it changed (created, renamed, merged away…); absent when none. */
  entities?: string[];
  /** The vocabularies it changed (a concept renamed, moved, recoloured; a vocabulary imported); absent when none. */
  vocabularies?: string[];
  /** Set when it changed a tag's own colour (a tag that is no vocabulary concept). */
  tagColours?: boolean;
  /** The fields (or 'tags', 'proposed', 'record') it changed. */
  fields: string[];
  /**
   * For undo and redo: the operations whose changes it reversed. An undo takes back a run of saves
   * of one field made while typing (same person, same record and field, seconds apart) as one step.
   */
  reverses?: string[];
  comment?: string;
}

export interface RecordHistory {
  id: string;
  /** Newest first. */
  entries: ChangeEntry[];
  /** Lines of the log that could not be read (damaged on disk); the record itself is unaffected. */
  damaged: number;
}

export interface RestoreArgs {
  id: string;
  /** Put back the value one field (or item) had before this change. */
  change?: string;
  /** Put the whole record back as it was at this moment (ISO 8601 date or date and time). */
  at?: string;
  comment?: string;
}

/** What an undo or redo did. */
export interface UndoResult {
  /** The operation reversed (the newest, when a run of typing saves was reversed together). */
  reversed: Operation;
  /** The new operation that reversed it. */
  op: Operation;
  /** Titles of the records it changed (the first few), for the toast. */
  titles: string[];
}

/** Annotate a passage, given by its offsets or by its words (the n-th occurrence of them). */
export interface AnnotateArgs {
  id: string;
  position?: TextPosition;
  /** The passage's words, exactly as in the text; with `occurrence` (1-based, default 1) when they occur more than once. */
  quote?: string;
  occurrence?: number;
  note?: string;
  tags?: string[];
}

export interface AnnotationUpdate {
  id: string;
  annotation: string;
  note?: string;
  tags?: string[];
}

export interface AnnotationResult {
  record: CairnRecord;
  annotation: Annotation;
}

export interface NoteResult {
  record: CairnRecord;
  note: RecordNote;
}

/** Mark a name in a record as an entity: the entity of that kind which goes by the name, or a new one. */
export interface MarkEntityArgs {
  id: string;
  name: string;
  kind: EntityKind;
}

export interface EntityResult {
  record: CairnRecord;
  entity: Entity;
}

/** Rename an entity (its old name stays as an alias) or change its kind. */
export interface EntityUpdate {
  id: string;
  name?: string;
  kind?: EntityKind;
}

export interface SplitResult {
  /** The entity that kept its name. */
  entity: Entity;
  /** The new entity, named by the alias split off. */
  split: Entity;
  /** Records whose link moved to the new entity. */
  moved: string[];
}

/** The state of the collection at a glance: the overview's numbers. */
export interface ReviewOverview {
  total: number;
  byStatus: Record<ReviewStatus, number>;
  /** Who made the current decisions (records whose status a named person set), most first. */
  byReviewer: { name: string; count: number; byStatus: Partial<Record<ReviewStatus, number>> }[];
  /** Importer proposals no person has confirmed yet: how many values, in how many records. */
  unconfirmed: { records: number; values: number };
  /** Bars by year, or by month when every dated record has a month and they span three years at most. */
  granularity: 'year' | 'month';
  timeline: { period: string; byStatus: Record<ReviewStatus, number> }[];
  /** Records without a date, or whose year is unknown: not on the timeline. */
  undated: number;
}

export interface ReviewQueue {
  /** The records the filter finds. */
  total: number;
  /** Of those, decided: reviewed or rejected. */
  done: number;
  /** The records still needing review (new, in review, needs work), in queue order (list order). */
  items: RecordSummary[];
  /** A query that could not be read: what is wrong and where (the queue is then empty). */
  problem?: QueryProblem;
}

export interface ImportFile {
  /** The file's name, or its path inside a dropped or chosen folder ("reports/2019/a.txt"). */
  name: string;
  /** The file's bytes, base64-encoded. */
  dataBase64: string;
}

export interface ImportArgs {
  files: ImportFile[];
  /**
   * An import sent in several calls (a folder of thousands of files) names itself here, so that all
   * of it is one operation (one undo); the last call says `last`. Without it, each call is one.
   */
  session?: string;
  /** The session's first call (it may begin here); a later call of a session the archive never saw is refused. */
  first?: boolean;
  last?: boolean;
  /** Import copies anyway, as new versions linked to the records they copy (the person chose it). */
  asNewVersions?: boolean;
  /** CSV files: which column fills which field (any of CSV_TARGETS), by the file's name. */
  csvMaps?: Record<string, Partial<Record<CsvTarget, string>>>;
}

/** The fields a CSV column can fill: every editable field, the text (required) and the tags (split on ; or |). */
export const CSV_TARGETS = ['text', ...EDITABLE_FIELDS, 'tags'] as const;
export type CsvTarget = EditableField | 'text' | 'tags';

export interface CsvPreview {
  columns: string[];
  /** Which column fills which field, matched by the columns' names. */
  map: Partial<Record<CsvTarget, string>>;
  /** The first rows' cells. */
  rows: string[][];
}

/** The encodings a record's original may be read with (re-decoding). */
export const TEXT_ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1251', 'koi8-r', 'windows-1252'] as const;
export type TextEncoding = (typeof TEXT_ENCODINGS)[number];
/** The largest start of a CSV file records.csvPreview reads. */
export const CSV_PREVIEW_BYTES = 256 * 1024;

export interface ImportReport {
  /** `versionOf`: imported anyway as a new version of that record. */
  imported: { id: string; file: string; title: string; versionOf?: string }[];
  /** `near`: the same text in other typography (quotes, dashes, spaces, case), not the very same text. */
  duplicates: { file: string; id: string; title: string; near?: boolean }[];
  /** `row`: the CSV row that failed (numbered as a spreadsheet does); the file's other rows were imported. */
  failed: { file: string; row?: number; code: ErrorCode; message: string; text?: LocalText }[];
}

export interface SearchHit {
  id: string;
  title: string;
  score: number;
  /** Plain text around the first match; never HTML. */
  snippet: string;
  /** Query terms as matched in this record, for highlighting. */
  terms: string[];
}

/** A record's snippet for a query, with where the matched words stand in it (for the result list). */
export interface RecordSnippet {
  id: string;
  /** Plain text around the first match; never HTML. Empty when the query matched no words in it. */
  snippet: string;
  ranges: TextRange[];
}

export interface SearchResult {
  total: number;
  hits: SearchHit[];
  /** A query that could not be read: what is wrong and where (there are then no hits). */
  problem?: QueryProblem;
  /** When asked for: how all the hits (not only those shown) spread over statuses, tags, places, languages and years. */
  facets?: Facets;
}

export interface TagCount {
  tag: string;
  count: number;
}

/**
 * A tag of the archive's tree: "Security › Border security" has the parent "Security" (listed too,
 * with 0, when no record carries it); a vocabulary concept's label carries the concept and its colour.
 */
export interface TagEntry {
  name: string;
  parent: string | null;
  color: string | null;
  /** Records carrying this tag itself (its children's are theirs). */
  count: number;
  concept: { vocabulary: string; id: string } | null;
}

/**
 * A change the tag manager makes across the archive, to a tag and every tag below it: records',
 * annotations' and (for a vocabulary concept's tag) the vocabulary's. `tag` may be a concept's
 * label or any of its other labels. One operation, one undo.
 * - rename: `to` is a new name (the tag stays under its parent) or a whole path "Parent › Name";
 * - merge: records carrying `tag` carry `into` instead; `tag`'s children go under `into`;
 * - move: under `parent` (null: to the top);
 * - color: "#rrggbb", or null for none;
 * - delete: taken off every record and annotation (a concept stays in its vocabulary).
 */
export type TagChange =
  | { action: 'rename'; tag: string; to: string }
  | { action: 'merge'; tag: string; into: string }
  | { action: 'move'; tag: string; parent: string | null }
  | { action: 'color'; tag: string; color: string | null }
  | { action: 'delete'; tag: string };
export const TAG_ACTIONS = ['rename', 'merge', 'move', 'color', 'delete'] as const satisfies readonly TagChange['action'][];

export type TagChangeArgs = TagChange & {
  /** Say what it would change (the counts), changing nothing. */
  dryRun?: boolean;
  comment?: string;
};

export interface TagChangeResult {
  /** The tag, as the archive names it. */
  tag: string;
  /** Where it went (rename, merge, move). */
  to?: string;
  /** Records whose tags (or annotations' tags) it changed, or would change. */
  records: number;
  /** Tags it changed: the tag and the tags below it. */
  tags: number;
  /** Vocabularies whose concepts it changed. */
  vocabularies: number;
  /** False for a dry run. */
  applied: boolean;
}

/** A tag colour as stored and as the UI accepts it: #rrggbb, lower case. Nothing else reaches a style. */
export const isTagColour = (value: unknown): value is string => typeof value === 'string' && /^#[0-9a-f]{6}$/.test(value);

/** A concept's or vocabulary's words in one more language (as SKOS labels with a language tag). */
export interface VocabularyTranslation {
  label?: string;
  altLabels?: string[];
  scopeNote?: string;
}

export interface VocabularyConcept {
  id: string;
  /** The tag a record carries for this concept, in any interface language. */
  label: string;
  altLabels: string[];
  /**
   * The id of its broader concept in the same vocabulary (SKOS broader): the concept's tag is then
   * the broader concept's tag and its own label, "Central Asian states › Kazakhstan".
   */
  broader?: string;
  /** The concept's colour, "#rrggbb" (see isTagColour); optional. */
  color?: string;
  scopeNote?: string;
  /** Labels to show and match in other interface languages, by language ("ru"); the tag stays `label`. */
  translations?: Record<string, VocabularyTranslation>;
}

/** A vocabulary file to import: CSV, SKOS (Turtle or JSON-LD) or Cairn's own JSON. */
export interface VocabularyImportArgs {
  /** The file's name; its extension says its kind (.csv, .tsv, .ttl, .jsonld, .json). */
  name: string;
  dataBase64: string;
  /** The vocabulary's id (default: the scheme's or the file's name); one already there is replaced. */
  id?: string;
  label?: string;
  /** Say what it would change, changing nothing. */
  dryRun?: boolean;
}

export interface VocabularyImportResult {
  vocabulary: { id: string; label: string; concepts: number; languages: string[] };
  /** Whether it replaced a vocabulary of the same id (a newer edition). */
  replaced: boolean;
  /** Concepts new, changed and gone, against the edition it replaced. */
  added: number;
  changed: number;
  removed: number;
  /** Records whose tags follow a concept that was renamed or moved. */
  records: number;
  applied: boolean;
}

export interface Vocabulary {
  id: string;
  label: string;
  concepts: VocabularyConcept[];
  translations?: Record<string, VocabularyTranslation>;
}

export interface ArchiveProblem {
  /** The file, relative to the archive folder. */
  file: string;
  /** In English, for scripts and logs. */
  message: string;
  /** The same, as words each door says in its own language. */
  text: LocalText;
  /**
   * Set when the problem is with a record Cairn could read but will not change until a person
   * acts (two files hold it, or a newer Cairn wrote it); absent when the file could not be read.
   */
  recordId?: string;
  /**
   * Set when the file was read and is in use, and only what `message` names was left out (a
   * vocabulary concept's colour that is not a colour); absent when the whole file was left out.
   */
  partial?: boolean;
  /**
   * Where Cairn put the damaged file (relative to the archive folder) so that nothing reads or
   * overwrites it: it is never deleted. Absent when the file was left where it is (read-only).
   */
  quarantined?: string;
  /** What can bring back what the damaged file held; absent when it is not a file Cairn can restore. */
  recovery?: ProblemRecovery;
}

/** How a damaged file can be brought back. */
export interface ProblemRecovery {
  /** What the file held: a record (by id), an entity (by id), a vocabulary, or another file of the archive. */
  kind: 'record' | 'entity' | 'vocabulary';
  id: string;
  /** The newest backup that has the file; null when no backup has it. */
  backup: { id: string; createdAt: string } | null;
}

/** Why a backup was taken. */
export type BackupReason = 'daily' | 'manual' | 'bulk' | 'migration' | 'restore';
export const BACKUP_REASONS = ['daily', 'manual', 'bulk', 'migration', 'restore'] as const satisfies readonly BackupReason[];

/** One backup (a snapshot of every file of the archive). */
export interface BackupInfo {
  /** Sortable by time, e.g. "20261123T101530Z-3fa2c1". */
  id: string;
  createdAt: string;
  reason: BackupReason;
  archive: { id: string; name: string; formatVersion: number };
  files: number;
  bytes: number;
  records: number;
}

/** One thing `verify` found wrong with a file of the archive. */
export interface VerifyFinding {
  /** missing: the archive needs it and it is not there; damaged: it is there and cannot be right; unexpected: not Cairn's. */
  problem: 'missing' | 'damaged' | 'unexpected';
  /** Relative to the archive folder, with forward slashes. */
  file: string;
  /** What is wrong, in the interface's language… */
  message: string;
  /** …and as a message to render in another one. */
  text: LocalText;
}

/** What `verify` found, reading every file of the archive. */
export interface VerifyReport {
  /** True only when nothing is missing, damaged or unexpected. */
  ok: boolean;
  files: number;
  bytes: number;
  /** The backup whose checksums files were checked against (the newest), or null when there is none yet. */
  backup: { id: string; createdAt: string } | null;
  /** Files whose bytes were exactly those the backup recorded. */
  matchedBackup: number;
  findings: VerifyFinding[];
  seconds: number;
}

export interface BackupRestoreArgs {
  /** The backup's id (or the start of it); the newest backup when absent (for a record: the newest that has it). */
  backup?: string;
  /** Restore only this record; the whole archive when neither record nor file is given. */
  record?: string;
  /** Restore only this file of the archive (a damaged entity or vocabulary), relative to the archive folder. */
  file?: string;
}

export interface BackupRestoreResult {
  backup: BackupInfo;
  /** The record restored, when one was. */
  record?: CairnRecord;
  /** Changes the log holds that were made after the backup, made again on the restored record. */
  replayed: number;
  /** The archive as it is after the restore. */
  archive: ArchiveInfo;
}

/**
 * The search index of an open archive. It is kept on disk as a snapshot (search/index.snapshot):
 * opening loads it and indexes again only the records changed since; without a usable snapshot every
 * record is indexed, and `rebuild` says why.
 */
export interface SearchIndexInfo {
  /**
   * waiting: not asked for yet; loading: reading the snapshot; updating: indexing the records changed
   * since the snapshot; building: indexing every record; ready.
   */
  state: 'waiting' | 'loading' | 'updating' | 'building' | 'ready';
  /** Records the index holds as they are now (0 until the snapshot is loaded). */
  indexed: number;
  total: number;
  /** Why every record is being indexed, when no snapshot could be used; null when one was (or the archive is empty). */
  rebuild: {
    why: 'missing' | 'outdated' | 'damaged';
    /** The snapshot file, relative to the archive folder. */
    file: string;
    /** What was wrong with a damaged one. */
    problem: LocalText | null;
    /** Where a damaged one was put (relative to the archive folder); null when it could not be moved (read-only). */
    quarantined: string | null;
  } | null;
}

export interface ArchiveInfo {
  path: string;
  name: string;
  id: string;
  formatVersion: number;
  recordCount: number;
  readOnly: boolean;
  /** Why the archive is open read-only, in words a person can act on; null when it is writable. */
  readOnlyReason: string | null;
  /** The same reason as words each door says in its own language. */
  readOnlyText: LocalText | null;
  /** Files the archive could not read, read only in part, or holds back from change (all left untouched on disk). */
  problems: ArchiveProblem[];
  /** The search index: loaded from its snapshot, brought up to date, or rebuilt (and why). */
  searchIndex: SearchIndexInfo;
  /**
   * Set when the archive's description (cairn-archive.json) is damaged or missing: the archive is
   * then open read-only, and this says how `archive.repair` would rebuild the description.
   */
  repair: ManifestRepairPlan | null;
}

/** How a damaged cairn-archive.json would be rebuilt, for the person to confirm first. */
export interface ManifestRepairPlan {
  /** The damaged file, relative to the archive folder. */
  file: string;
  /** What is wrong with it, as words for "cairn-archive.json is …". */
  problem: LocalText;
  /**
   * Where the new description comes from: the newest backup's whole copy (the archive keeps its id,
   * name and history's replica), the archive as the newest backup noted it (id and name), or only
   * what the folder holds (the folder's name and a new id).
   */
  from: 'backup' | 'backup-notes' | 'folder';
  /** The backup used, when one was. */
  backup: { id: string; createdAt: string } | null;
  /** The archive's name and id once repaired. */
  name: string;
  id: string;
  /** True when no backup knew the archive's id, so the repaired archive gets a new one. */
  newId: boolean;
}

export interface ManifestRepairResult {
  /** False when the description was found whole (repaired meanwhile): nothing was changed. */
  repaired: boolean;
  plan: ManifestRepairPlan | null;
  /** Where the damaged file was kept (relative to the archive), never deleted. */
  quarantined: string | null;
  /** The archive as it is after the repair (open for writing when nothing else stops it). */
  archive: ArchiveInfo;
}

export interface RecentArchive {
  path: string;
  name: string;
  openedAt: string;
}

export type Door = 'desktop' | 'web';

export interface AppInfo {
  name: string;
  version: string;
  door: Door;
  /** Whether the door can show a native folder picker (desktop only). */
  canPickFolders: boolean;
  archive: ArchiveInfo | null;
  /** Why no archive is open, when the one Cairn tried to open at start was refused (locked, too new...). */
  notice: CairnErrorShape | null;
}

/**
 * json: one document (records, entities, vocabularies); jsonl: one record per line; csv: RFC 4180,
 * one row per record; dc: Dublin Core (oai_dc) XML; annotations: W3C Web Annotation JSON-LD;
 * bagit: a BagIt bag (RFC 8493) holding all of these, the originals and a Frictionless datapackage.json.
 */
export type ExportFormat = 'json' | 'jsonl' | 'csv' | 'dc' | 'annotations' | 'bagit';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['json', 'jsonl', 'csv', 'dc', 'annotations', 'bagit'];

/** The columns a CSV export (and the bag's records.csv) can carry, in this order. */
export type CsvField =
  | 'id' | 'title' | 'date' | 'place' | 'identifier' | 'creator' | 'publisher' | 'type' | 'language' | 'derivedFrom' | 'rights'
  | 'description' | 'status' | 'tags' | 'people' | 'organizations' | 'places' | 'annotations' | 'notes' | 'reviewedBy' | 'reviewedAt'
  | 'reviewComment' | 'sourceFile' | 'sourceSha256' | 'createdAt' | 'updatedAt' | 'text';
export const CSV_FIELDS: readonly CsvField[] = [
  'id', 'title', 'date', 'place', 'identifier', 'creator', 'publisher', 'type', 'language', 'derivedFrom', 'rights',
  'description', 'status', 'tags', 'people', 'organizations', 'places', 'annotations', 'notes', 'reviewedBy', 'reviewedAt',
  'reviewComment', 'sourceFile', 'sourceSha256', 'createdAt', 'updatedAt', 'text',
];

/** What goes into an export besides the records' descriptions, and how it is written. */
export interface ExportOptions {
  format: ExportFormat;
  /** Export the records this query finds (e.g. "status:reviewed"); all records when empty. */
  query?: string;
  /** Export exactly these records (overrides query). */
  ids?: string[];
  /** CSV columns (and records.csv in a bag); all of CSV_FIELDS when absent. 'id' is always kept. */
  fields?: CsvField[];
  /** Notes about whole records (internal working notes); default false. */
  includeNotes?: boolean;
  /** The names of the people who reviewed, annotated and noted; default true. Off, each name is left blank. */
  includeNames?: boolean;
  /** Each record's change log (JSON, JSONL and bags); default false. */
  includeHistory?: boolean;
  /** The original files, in a bag's data/originals/; default true. */
  includeOriginals?: boolean;
  /** Start CSV with a UTF-8 byte-order mark, for spreadsheet programs; default false. */
  csvBom?: boolean;
  /** Deliver a bag as one .zip file instead of a folder; default false. */
  zip?: boolean;
  /** The export's time (ISO 8601), instead of the clock's: the same archive and options then give identical bytes. */
  exportedAt?: string;
  /** bag-info.txt's Source-Organization; the archive's name when absent. */
  organization?: string;
}

/** Start an export into a file (or, for an unzipped bag, a folder) named `name` inside `folder`. */
/** What a folder is chosen for: an archive to open or create, where an export goes, a bag to verify. */
export type FolderPurpose = 'open' | 'create' | 'export' | 'bag';

export interface ExportStartArgs extends ExportOptions {
  folder: string;
  /** A plain file name (no folders); Cairn proposes one from the archive, query and date when absent. */
  name?: string;
  /** Replace an existing file or bag of that name (the person agreed); otherwise an existing one is an error. */
  replace?: boolean;
}

export interface ExportStarted {
  job: string;
  /** Where the export will be once complete. */
  target: string;
  count: number;
}

/** What an export made, when its job is done. */
export interface ExportSummary {
  target: string;
  format: ExportFormat;
  count: number;
  /** Bytes written (for a bag, all its files). */
  bytes: number;
  /** For a bag: the files it holds. */
  files?: number;
  annotations: number;
}

/** How far a long piece of work has come (export now; imports later), polled with jobs.status. */
export interface JobStatus {
  job: string;
  /** An export, or one change to many records (Change all…). */
  kind: 'export' | 'bulk';
  state: 'running' | 'done' | 'failed' | 'cancelled';
  done: number;
  total: number;
  /** What it is doing now, in words (e.g. "records.csv"). */
  step: string;
  startedAt: string;
  /** What an export wrote. */
  result?: ExportSummary;
  /** What a bulk change did. */
  changed?: UpdateManyResult;
  error?: CairnErrorShape;
}

/** What taking an export back brought into the (empty) archive. */
export interface TakenBack {
  from: 'json' | 'jsonl' | 'bagit';
  /**
   * 'whole': into an empty archive, everything as it was exported (the archive was closed and opened
   * again). 'records': into an archive holding records, the records it did not hold, as one import
   * operation (one undo); nothing it held was changed.
   */
  into: 'whole' | 'records';
  records: number;
  entities: number;
  /** Exported entities the archive knew already (the same id, or the same kind and name): the records link the archive's. */
  matched: number;
  vocabularies: number;
  originals: number;
  /** History entries written back, and the operations they belonged to. */
  changes: number;
  operations: number;
  /** Records of the export not brought in, each with why. */
  skipped: SkippedRecord[];
}

/**
 * A record of an export that was not brought in: 'here', the archive holds it at the same revision;
 * 'other-version', the archive holds another revision of it (or cannot read its own), kept as it is;
 * 'copy', the archive (or the export itself) holds its text under another id (`here`).
 */
export interface SkippedRecord {
  id: string;
  title: string;
  reason: 'here' | 'other-version' | 'copy';
  here: string;
}

/** What `verify-bag` found: every problem named by file; ok only when there are none. */
export interface BagProblem {
  kind: 'not-a-bag' | 'missing' | 'extra' | 'altered' | 'oxum' | 'tag-missing' | 'tag-altered' | 'manifest';
  /** The file, relative to the bag's top folder. */
  file: string;
  message: string;
}

export interface BagReport {
  path: string;
  ok: boolean;
  /** Payload files checked, and their bytes. */
  files: number;
  bytes: number;
  problems: BagProblem[];
  /** bag-info.txt, as read. */
  info: Record<string, string>;
}

export interface FolderChoice {
  path: string | null;
}

/** The person's own choices, kept in their profile (not in an archive). */
export interface Settings {
  /** The interface language; null follows the system's language (English when Cairn does not speak it). */
  language: Locale | null;
  /** The name every change and review decision carries; empty until the person gives it. */
  name: string;
  /** Where the Export dialog proposes to write: the folder of the last export, else Documents (or home). */
  exportFolder: string;
}

/** Every call the UI may make: argument and result types. */
export interface CairnContract {
  'app.info': { args: void; result: AppInfo };
  'archive.info': { args: void; result: ArchiveInfo };
  'archive.open': { args: { path: string }; result: ArchiveInfo };
  'archive.create': { args: { path: string; name?: string }; result: ArchiveInfo };
  'archive.recent': { args: void; result: RecentArchive[] };
  'archive.chooseFolder': { args: { purpose: FolderPurpose }; result: FolderChoice };
  'records.list': { args: ListQuery; result: RecordList };
  'records.get': { args: { id: string }; result: CairnRecord };
  /** Where a query's words stand in one record's text, for the reader to highlight (none when it does not find the record). */
  'records.hits': { args: { id: string; query: string }; result: { ranges: TextRange[] } };
  /** Snippets of the listed records for the query, for the rows on screen (at most 200 at a time). */
  'records.snippets': { args: { query: string; ids: string[] }; result: RecordSnippet[] };
  /** The summaries of these records, as the list shows them (a record not there is left out). */
  'records.summaries': { args: { ids: string[] }; result: RecordSummary[] };
  'records.update': { args: UpdateArgs; result: CairnRecord };
  'records.updateMany': { args: UpdateManyArgs; result: UpdateManyResult };
  /** The same as a job, for thousands of records: jobs.status says how far it has come, and at the end what it did (`changed`). */
  'records.updateManyStart': { args: UpdateManyArgs; result: JobStatus };
  'records.import': { args: ImportArgs; result: ImportReport };
  /** A CSV file's columns, the map Cairn proposes and its first rows (the import dialog's mapping step); give the file's start. */
  'records.csvPreview': { args: ImportFile; result: CsvPreview };
  /** Reads a record's kept original again with another encoding: the text changes (logged, one undo), everything else stays. */
  'records.redecode': { args: { id: string; encoding: TextEncoding }; result: CairnRecord };
  'records.review': { args: ReviewArgs; result: CairnRecord };
  'records.history': { args: { id: string }; result: RecordHistory };
  'records.restore': { args: RestoreArgs; result: CairnRecord };
  'changes.undo': { args: void; result: UndoResult };
  'changes.redo': { args: void; result: UndoResult };
  'review.queue': { args: { query?: string }; result: ReviewQueue };
  'annotations.add': { args: AnnotateArgs; result: AnnotationResult };
  'annotations.update': { args: AnnotationUpdate; result: CairnRecord };
  'annotations.remove': { args: { id: string; annotation: string }; result: CairnRecord };
  'notes.add': { args: { id: string; text: string }; result: NoteResult };
  'notes.update': { args: { id: string; note: string; text: string }; result: CairnRecord };
  'notes.remove': { args: { id: string; note: string }; result: CairnRecord };
  'entities.list': { args: { kind?: EntityKind }; result: EntitySummary[] };
  'entities.get': { args: { id: string }; result: EntityPage };
  'entities.mark': { args: MarkEntityArgs; result: EntityResult };
  'entities.link': { args: { id: string; entity: string }; result: CairnRecord };
  'entities.unlink': { args: { id: string; entity: string }; result: CairnRecord };
  'entities.confirm': { args: { id: string; entity: string }; result: CairnRecord };
  'entities.update': { args: EntityUpdate; result: Entity };
  'entities.alias': { args: { id: string; name: string }; result: Entity };
  'entities.unalias': { args: { id: string; name: string }; result: Entity };
  'entities.merge': { args: { from: string; into: string }; result: Entity };
  'entities.split': { args: { id: string; alias: string }; result: SplitResult };
  'review.overview': { args: void; result: ReviewOverview };
  'search.query': { args: { query: string; limit?: number; offset?: number; sort?: SortOrder; facets?: boolean }; result: SearchResult };
  'tags.list': { args: void; result: TagCount[] };
  /** Every tag as a tree: parent, colour, count, vocabulary concept (`cairn tags`). */
  'tags.entries': { args: void; result: TagEntry[] };
  /** Renames, merges, moves, recolours or deletes a tag across the archive (`cairn tags rename|merge|move|color|delete`). */
  'tags.change': { args: TagChangeArgs; result: TagChangeResult };
  'vocabularies.list': { args: void; result: Vocabulary[] };
  /** The saved searches, each with its count now (`cairn searches`). */
  'searches.list': { args: void; result: SavedSearchCount[] };
  /** Saves the query under a name (a name already there gets the new query); refused when the query cannot be read. */
  'searches.save': { args: { name: string; query: string; restore?: SavedSearch; position?: number }; result: SavedSearchCount };
  /** Forgets a saved search, by its id or name; says where it stood (for Undo). */
  'searches.remove': { args: { search: string }; result: SavedSearch & { position: number } };
  /** Imports (or replaces) a vocabulary from a CSV, SKOS or JSON file (`cairn vocab import`): one operation, one undo. */
  'vocabularies.import': { args: VocabularyImportArgs; result: VocabularyImportResult };
  /** How many records an export's query or ids would take, before it starts. */
  'export.count': { args: { query?: string; ids?: string[]; format?: ExportFormat; zip?: boolean }; result: { count: number; problem: QueryProblem | null; name: string } };
  'export.start': { args: ExportStartArgs; result: ExportStarted };
  'export.verifyBag': { args: { path: string }; result: BagReport };
  /** Shows a finished export in the file manager (desktop); false where it cannot (web mode). */
  /** Takes a Cairn export (JSON, JSONL or a bag) back into the open archive, which must be empty, and opens it again. */
  'archive.takeBack': { args: { path: string }; result: { taken: TakenBack; archive: ArchiveInfo } };
  'export.reveal': { args: { path: string }; result: { shown: boolean } };
  'jobs.status': { args: { job: string }; result: JobStatus };
  'jobs.cancel': { args: { job: string }; result: JobStatus };
  'settings.get': { args: void; result: Settings };
  'settings.update': { args: Partial<Settings>; result: Settings };
  'backups.list': { args: void; result: BackupInfo[] };
  'backups.create': { args: void; result: BackupInfo };
  'backups.restore': { args: BackupRestoreArgs; result: BackupRestoreResult };
  'archive.verify': { args: void; result: VerifyReport };
  'archive.repair': { args: void; result: ManifestRepairResult };
  /** Copies the open archive into a new or empty folder (another disk) and opens the copy instead. */
  'archive.copyTo': { args: { path: string }; result: ArchiveInfo };
  /** Removes a lock held by a Cairn this machine cannot judge (another host), after the person confirmed it no longer runs, and opens the archive. */
  'archive.takeOver': { args: { path: string }; result: ArchiveInfo };
  /** Rebuilds a damaged record no backup has from its kept original and its history. */
  'records.rebuild': { args: { id: string }; result: { record: CairnRecord; replayed: number; archive: ArchiveInfo } };
}

export type ContractKey = keyof CairnContract;
export type ArgsOf<K extends ContractKey> = CairnContract[K]['args'];
export type ResultOf<K extends ContractKey> = CairnContract[K]['result'];

/** The runtime list of keys, checked against the interface in both directions. */
export const CONTRACT_KEYS = [
  'app.info',
  'archive.info',
  'archive.open',
  'archive.create',
  'archive.recent',
  'archive.chooseFolder',
  'records.list',
  'records.get',
  'records.hits',
  'records.snippets',
  'records.summaries',
  'records.update',
  'records.updateMany',
  'records.updateManyStart',
  'records.import',
  'records.csvPreview',
  'records.redecode',
  'records.review',
  'records.history',
  'records.restore',
  'changes.undo',
  'changes.redo',
  'review.queue',
  'review.overview',
  'annotations.add',
  'annotations.update',
  'annotations.remove',
  'notes.add',
  'notes.update',
  'notes.remove',
  'entities.list',
  'entities.get',
  'entities.mark',
  'entities.link',
  'entities.unlink',
  'entities.confirm',
  'entities.update',
  'entities.alias',
  'entities.unalias',
  'entities.merge',
  'entities.split',
  'search.query',
  'tags.list',
  'tags.entries',
  'tags.change',
  'vocabularies.list',
  'searches.list',
  'searches.save',
  'searches.remove',
  'vocabularies.import',
  'export.count',
  'export.start',
  'export.verifyBag',
  'export.reveal',
  'archive.takeBack',
  'jobs.status',
  'jobs.cancel',
  'settings.get',
  'settings.update',
  'backups.list',
  'backups.create',
  'backups.restore',
  'archive.verify',
  'archive.repair',
  'archive.copyTo',
  'archive.takeOver',
  'records.rebuild',
] as const satisfies readonly ContractKey[];
type Missing = Exclude<ContractKey, (typeof CONTRACT_KEYS)[number]>;
const everyKeyListed: [Missing] extends [never] ? true : Missing = true;
void everyKeyListed;

/** Stable error codes; each error also carries a sentence a person can act on. */
export type ErrorCode =
  | 'E_VALIDATION'
  | 'E_NOT_FOUND'
  | 'E_CONFLICT'
  | 'E_DUPLICATE'
  | 'E_UNSUPPORTED_FORMAT'
  | 'E_DECODE'
  | 'E_EMPTY_FILE'
  | 'E_NOT_A_FILE'
  | 'E_TOO_LARGE'
  | 'E_NO_ARCHIVE'
  | 'E_NOT_AN_ARCHIVE'
  | 'E_ARCHIVE_LOCKED'
  | 'E_ARCHIVE_TOO_NEW'
  | 'E_ARCHIVE_CORRUPT'
  | 'E_FOLDER_NOT_EMPTY'
  | 'E_READ_ONLY'
  | 'E_RECORD_CONFLICT'
  | 'E_RECORD_TOO_NEW'
  | 'E_UNSUPPORTED'
  | 'E_NOTHING_TO_UNDO'
  | 'E_NEEDS_NAME'
  | 'E_UNCONFIRMED'
  | 'E_FORBIDDEN'
  | 'E_IO'
  | 'E_INTERNAL';

/**
 * Words from the core for a person: a message of the catalogue (messages/<locale>.json) by key, and
 * its values, some of which may be words to translate themselves. Each door says them in its own
 * language; the English sentence beside them stays for programs and logs.
 */
export interface LocalText {
  key: string;
  params?: Record<string, string | number | LocalText>;
}

export interface CairnErrorShape {
  code: ErrorCode;
  /** The sentence in English: stable for scripts and logs, whatever the interface language. */
  message: string;
  /** The same sentence as catalogue words, for a person in their language; absent for unexpected errors. */
  text?: LocalText;
}

/** What every door returns for a call: a result or an error, never a thrown exception. */
export type Envelope<T> = { ok: true; result: T } | { ok: false; error: CairnErrorShape };

/** Events the desktop shell sends to the UI (menu commands). Web mode sends none. */
export type ShellCommand = 'archive.new' | 'archive.open' | 'archive.verify' | 'import.files' | 'import.folder' | 'export.open' | 'search.focus' | 'settings.open';

/** What the preload (desktop) or the web adapter puts on window.cairn. Nothing else is exposed. */
export interface CairnBridge {
  door: Door;
  invoke<K extends ContractKey>(key: K, args: ArgsOf<K>): Promise<Envelope<ResultOf<K>>>;
  onCommand(listener: (command: ShellCommand) => void): () => void;
}

/** Largest single file the importer accepts (bytes). */
export const MAX_IMPORT_FILE_BYTES = 50 * 1024 * 1024;
