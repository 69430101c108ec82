// One open archive: its records in memory, its search index, and the one way records change.
import { readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type {
  ArchiveInfo,
  ArchiveProblem,
  Author,
  BackupInfo,
  BackupReason,
  ManifestRepairPlan,
  VerifyReport,
  LocalText,
  CairnRecord,
  ChangeEntry,
  Operation,
  OperationKind,
  RecordHistory,
  RestoreArgs,
  ReviewArgs,
  ReviewOverview,
  ReviewQueue,
  UndoResult,
  UpdateManyArgs,
  UpdateManyResult,
  ImportReport,
  ListQuery,
  RecordList,
  RecordPatch,
  RecordSummary,
  SearchResult,
  SortOrder,
  TagCount,
  TagEntry,
  UpdateArgs,
  TextEncoding,
  TagChangeArgs,
  RecordSnippet,
  SavedSearch,
  SavedSearchCount,
  VocabularyImportArgs,
  VocabularyImportResult,
  TagChangeResult,
  Vocabulary,
  AnnotateArgs,
  AnnotationResult,
  AnnotationUpdate,
  Entity,
  EntityKind,
  EntityPage,
  EntityResult,
  EntitySummary,
  EntityUpdate,
  MarkEntityArgs,
  NoteResult,
  SplitResult,
  TextRange,
} from '../contract';
import type { ArchiveContext, Committed, EntityStep } from './archive-context';
import * as annotations from './annotations/annotation-operations';
import * as entityOps from './entities/entity-operations';
import { EntityRegistry } from './entities/entity-registry';
import { deleteEntity, entityFileOf, loadEntities, saveEntity } from './entities/entity-store';
import { RECORD_FORMAT_VERSION } from './model/record-schema';
import { renderText, text } from '../common/i18n/text';
import { CairnError, problem, reasonOf } from './errors';
import { applyPatch, tagKey } from './model/record';
import { SearchKeeper } from './search/search-keeper';
import { catalogueIsCurrent, catalogueOf } from './catalogue/catalogue-file';
import type { QueryAnswer } from './query/run-query';
import { RecordQueries } from './query/record-queries';
import { importBatch, type ImportBatchOptions, type ImportTarget, type IncomingFile } from './import/import-batch';
import { nearHash } from './import/near-duplicate';
import { HashIndex } from './import/hash-index';
import { Preparer } from './import/preparer';
import type { ExportSource } from './export/export-source';
import { readExport, writeTakenBack, type ExportContents, type TakenBack } from './export/take-back';
import { planBringIn, writeBroughtIn } from './export/bring-in';
import { tagEntries } from './tags/tag-list';
import { planTagChange } from './tags/tag-manager';
import { loadSavedSearches, saveSavedSearches, SavedSearches } from './query/saved-searches';
import { loadTagColours, saveTagColours, TagColours } from './tags/tag-colours';
import { ConceptIndex } from '../common/tags/tag-paths';
import { planConceptRetag } from './vocab/vocabulary-replace';
import { compareEditions } from './vocab/vocabulary-editions';
import { diffVocabularies, planColourReversal, planVocabularyReversal, type ColourStep, type VocabularyStep } from './vocab/vocabulary-changes';
import { APP_VERSION } from './app-version';
import { createArchiveFolder, FORMAT_VERSION, layout, upgradeManifest, type Manifest } from './store/archive-folder';
import { readManifestOrPlanRepair } from './repair/manifest-repair';
import { copyArchiveFolder, type CopyOutcome } from './store/copy-archive';
import { ChangeLog, changesLayout, newOperationId, undoRedoTargets, type OperationWriter } from './changes/change-log';
import { diffRecords } from './changes/entries';
import { entitySnapshot, planEntityReversal, planReversal, type Step } from './changes/reverse';
import { keepRemoved, readRemoved } from './store/removed-records';
import { checkStatusChange, reviewQueue } from './review/review-rules';
import { reviewOverview } from './review/overview';
import { parseMoment, recordAt, recordBeforeChange } from './history/restore';
import { acquireLock } from './store/archive-lock';
import { fileKeyOf, loadRecords, saveRecord, type LoadedRecords } from './store/record-store';
import { removeLeftoverTempFiles } from './store/leftover-temp-files';
import { folderUnwritableReason, unwritableReason } from './store/unwritable-folder';
import { makeDirectory, writeDurably } from './store/durable-json-file';
import { loadVocabularies, validateVocabulary } from './vocab/vocabulary-file';
import { backupDir, createSnapshot, findSnapshot, listSnapshots, prepareSnapshot, restoreSnapshot, rotateSnapshots, type PreparedSnapshot } from './backup/backup-store';
import { verifyArchive } from './verify/verify-archive';
import { recoveryKindOf } from './backup/quarantine';
import * as recovery from './backup/recovery';

export interface OpenOptions {
  /** Read-only opens take no lock and refuse every change (used by read-only CLI commands). */
  readOnly?: boolean;
  /** Why it is opened read-only, for the window and for the error a change gets. */
  readOnlyReason?: LocalText;
  /**
   * Open read-only, instead of refusing, when the archive's folder cannot be written (a read-only
   * disk, a write-protected stick, no permission): the window can still read, search and export it.
   */
  readOnlyIfUnwritable?: boolean;
  /** Names this process in the lock file, e.g. "Cairn 0.1.0 (web)". */
  app: string;
  /** The person's name that changes carry (Settings); see Archive.person. */
  person?: string;
  /** The change log's clock (tests pass their own). */
  now?: () => number;
  /**
   * Takes the automatic backups: one when opened for writing (at most one a day), one before a
   * format upgrade and one before each bulk change. The doors turn it on.
   */
  autoBackup?: boolean;
  /** How long after the last change a search index that has drifted from its snapshot is saved (default 30 s; tests shorten it). */
  searchSaveDelayMs?: number;
}

export type { IncomingFile } from './import/import-batch';

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });



export class Archive {
  readonly root: string;
  readonly readOnly: boolean;
  #manifest: Manifest;
  /**
   * Every record, by id. A record object is never changed in place: an edit makes a new one (see
   * changes/entries.ts's applyChanges). The search index trusts this: a record still the object read
   * from its file is known by that file's key (store/record-store.ts's fileKeyOf).
   */
  #records = new Map<string, CairnRecord>();
  #byTextHash = new HashIndex();
  /** The search index: its snapshot loaded on need, kept up to date with every change (see search/search-keeper). */
  #search: SearchKeeper;
  #problems: ArchiveProblem[];
  /** Records that may be read but not written, with the error a write gets (see loadRecords). */
  #frozen: LoadedRecords['frozen'];
  #vocabularies: Vocabulary[];
  /** The vocabularies' concepts by tag and label; built on need after each vocabulary change. */
  #concepts: ConceptIndex | null = null;
  /** The saved searches (searches.json). */
  #saved: SavedSearches = new SavedSearches([]);
  /** Counts one more each time a record, an entity or a vocabulary is written: the answers, the list's orders and the saved searches' counts are kept until it moves. */
  #changes = 0;
  /** Moves on when a record's title changes, or a record comes or goes (the title ranks follow it). */
  #titleChanges = 0;
  /** The list, searches, snippets and highlights (query/record-queries.ts): answers and orders kept until anything changes. */
  #queries = new RecordQueries({
    records: this.#records,
    index: () => this.#search.index(),
    entities: () => this.#entities,
    concepts: () => this.#conceptIndex(),
    changes: () => this.#changes,
    titleChanges: () => this.#titleChanges,
  });
  #savedCounts: { at: number; counts: Map<string, SavedSearchCount> } | null = null;
  /** The own colours of tags that are no concept (tags.json); damaged: it is never written over. */
  #tagColours: { colours: TagColours; damaged: boolean } = { colours: new TagColours(), damaged: false };
  #release: (() => Promise<void>) | null;
  #queue: Promise<unknown> = Promise.resolve();
  #closed = false;
  /** Why the archive is read-only; null when it is writable. */
  #readOnlyReason: LocalText | null;
  #log: ChangeLog;
  #entities: EntityRegistry;
  /** The name the next changes carry (the person's, from Settings). */
  person = '';
  #autoBackup = false;
  /** The folder opened for writing, by device and inode: a writer checks it is still there before each change. */
  #folder: { dev: number; ino: number } | null = null;
  /** How a damaged manifest would be rebuilt (the archive is then read-only until it is); null when it is whole. */
  #repair: ManifestRepairPlan | null = null;
  /** Who opens the archive (the lock says so). */
  #app = '';
  /** The day's backup while it is being taken (close waits for it). */
  #daily: Promise<void> = Promise.resolve();
  /** Prepares imported files in a worker thread. */
  #preparer = new Preparer();
  /** Records by their typography-free fingerprint (near duplicates): built on an import's first need, then kept. */
  #byNearHash: HashIndex | null = null;
  /** Imports sent in several calls (a door's batches of a big folder), each one operation until its last call. */
  #importSessions = new Map<string, { writer: OperationWriter; idle: NodeJS.Timeout | null; calls: number }>();
  /** Sessions this archive has seen, so that one interrupted by another change goes on (and one begun in another archive does not). */
  #seenSessions = new Set<string>();

  private constructor(root: string, manifest: Manifest, loaded: LoadedRecords, vocabularies: Vocabulary[], release: (() => Promise<void>) | null, readOnlyReason: LocalText | null, log: ChangeLog, entities: Entity[], searchSaveDelayMs?: number) {
    this.root = root;
    this.#log = log;
    this.#entities = new EntityRegistry(entities);
    this.#manifest = manifest;
    this.#problems = loaded.problems;
    this.#frozen = loaded.frozen;
    this.#vocabularies = vocabularies;
    this.#release = release;
    this.readOnly = readOnlyReason !== null;
    this.#readOnlyReason = readOnlyReason;
    for (const r of loaded.records) {
      this.#records.set(r.id, r);
      this.#byTextHash.set(r.id, r.textHash);
    }
    // The index is not loaded here: opening and reading stay fast, and searching loads it on need.
    this.#search = new SearchKeeper({
      root,
      records: () => this.#records,
      fileKey: fileKeyOf,
      writable: () => this.#release !== null,
      closed: () => this.#closed,
      folderHere: () => this.#assertFolderHere().then(() => true, () => false),
      saveDelayMs: searchSaveDelayMs,
      catalogue: {
        current: () => catalogueIsCurrent(root),
        // Not a record held back (several files, kept elsewhere) or from a newer Cairn: those are always read, and reported.
        prepare: (keys) =>
          catalogueOf(root, this.#records, keys, {
            keyOf: fileKeyOf,
            keep: (r) => !this.#frozen.has(r.id) && r.formatVersion <= RECORD_FORMAT_VERSION,
            entities: this.#entities.all().flatMap((entity) => {
              const read = entityFileOf(entity);
              return read ? [{ ...read, entity }] : [];
            }),
          }),
      },
    });
  }

  /** Opens an existing archive: checks its format version, takes its lock, loads its records. */
  static async open(root: string, options: OpenOptions): Promise<Archive> {
    const abs = path.resolve(root);
    // A damaged manifest, or one from a newer Cairn, opens read-only: records are readable, nothing is written.
    const { manifest, repair } = await readManifestOrPlanRepair(abs);
    let readOnlyReason = options.readOnly ? (options.readOnlyReason ?? text('archive_read_only')) : null;
    if (repair) readOnlyReason = text('archive_manifest_damaged_read_only', { manifest: repair.file, problem: repair.problem });
    else if (manifest.version > FORMAT_VERSION) readOnlyReason = text('archive_too_new_read_only', { version: String(manifest.version), supported: String(FORMAT_VERSION) });
    let release: (() => Promise<void>) | null = null;
    if (readOnlyReason === null) {
      try {
        release = await acquireLock(abs, options.app);
      } catch (e) {
        // Whatever stopped the lock (EROFS/EACCES/EPERM, or a lock left in a folder nobody here can
        // write), a folder that cannot be written opens for reading. No lock is taken then: another
        // process may write meanwhile, which reading can bear.
        const reason = options.readOnlyIfUnwritable ? (unwritableReason(e) ?? (await folderUnwritableReason(abs))) : null;
        if (!reason) throw e;
        readOnlyReason = reason;
      }
    }
    try {
      let current = manifest;
      if (release) {
        await removeLeftoverTempFiles(abs);
        // A backup first: the archive as the older Cairn left it can always be put back.
        if (options.autoBackup && manifest.version < FORMAT_VERSION) await createSnapshot(abs, backupDir(abs), { reason: 'migration', archive: archiveOf(manifest) });
        current = await upgradeManifest(abs, manifest);
      }
      // Records and entities are read side by side (their problems said in this order all the same).
      const entityProblems: ArchiveProblem[] = [];
      const [loaded, entities] = await Promise.all([loadRecords(abs), loadEntities(abs, entityProblems)]);
      const vocabularies = await loadVocabularies(layout.vocabulariesDir(abs), abs, loaded.problems);
      loaded.problems.push(...entityProblems);
      const tagColours = await loadTagColours(abs, loaded.problems);
      const saved = await loadSavedSearches(abs, loaded.problems);
      await recovery.setDamagedAside(abs, loaded.problems, release !== null);
      const log = await ChangeLog.open(abs, current.replica ?? current.id, { now: options.now });
      const archive = new Archive(abs, current, loaded, vocabularies, release, readOnlyReason, log, entities, options.searchSaveDelayMs);
      archive.person = options.person ?? '';
      archive.#tagColours = tagColours;
      archive.#saved = saved;
      archive.#app = options.app;
      archive.#repair = repair;
      if (release) {
        const st = await stat(abs);
        archive.#folder = { dev: st.dev, ino: st.ino };
      }
      archive.#autoBackup = release !== null && options.autoBackup === true;
      if (archive.#autoBackup) archive.#backupDaily();
      return archive;
    } catch (e) {
      await release?.();
      throw e;
    }
  }

  /** Creates a new empty archive in an empty or new folder and opens it. */
  static async create(root: string, options: OpenOptions & { name?: string }): Promise<Archive> {
    const abs = path.resolve(root);
    await createArchiveFolder(abs, options.name?.trim() || path.basename(abs) || 'Archive', options.app);
    return Archive.open(abs, options);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    await this.#daily;
    this.#closed = true;
    await this.#queue.catch(() => undefined);
    for (const session of [...this.#importSessions.keys()]) await this.#endImportSession(session).catch(() => undefined);
    await this.#preparer.close();
    // The search index as it is now, when it has drifted from its snapshot, written while the lock
    // is still held. A reader (the CLI's searches) borrows the lock for it when nobody holds it:
    // otherwise an archive filled by `cairn import` would be indexed again by every `cairn search`.
    if (!this.#release && this.#readOnlyReason?.key === 'archive_read_only' && this.#search.wantsPersist()) {
      this.#release = await acquireLock(this.root, this.#app).catch(() => null);
    }
    if (this.#release) await this.#search.persist();
    await this.#release?.();
    this.#release = null;
  }

  info(): ArchiveInfo {
    return {
      path: this.root,
      name: this.#manifest.name,
      id: this.#manifest.id,
      formatVersion: this.#manifest.version ?? FORMAT_VERSION,
      recordCount: this.#records.size,
      readOnly: this.readOnly,
      readOnlyReason: this.#readOnlyReason && renderText(this.#readOnlyReason),
      readOnlyText: this.#readOnlyReason,
      problems: [...this.#problems],
      searchIndex: this.#search.info(),
      repair: this.#repair,
    };
  }

  /**
   * Loads the search index's snapshot and brings it up to date in the background, a slice at a
   * time, so that calls keep being answered meanwhile. The doors and the CLI await this before a search.
   */
  whenIndexed(): Promise<void> {
    return this.#search.ready();
  }

  /** How the records were checked against the index's snapshot when it loaded (by their files' keys, or by hashing): for tests and the bench. */
  searchIndexChecked(): { byFile: number; byContent: number } {
    return this.#search.checked();
  }

  get size(): number {
    return this.#records.size;
  }

  has(id: string): boolean {
    return this.#records.has(id);
  }

  get(id: string): CairnRecord {
    return this.#queries.get(id);
  }

  list(query: ListQuery = {}): RecordList {
    return this.#queries.list(query);
  }

  /** The summaries of these records, in the order asked (a record not in the archive is left out). */
  summaries(ids: readonly string[]): RecordSummary[] {
    return this.#queries.summaries(ids);
  }

  /**
   * The records a query finds, best first, with a snippet each (see query/ for the language). A
   * malformed query gives its problem and no hits, never an exception.
   */
  search(query: string, limit = 50, options: { offset?: number; sort?: SortOrder; facets?: boolean } = {}): SearchResult {
    return this.#queries.search(query, limit, options);
  }

  /**
   * Snippets of `ids` for a query (the result list asks for the rows it shows): the text around the
   * first word it matched, and where the matched words stand in it. A record it does not match, a
   * query without words or one that cannot be read: an empty snippet.
   */
  snippets(query: string, ids: readonly string[]): RecordSnippet[] {
    return this.#queries.snippets(query, ids);
  }

  /** Where the words a query matched in a record stand in its text (none when the query does not find it). */
  hitRanges(id: string, query: string): TextRange[] {
    return this.#queries.hitRanges(id, query);
  }

  /** Runs a query against the index (loaded only when the query has words) and the records (answers kept until anything changes). */
  #query(query: string): QueryAnswer {
    return this.#queries.answer(query);
  }

  tags(): TagCount[] {
    const counts = new Map<string, TagCount>();
    for (const r of this.#records.values()) {
      for (const tag of r.tags) {
        const entry = counts.get(tagKey(tag)) ?? { tag, count: 0 };
        entry.count++;
        counts.set(tagKey(tag), entry);
      }
    }
    return [...counts.values()].sort((a, b) => b.count - a.count || collator.compare(a.tag, b.tag));
  }

  /** Every tag as a tree, with counts, colours and vocabulary concepts (see tags/tag-list.ts). */
  tagEntries(): TagEntry[] {
    return tagEntries(this.#records.values(), this.#vocabularies, this.#tagColours.colours);
  }

  /**
   * Renames, merges, moves, recolours or deletes a tag across the archive, as one operation (one
   * undo); with `dryRun`, only says what it would change (see tags/tag-manager.ts).
   */
  async changeTags(args: TagChangeArgs): Promise<TagChangeResult> {
    if (!args.dryRun) this.#assertWritable();
    return this.#serial(async () => {
      const plan = planTagChange(args, {
        records: this.#records.values(),
        vocabularies: this.#vocabularies,
        colours: this.#tagColours.colours,
        writable: (id) => void this.#writable(id),
      });
      const result = { tag: plan.tag, ...(plan.to !== undefined ? { to: plan.to } : {}), records: plan.steps.length, tags: plan.tags, vocabularies: plan.vocabularies.length };
      if (plan.colours.length) this.#assertColoursWritable();
      if (args.dryRun) return { ...result, applied: false };
      if (plan.steps.length > 1) await this.#backupBeforeBulk();
      await this.#commit({ kind: 'tags', comment: args.comment }, plan.steps, [], { vocabularies: plan.vocabularies, colours: plan.colours });
      return { ...result, applied: true };
    });
  }

  /**
   * The saved searches, each with how many records it finds now (the search index must be ready).
   * Counted again only after a record or entity changed: asking twice costs nothing.
   */
  savedSearches(): SavedSearchCount[] {
    if (this.#savedCounts?.at !== this.#changes) this.#savedCounts = { at: this.#changes, counts: new Map() };
    const counts = this.#savedCounts.counts;
    return this.#saved.all().map((s) => {
      const key = `${s.id}\u0000${s.query}`;
      let counted = counts.get(key);
      if (!counted) counts.set(key, (counted = this.#counted(s)));
      return { ...counted, name: s.name };
    });
  }

  /** How many records a saved search finds: the query's hits counted, not summarised or sorted. */
  #counted(s: SavedSearch): SavedSearchCount {
    const answer = this.#query(s.query);
    return answer.problem ? { ...s, count: null, problem: answer.problem } : { ...s, count: answer.hits.length };
  }

  /** Saves a query under a name (the same name again replaces its query); a query that cannot be read is refused. */
  async saveSearch(args: { name: string; query: string; restore?: SavedSearch; position?: number }): Promise<SavedSearchCount> {
    this.#assertWritable();
    // Brought back as it was (Undo of forgetting it) even when its query no longer reads.
    const checked = args.restore ? null : this.#query(args.query).problem;
    if (checked) throw new CairnError('E_VALIDATION', text('searches_bad_query', { problem: checked.text }));
    return this.#serial(async () => {
      const { next, saved } = args.restore ? this.#saved.withRestored(args.restore, args.position ?? Number.MAX_SAFE_INTEGER) : this.#saved.withSaved(args.name, args.query, this.author, new Date().toISOString());
      await saveSavedSearches(this.root, next);
      this.#saved = next;
      return this.#counted(saved);
    });
  }

  /** Forgets a saved search (by id or name). */
  async removeSearch(idOrName: string, by: 'id or name' | 'name' = 'id or name'): Promise<SavedSearch & { position: number }> {
    this.#assertWritable();
    return this.#serial(async () => {
      const { next, removed } = this.#saved.without(idOrName, by);
      await saveSavedSearches(this.root, next);
      this.#saved = next;
      return removed;
    });
  }

  vocabularies(): Vocabulary[] {
    return this.#vocabularies;
  }

  /**
   * Adds (or replaces) a vocabulary, stored as its own file under vocabularies/: one operation, one
   * undo. A concept keeps its id across editions: records carrying its tag follow a new label or place.
   */
  async putVocabulary(given: Vocabulary, options: { comment?: string; dryRun?: boolean } = {}): Promise<VocabularyImportResult> {
    if (!options.dryRun) this.#assertWritable();
    const vocabulary = validateVocabulary(given);
    return this.#serial(async () => {
      const before = this.#vocabularies.find((v) => v.id === vocabulary.id) ?? null;
      const after = before ? this.#vocabularies.map((v) => (v.id === vocabulary.id ? vocabulary : v)) : [...this.#vocabularies, vocabulary];
      const steps = planConceptRetag(this.#vocabularies, after, this.#records.values(), (id) => void this.#writable(id));
      const result = { ...compareEditions(before, vocabulary), replaced: before !== null, records: steps.length };
      if (options.dryRun) return { ...result, applied: false };
      if (steps.length > 1) await this.#backupBeforeBulk();
      await this.#commit({ kind: 'vocabulary', comment: options.comment }, steps, [], { vocabularies: [{ before, after: vocabulary }] });
      return { ...result, applied: true };
    });
  }

  /** Reads a vocabulary file (CSV, SKOS Turtle or JSON-LD, Cairn's JSON) and puts it in (see putVocabulary). */
  async importVocabulary(args: VocabularyImportArgs): Promise<VocabularyImportResult> {
    if (!args.dryRun) this.#assertWritable();
    const { readVocabularyFile } = await import('./vocab/read-vocabulary');
    const vocabulary = await readVocabularyFile(Buffer.from(args.dataBase64, 'base64'), args.name, { id: args.id, label: args.label });
    // The history says which file it came from.
    return this.putVocabulary(vocabulary, { comment: args.name, dryRun: args.dryRun });
  }

  /** Writes a vocabulary's file (null: takes it out), unlogged: the caller logs it, or it comes back as it was (a restore, an export taken back). */
  async #writeVocabulary(vocabulary: Vocabulary, gone?: string): Promise<void> {
    if (gone !== undefined) {
      await rm(path.join(layout.vocabulariesDir(this.root), `${gone}.json`), { force: true });
      this.#vocabularies = this.#vocabularies.filter((v) => v.id !== gone);
    } else {
      await makeDirectory(layout.vocabulariesDir(this.root));
      await writeDurably(path.join(layout.vocabulariesDir(this.root), `${vocabulary.id}.json`), JSON.stringify(vocabulary, null, 2) + '\n');
      const at = this.#vocabularies.findIndex((v) => v.id === vocabulary.id);
      this.#vocabularies = at < 0 ? [...this.#vocabularies, vocabulary] : this.#vocabularies.with(at, vocabulary);
    }
    this.#concepts = null;
    // What tag: finds follows the vocabularies: counted as a change.
    this.#changes++;
  }

  /** The archive's backups, newest first. */
  backups(): Promise<BackupInfo[]> {
    return listSnapshots(backupDir(this.root));
  }

  /**
   * Reads every file of the archive and names what is missing, damaged or unexpected (see
   * verify/verify-archive.ts). Changes wait meanwhile, so that none is taken for damage half-made.
   */
  verify(progress?: (done: number, total: number) => void): Promise<VerifyReport> {
    return this.#serial(() => verifyArchive(this.root, { progress }));
  }

  /**
   * Takes a backup now, in turn with the changes. Into the archive's own backups (rotated), or with
   * `out` into a backup folder elsewhere (a USB stick), which is never rotated; a read-only archive
   * can be backed up only elsewhere.
   */
  async createBackup(reason: BackupReason = 'manual', out?: string): Promise<BackupInfo> {
    if (this.#closed) throw new CairnError('E_NO_ARCHIVE', text('archive_closed'));
    if (!out) this.#assertWritable();
    return this.#serial(() => this.#snapshot(reason, out));
  }

  async #snapshot(reason: BackupReason, out?: string, prepared?: PreparedSnapshot): Promise<BackupInfo> {
    const info = await createSnapshot(this.root, out ?? backupDir(this.root), { reason, archive: archiveOf(this.#manifest), prepared });
    if (!out) await rotateSnapshots(backupDir(this.root));
    return info;
  }

  /**
   * The backup taken at open: at most one a day; a failure is reported among the problems, never in
   * the way. The contents are copied first, beside the changes (the first backup of a large archive
   * copies everything); the snapshot itself then waits its turn, so it is of one moment.
   */
  #backupDaily(): void {
    this.#daily = (async () => {
      // A new, empty archive has nothing to lose yet.
      if (this.#records.size === 0) return;
      const newest = (await this.backups())[0];
      if (newest && new Date(newest.createdAt).toDateString() === new Date().toDateString()) return;
      const prepared = await prepareSnapshot(this.root, backupDir(this.root));
      await this.#serial(async () => {
        if (!this.#closed) await this.#snapshot('daily', undefined, prepared);
      });
    })().catch((e: unknown) => {
      this.#problems.push(problem('backups', text('backup_failed', { reason: reasonOf(e) })));
    });
  }

  /** A backup before a change to many records (when automatic backups are on). */
  async #backupBeforeBulk(): Promise<void> {
    if (this.#autoBackup) await this.#snapshot('bulk');
  }

  /**
   * Brings back one record or one damaged file from a backup (the given one, or the newest that has
   * it), as a change that can be undone (see backup/recovery).
   */
  async restoreFromBackup(args: { backup?: string; record?: string; file?: string }): Promise<{ backup: BackupInfo; record?: CairnRecord; replayed: number }> {
    this.#assertWritable();
    return this.#serial(async () => {
      const { file, ...result } = await recovery.restoreFromBackup(this.#recoveryCtx, args);
      this.#recovered(file);
      return result;
    });
  }

  /** Rebuilds a damaged record that no backup has from its kept original and its history (see backup/recovery). */
  async rebuildRecord(id: string): Promise<{ record: CairnRecord; replayed: number }> {
    this.#assertWritable();
    return this.#serial(async () => {
      const { file, ...result } = await recovery.rebuildRecord(this.#recoveryCtx, id);
      this.#recovered(file);
      return result;
    });
  }

  get #recoveryCtx(): recovery.RecoveryContext {
    return {
      ...this.#ctx,
      root: this.root,
      person: this.person,
      present: (id) => this.#records.get(id),
      historyOf: async (id) => (await this.#log.entries(id, Number.MAX_SAFE_INTEGER)).entries,
      putVocabulary: (v) => this.#writeVocabulary(v),
    };
  }

  /** A file brought back: its record may be written again, and its problem is solved. */
  #recovered(file: string): void {
    const kind = recoveryKindOf(file);
    if (kind?.kind === 'record') this.#frozen.delete(kind.id);
    this.#problems = this.#problems.filter((p) => p.partial || p.file !== file);
  }

  /**
   * Puts the whole archive back as a backup holds it, after taking a backup of it as it is now (so
   * that this too can be undone), and closes it: the caller opens it again.
   */
  async restoreArchive(backupId?: string): Promise<{ backup: BackupInfo; written: number; removed: number }> {
    this.#assertWritable();
    return this.#serial(async () => {
      const store = backupDir(this.root);
      const backup = await findSnapshot(store, backupId);
      // Not rotated now: rotation could take away the very backup being restored.
      await createSnapshot(this.root, store, { reason: 'restore', archive: archiveOf(this.#manifest) });
      const outcome = await restoreSnapshot(this.root, store, backup.id);
      this.#closed = true;
      await this.#release?.();
      this.#release = null;
      return { backup, ...outcome };
    });
  }

  /**
   * Takes a Cairn export (JSON, JSONL, or a bag) into this archive. Into an empty archive it comes
   * back whole, as it was exported: the records, entities, vocabularies, originals and history, and
   * the operations they belonged to; then the archive closes, and the caller opens it again (which
   * loads and indexes what was written). Into an archive that holds records, the records it does not
   * hold are brought in, one operation (one undo), and the archive stays open (see bring-in.ts).
   */
  async takeBack(where: string): Promise<TakenBack> {
    this.#assertWritable();
    const contents = await readExport(where);
    try {
      return await this.#serial(async () => {
        // Checked here, in turn: another call may have added a record while the export was being read.
        if (this.#records.size > 0 || this.#entities.size > 0 || this.#frozen.size > 0) return this.#bringIn(contents);
        const root = this.root;
        const outcome = await writeTakenBack(contents, {
          saveRecord: (record) => saveRecord(root, record),
          saveEntity: (entity) => saveEntity(root, entity),
          saveVocabulary: (vocabulary) => this.#writeVocabulary(vocabulary),
          keepOriginal: async (sha, bytes) => void (await this.#keepOriginal(sha, bytes)),
          appendHistory: (id, entries) => this.#log.appendHistory(id, entries),
          appendOperations: (operations) => this.#log.appendOperations(operations),
        });
        this.#closed = true;
        await this.#release?.();
        this.#release = null;
        return outcome;
      });
    } finally {
      if (contents.cleanup) await rm(contents.cleanup, { recursive: true, force: true });
    }
  }

  /** The records of an export this archive does not hold, written as one import operation; nothing here is overwritten. */
  async #bringIn(contents: ExportContents): Promise<TakenBack> {
    const unreadable = { rev: -1, textHash: '', updatedAt: '' };
    const plan = planBringIn(contents, {
      record: (id) => this.#records.get(id) ?? (this.#frozen.has(id) ? unreadable : undefined),
      copyOf: (hash) => this.#byTextHash.get(hash),
      entity: (id) => this.#entities.find(id),
      entityByName: (kind, name) => this.#entities.byName(kind, name),
      hasVocabulary: (id) => this.#vocabularies.some((v) => v.id === id),
    });
    const writer = this.#log.begin({ kind: 'import', who: this.author });
    let written: { originals: number; changes: number };
    try {
      written = await writeBroughtIn(contents, plan, {
        writeVocabulary: (vocabulary) => this.#writeVocabulary(vocabulary),
        writeEntity: async (entity) => void (await this.#writeEntity(writer, { before: null, after: entity })),
        hasHistory: (id) => stat(changesLayout.record(this.root, id)).then(() => true, () => false),
        appendHistory: (id, entries) => this.#log.appendHistory(id, entries),
        keepOriginal: async (sha, bytes) => void (await this.#keepOriginal(sha, bytes)),
        writeRecord: async (record) => void (await this.#write(writer, { before: null, after: record }, 'import')),
      });
    } finally {
      if (writer.changedCount > 0) await writer.finish();
    }
    const { originals, changes } = written;
    return {
      from: contents.from,
      into: 'records',
      records: plan.records.length,
      entities: plan.entities.length,
      matched: plan.matched,
      vocabularies: plan.vocabularies.length,
      originals,
      changes,
      operations: writer.changedCount > 0 ? 1 : 0,
      skipped: plan.skipped,
    };
  }

  /**
   * Copies the archive into `dest` (a new or empty folder, on another disk) so that work can go on
   * there when this disk is full or read-only. Allowed read-only too: that is when it is needed most.
   */
  async copyTo(dest: string): Promise<CopyOutcome> {
    if (this.#closed) throw new CairnError('E_NO_ARCHIVE', text('archive_closed'));
    return this.#serial(() => copyArchiveFolder(this.root, this.#manifest, dest), { checkFolder: false });
  }

  /** Who the next change is by: the person's name and this copy of the archive. */
  get author(): Author {
    return { name: this.person.trim(), replica: this.#manifest.replica ?? this.#manifest.id };
  }

  /** Changes one record as a person asked (the details pane, `cairn set`): validated, logged, written. */
  // async so that a refusal (read-only, closed) rejects the promise instead of throwing at the call.
  async update(args: UpdateArgs): Promise<CairnRecord> {
    return this.#change(args, 'edit');
  }

  /** A review decision: the status, its comment, and (when asked) every proposal confirmed in the same step. */
  async review(args: ReviewArgs): Promise<CairnRecord> {
    return this.#change({ id: args.id, changes: { status: args.status }, comment: args.comment }, 'review', args.confirmProposals === true && args.status === 'reviewed');
  }

  /** Changes one record; `confirmAll` confirms the proposals it holds when the change is made (not when it was asked). */
  async #change(args: UpdateArgs, kind: 'edit' | 'review', confirmAll = false): Promise<CairnRecord> {
    this.#assertWritable();
    return this.#serial(async () => {
      const current = this.#writable(args.id);
      if (args.ifRev !== undefined && args.ifRev !== current.rev) {
        throw new CairnError('E_CONFLICT', text('record_changed_meanwhile', { title: current.title, rev: String(current.rev), yours: String(args.ifRev) }));
      }
      const changes = confirmAll && current.proposed.length > 0 ? { ...args.changes, confirm: [...current.proposed] } : args.changes;
      const patched = this.#patched(current, changes);
      // Confirming every proposal confirms the entity links the importer proposed too.
      const next = confirmAll && patched && patched.entities.some((l) => l.proposed) ? { ...patched, entities: patched.entities.map((l) => ({ ...l, proposed: false })) } : patched;
      if (!next) return current;
      checkStatusChange(current, next, args.comment, this.person);
      const statusChanged = next.status !== current.status;
      const { records } = await this.#commit({ kind: statusChanged ? 'review' : next.text !== current.text ? 'correct' : kind, comment: args.comment }, [{ before: current, after: next }]);
      return records[0] ?? current;
    });
  }

  /**
   * Reads a record's kept original again with another encoding (detection chose wrongly): the text
   * changes, its annotations anchor again, the source says the encoding; one change, one undo.
   */
  async redecode(id: string, encoding: TextEncoding): Promise<CairnRecord> {
    this.#assertWritable();
    return this.#serial(async () => {
      const current = this.#writable(id);
      const sha = current.source?.sha256 ?? '';
      // Only a SHA-256 names an original: a hand-edited record's source never points outside originals/.
      const original = await (/^[0-9a-f]{64}$/.test(sha) ? readFile(layout.original(this.root, sha)) : Promise.reject(new Error('not a hash'))).catch(() => {
        throw new CairnError('E_NOT_FOUND', text('redecode_no_original', { title: current.title, sha: `${sha.slice(0, 2)}/${sha}` }));
      });
      const { redecodedText } = await import('./import/redecode');
      const patched = this.#patched(current, { text: await redecodedText(current, original, encoding) });
      const next = { ...(patched ?? current), source: { ...current.source!, encoding, detectedEncoding: current.source!.detectedEncoding ?? current.source!.encoding } };
      if (next.source.encoding === current.source!.encoding && !patched) return current;
      const { records } = await this.#commit({ kind: 'correct', comment: undefined }, [{ before: current, after: next }]);
      return records[0] ?? current;
    });
  }

  /** The same change to many records, as one operation (one undo). All are checked before any is written. */
  async updateMany(args: UpdateManyArgs, progress?: (done: number, total: number, step?: 'backup') => void): Promise<UpdateManyResult> {
    this.#assertWritable();
    return this.#serial(async () => {
      const steps: Step[] = [];
      let unchanged = 0;
      const ids = new Set(args.ids);
      for (const id of ids) {
        const current = this.#writable(id);
        const next = this.#patched(current, args.changes);
        if (!next) {
          unchanged++;
          continue;
        }
        checkStatusChange(current, next, args.comment, this.person);
        steps.push({ before: current, after: next });
      }
      // The backup before a bulk change comes first, and can take a while: said as the job's step.
      progress?.(0, steps.length, 'backup');
      if (steps.length > 1) await this.#backupBeforeBulk();
      const { operation, records } = await this.#commit({ kind: 'bulk', comment: args.comment }, steps, [], { progress });
      return { op: operation?.op ?? null, changed: records.length, unchanged };
    });
  }

  /** A record's history, newest first. A damaged log is counted, never in the way of the record. */
  async history(id: string): Promise<RecordHistory> {
    const record = this.get(id);
    const { entries, damaged } = await this.#log.entries(id, record.rev);
    return { id, entries: newestFirst(entries), damaged };
  }

  /** Puts back one change's earlier value, or the whole record as it was at a moment, as a new change. */
  async restore(args: RestoreArgs): Promise<CairnRecord> {
    this.#assertWritable();
    return this.#serial(async () => {
      const current = this.#writable(args.id);
      const { entries, damaged } = await this.#log.entries(args.id, current.rev);
      const target = args.change !== undefined ? recordBeforeChange(current, entries, args.change) : recordAt(current, entries, parseMoment(args.at ?? ''), damaged);
      // A restore is a change like any other: a decision it brings back needs a name, its comment, its proposals confirmed.
      checkStatusChange(current, target, args.comment, this.person);
      const { records } = await this.#commit({ kind: 'restore', comment: args.comment }, [{ before: current, after: target }]);
      return records[0] ?? current;
    });
  }

  /** Undoes the archive's last operation not yet undone, whoever made it. */
  async undo(): Promise<UndoResult> {
    this.#assertWritable();
    return this.#serial(async () => {
      const run = undoRedoTargets(await this.#log.operations()).undo;
      if (run.length === 0) throw new CairnError('E_NOTHING_TO_UNDO', text('undo_nothing_in_archive'));
      return this.#reverse(run, 'undo');
    });
  }

  /** Redoes the last undo not yet redone (as long as no new change came after it). */
  async redo(): Promise<UndoResult> {
    this.#assertWritable();
    return this.#serial(async () => {
      const target = undoRedoTargets(await this.#log.operations()).redo;
      if (!target) throw new CairnError('E_NOTHING_TO_UNDO', text('redo_nothing_in_archive'));
      return this.#reverse([target], 'redo');
    });
  }

  /** What the capability rooms (annotations/, entities/) read and change the archive through. */
  get #ctx(): ArchiveContext {
    return {
      author: this.author,
      now: () => new Date().toISOString(),
      newId: newOperationId,
      writable: (id) => this.#writable(id),
      records: () => this.#records.values(),
      entities: this.#entities,
      commit: (draft, steps, entitySteps) => this.#commit(draft, steps, entitySteps),
    };
  }

  /** Runs one change of a capability room, in turn with every other change. */
  async #act<T>(work: (ctx: ArchiveContext) => Promise<T>): Promise<T> {
    this.#assertWritable();
    return this.#serial(() => work(this.#ctx));
  }

  annotate(args: AnnotateArgs): Promise<AnnotationResult> {
    return this.#act((ctx) => annotations.annotate(ctx, args));
  }

  updateAnnotation(args: AnnotationUpdate): Promise<CairnRecord> {
    return this.#act((ctx) => annotations.updateAnnotation(ctx, args));
  }

  removeAnnotation(id: string, annotation: string): Promise<CairnRecord> {
    return this.#act((ctx) => annotations.removeAnnotation(ctx, id, annotation));
  }

  addNote(id: string, note: string): Promise<NoteResult> {
    return this.#act((ctx) => annotations.addNote(ctx, id, note));
  }

  updateNote(id: string, note: string, given: string): Promise<CairnRecord> {
    return this.#act((ctx) => annotations.updateNote(ctx, id, note, given));
  }

  removeNote(id: string, note: string): Promise<CairnRecord> {
    return this.#act((ctx) => annotations.removeNote(ctx, id, note));
  }

  /** The archive's entities (of one kind, or all), each with the records that link to it. */
  entities(kind?: EntityKind): EntitySummary[] {
    return this.#entities.summaries(this.#records.values(), kind);
  }

  entity(id: string): EntityPage {
    return entityOps.entityPage(this.#ctx, id);
  }

  markEntity(args: MarkEntityArgs): Promise<EntityResult> {
    return this.#act((ctx) => entityOps.markEntity(ctx, args));
  }

  linkEntity(id: string, entity: string): Promise<CairnRecord> {
    return this.#act((ctx) => entityOps.link(ctx, id, entity));
  }

  unlinkEntity(id: string, entity: string): Promise<CairnRecord> {
    return this.#act((ctx) => entityOps.unlink(ctx, id, entity));
  }

  confirmEntity(id: string, entity: string): Promise<CairnRecord> {
    return this.#act((ctx) => entityOps.confirmLink(ctx, id, entity));
  }

  updateEntity(args: EntityUpdate): Promise<Entity> {
    return this.#act((ctx) => entityOps.updateEntity(ctx, args));
  }

  aliasEntity(id: string, name: string): Promise<Entity> {
    return this.#act((ctx) => entityOps.addAlias(ctx, id, name));
  }

  unaliasEntity(id: string, name: string): Promise<Entity> {
    return this.#act((ctx) => entityOps.removeAlias(ctx, id, name));
  }

  mergeEntities(from: string, into: string): Promise<Entity> {
    return this.#act(async (ctx) => {
      // A merge changes every record that links either entity: a bulk change.
      await this.#backupBeforeBulk();
      return entityOps.merge(ctx, from, into);
    });
  }

  splitEntity(id: string, alias: string): Promise<SplitResult> {
    return this.#act((ctx) => entityOps.split(ctx, id, alias));
  }

  /** The state of the collection at a glance (the overview). */
  overview(): ReviewOverview {
    return reviewOverview(this.#records.values());
  }

  /** The records a filter finds that still need review, in list order, and how far the queue has come. */
  queue(query?: string): ReviewQueue {
    const list = this.list({ query });
    return list.problem ? { ...reviewQueue([]), problem: list.problem } : reviewQueue(list.items);
  }

  /**
   * Imports files one by one (any format: text in any encoding Cairn knows, Markdown, web pages,
   * Word, PDF, CSV); each gets a result, and one bad file never stops the others. The files are
   * prepared in a worker thread, and each call's writing is one turn, so other changes go on
   * between the calls of a big import; the calls of one `session` are one operation (one undo).
   */
  async importFiles(files: IncomingFile[], options: ImportBatchOptions & { session?: string; first?: boolean; last?: boolean } = {}): Promise<ImportReport> {
    this.#assertWritable();
    const report: ImportReport = { imported: [], duplicates: [], failed: [] };
    const id = options.session;
    const waiting = id ? this.#importSessions.get(id) : undefined;
    // A call on its way: the session's idle timer must not end it meanwhile.
    if (waiting) waiting.calls++;
    // The folder is checked file by file (importBatch), so that each file says why it was not imported.
    await this.#serial(async () => {
      let open = id ? this.#importSessions.get(id) : undefined;
      if (id && !open) {
        // A session this archive never saw, past its first call: the window's import began in another
        // archive (it was switched meanwhile). Nothing of it may land here.
        if (!options.first && !this.#seenSessions.has(id)) throw new CairnError('E_CONFLICT', text('import_session_unknown'));
        this.#seenSessions.add(id);
        open = { writer: this.#log.begin({ kind: 'import', who: this.author }), idle: null, calls: 0 };
        this.#importSessions.set(id, open);
      }
      const writer = open?.writer ?? this.#log.begin({ kind: 'import', who: this.author });
      try {
        if (files.length > 0) await importBatch(this.#importTarget(), this.#preparer, files, writer, report, options);
      } finally {
        if (id) {
          if (options.last) await this.#endImportSession(id);
          else this.#restartSessionTimer(id);
        } else if (writer.changedCount > 0) await writer.finish();
      }
    }, { checkFolder: false, session: id }).finally(() => {
      const now = id ? this.#importSessions.get(id) : undefined;
      if (now && waiting === now) now.calls--;
    });
    return report;
  }

  /** An import session whose door stopped calling (a closed window) is finished after a minute: what it wrote is one operation. */
  #restartSessionTimer(session: string): void {
    const open = this.#importSessions.get(session);
    if (!open) return;
    if (open.idle) clearTimeout(open.idle);
    open.idle = setTimeout(() => {
      if (this.#closed || open.calls > 0) return;
      void this.#serial(() => this.#endImportSession(session), { checkFolder: false, session }).catch(() => undefined);
    }, 60_000);
    open.idle.unref();
  }

  async #endImportSession(session: string): Promise<void> {
    const open = this.#importSessions.get(session);
    if (!open) return;
    this.#importSessions.delete(session);
    if (open.idle) clearTimeout(open.idle);
    if (open.writer.changedCount > 0) await open.writer.finish();
  }

  /**
   * Ends every open import session but `keep`: another change is about to be written, and the
   * journal must list operations in the order they happened, so that undo walks back through them
   * as they were made. An import interrupted so goes on as a second operation.
   */
  async #endOtherSessions(keep?: string): Promise<void> {
    for (const session of [...this.#importSessions.keys()]) if (session !== keep) await this.#endImportSession(session);
  }

  /** What an import writes through: the archive's duplicate checks, originals, entities and the one way records are written. */
  #importTarget(): ImportTarget {
    return {
      exactCopyOf: (hash) => this.#byTextHash.get(hash),
      nearCopyOf: (hash) => {
        const id = this.#nearHashes().get(hash);
        return id && this.#records.has(id) ? id : undefined;
      },
      titleOf: (id) => this.get(id).title,
      entities: this.#entities,
      newId: newOperationId,
      assertFolderHere: () => this.#assertFolderHere(),
      keepOriginal: (sha, bytes) => this.#keepOriginal(sha, bytes),
      forgetOriginal: (stored) => rm(stored, { force: true }).catch(() => undefined),
      writeRecord: async (writer, record, near) => {
        await this.#write(writer, { before: null, after: record }, 'import', undefined, { near, fresh: true });
      },
      writeEntity: (writer, before, after) => this.#writeEntity(writer, { before, after }),
      forgetEntity: async (writer, before, after) => {
        if (before) await saveEntity(this.root, before);
        else await deleteEntity(this.root, after.id);
        if (before) this.#entities.put(before);
        else this.#entities.remove(after.id);
        this.#changes++;
        await writer.retractLast(after.id, 'entity');
      },
    };
  }

  /** Records by near-duplicate fingerprint, built once (about a second for 20,000 records) and kept up to date by #write. */
  #nearHashes(): HashIndex {
    if (!this.#byNearHash) {
      this.#byNearHash = new HashIndex();
      for (const r of this.#records.values()) this.#byNearHash.set(r.id, nearHash(r.text));
    }
    return this.#byNearHash;
  }

  /**
   * What an export reads: the given ids, or the records a query finds, or all, in date order, as
   * they are now (later edits do not reach an export under way), with their entities, vocabularies,
   * history and originals. A query that cannot be read exports nothing and says why.
   */
  exportSource(args: { query?: string; ids?: string[] }): ExportSource {
    const query = args.ids ? null : args.query?.trim() || null;
    const list = args.ids ? null : this.list({ query: query ?? undefined, sort: { field: 'date', direction: 'asc' } });
    if (list?.problem) throw new CairnError('E_VALIDATION', list.problem.text);
    const records = (args.ids ?? list!.items.map((s) => s.id)).map((id) => this.get(id));
    const root = this.root;
    return {
      archive: { id: this.#manifest.id, name: this.#manifest.name },
      query,
      records,
      entities: new Map(this.#entities.all().map((e) => [e.id, e])),
      vocabularies: [...this.#vocabularies].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
      history: async (record) => (await this.#log.entries(record.id, record.rev)).entries,
      async originalPath(sha) {
        const file = layout.original(root, sha);
        return (await stat(file).then((st) => st.isFile(), () => false)) ? file : null;
      },
      appVersion: APP_VERSION,
    };
  }

  /** Stores an original unless it is there already; returns its path when this call stored it. */
  async #keepOriginal(sha: string, bytes: Uint8Array): Promise<string | null> {
    const file = layout.original(this.root, sha);
    try {
      await stat(file);
      return null;
    } catch (e) {
      // Only a missing original is written; a disk error must not be taken for "not there yet".
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    await makeDirectory(path.dirname(file));
    await writeDurably(file, bytes);
    return file;
  }

  #conceptIndex(): ConceptIndex {
    this.#concepts ??= new ConceptIndex(this.#vocabularies);
    return this.#concepts;
  }

  /**
   * The tags a person gives, as the vocabularies name them: adding "PVE" or "Kazakhstan" adds the
   * concept's tag (its path), and removing them removes it. Tags the record has already stay as
   * they are: an edit of a title never rewrites them.
   */
  #canonicalPatch(patch: RecordPatch): RecordPatch {
    if (this.#vocabularies.length === 0 || (!patch.tags && !patch.addTags && !patch.removeTags)) return patch;
    const concepts = this.#conceptIndex();
    return {
      ...patch,
      ...(patch.tags ? { tags: patch.tags.map((t) => concepts.canonical(t)) } : {}),
      ...(patch.addTags ? { addTags: patch.addTags.map((t) => concepts.canonical(t)) } : {}),
      ...(patch.removeTags ? { removeTags: patch.removeTags.flatMap((t) => [t, concepts.canonical(t)]) } : {}),
    };
  }

  /** A record that may be changed: it exists and is not held back (see loadRecords' frozen). */
  #writable(id: string): CairnRecord {
    const current = this.get(id);
    const frozen = this.#frozen.get(id);
    if (frozen) throw new CairnError(frozen.code, frozen.text);
    return current;
  }

  /** The record with a person's patch applied (tags canonical), or null when nothing would change. */
  #patched(current: CairnRecord, patch: RecordPatch): CairnRecord | null {
    return applyPatch(current, this.#canonicalPatch(patch), new Date().toISOString());
  }

  /**
   * The one way records change. Each step's changes go to the record's log, then the record is
   * written; the operation goes to the journal once every record is written, or once the first
   * failure stops it, so that what was written can still be undone.
   */
  async #commit(
    draft: { kind: OperationKind; comment?: string; reverses?: string[] },
    steps: readonly Step[],
    entitySteps: readonly EntityStep[] = [],
    docs: { vocabularies?: readonly VocabularyStep[]; colours?: readonly ColourStep[]; progress?: (done: number, total: number) => void } = {},
  ): Promise<Committed & { operation: Operation | null }> {
    const comment = draft.comment?.trim() || undefined;
    const writer = this.#log.begin({ ...draft, comment, who: this.author });
    const records: CairnRecord[] = [];
    const entities: Entity[] = [];
    let operation: Operation | null = null;
    let complete = false;
    try {
      // Entities made or changed first and taken away last, so that no record ever links to one that is not there.
      for (const step of entitySteps.filter((e) => e.after)) entities.push(await this.#writeEntity(writer, step));
      // A vocabulary first, so that records name its concepts as they are now; the colours last.
      for (const step of docs.vocabularies ?? []) await this.#writeVocabularyStep(writer, step);
      let done = 0;
      for (const step of steps) {
        const written = await this.#write(writer, step, draft.kind, comment);
        if (written) records.push(written);
        docs.progress?.(++done, steps.length);
      }
      for (const step of entitySteps.filter((e) => !e.after)) await this.#writeEntity(writer, step);
      if (docs.colours?.length) await this.#writeColours(writer, docs.colours);
      complete = true;
    } finally {
      // An undo or redo cut short says what it wrote but not that it reversed its target: the target
      // stays to be undone, and the next undo finishes it (records already put back are skipped).
      if (!complete) writer.keepTarget();
      // An undo or redo is written even when it found nothing left to change, so the next one moves on.
      if (writer.changedCount > 0 || (complete && draft.reverses)) operation = await writer.finish();
    }
    return { operation, records, entities };
  }

  /** Writes one vocabulary step: its log entries, then its file (or the file's removal). */
  async #writeVocabularyStep(writer: OperationWriter, step: VocabularyStep): Promise<void> {
    const id = (step.after ?? step.before)!.id;
    const drafts = diffVocabularies(step.before, step.after);
    if (drafts.length === 0) return;
    await writer.add({ id, doc: 'vocabulary', rev: 0, drafts });
    try {
      await this.#writeVocabulary(step.after ?? step.before!, step.after ? undefined : id);
    } catch (e) {
      await writer.retractLast(id, 'vocabulary', drafts.length).catch(() => undefined);
      throw e;
    }
  }

  /** A damaged tags.json is never written over: a change of colours is refused before anything is written. */
  #assertColoursWritable(): void {
    if (this.#tagColours.damaged) throw new CairnError('E_CONFLICT', text('tags_colours_damaged'));
  }

  /** Writes tags' own colours: the log entries, then tags.json; never over a damaged tags.json. */
  async #writeColours(writer: OperationWriter, steps: readonly ColourStep[]): Promise<void> {
    this.#assertColoursWritable();
    const drafts = steps.filter((c) => c.before !== c.after).map((c) => ({ field: 'color', item: c.tag, before: c.before, after: c.after }));
    if (drafts.length === 0) return;
    const next = this.#tagColours.colours.copy();
    for (const c of steps) next.set(c.tag, c.after);
    await writer.add({ id: 'colours', doc: 'tags', rev: 0, drafts });
    try {
      await saveTagColours(this.root, next);
    } catch (e) {
      await writer.retractLast('colours', 'tags', drafts.length).catch(() => undefined);
      throw e;
    }
    this.#tagColours = { colours: next, damaged: false };
  }

  /** Writes one entity step: its log entry, then its file (or its file's removal). */
  async #writeEntity(writer: OperationWriter, step: EntityStep): Promise<Entity> {
    try {
      return await this.#writeEntityStep(writer, step);
    } finally {
      this.#changes++;
    }
  }

  async #writeEntityStep(writer: OperationWriter, step: EntityStep): Promise<Entity> {
    const { before, after } = step;
    const rev = (before?.rev ?? after?.rev ?? 0) + 1;
    const next: Entity | null = after && { ...after, rev, updatedAt: writer.at };
    const snapshotBefore = entitySnapshot(before);
    const snapshotAfter = entitySnapshot(next);
    if (JSON.stringify(snapshotBefore) === JSON.stringify(snapshotAfter)) return before!;
    await writer.add({ id: (after ?? before)!.id, doc: 'entity', rev, drafts: [{ field: 'entity', before: snapshotBefore, after: snapshotAfter }] });
    if (next) {
      try {
        await saveEntity(this.root, next);
      } catch (e) {
        // An entity that was never written has no history: its entry goes again (best effort).
        await writer.retractLast(next.id, 'entity').catch(() => undefined);
        throw e;
      }
      this.#entities.put(next);
      return next;
    }
    await deleteEntity(this.root, before!.id);
    this.#entities.remove(before!.id);
    return before!;
  }

  /**
   * Writes one step: log entries first, then the record's file; returns the record written (null if
   * none or taken out). `near` is the new text's fingerprint when the caller has made it already;
   * `fresh` says a new record has an id never used before (a file imported now).
   */
  async #write(writer: OperationWriter, step: Step, kind: OperationKind, comment?: string, made: { near?: string; fresh?: boolean } = {}): Promise<CairnRecord | null> {
    // Counted when the record is in memory as written: a count taken while it is being written is not kept.
    try {
      return await this.#writeRecord(writer, step, kind, comment, made);
    } finally {
      this.#changes++;
    }
  }

  async #writeRecord(writer: OperationWriter, step: Step, kind: OperationKind, comment?: string, made: { near?: string; fresh?: boolean } = {}): Promise<CairnRecord | null> {
    const { near } = made;
    const { before, after } = step;
    if (!after) {
      if (!before) return null;
      const gone = { ...before, rev: before.rev + 1, updatedAt: writer.at };
      await writer.add({ id: before.id, rev: gone.rev, drafts: diffRecords(before, null) });
      await this.#takeOut(gone);
      return null;
    }
    const next: CairnRecord = before ? { ...after, formatVersion: Math.max(after.formatVersion, RECORD_FORMAT_VERSION), rev: before.rev + 1, updatedAt: writer.at } : after;
    // A new status is marked with who set it, when and why; an undo or redo puts back the mark the
    // log holds instead (the review entry beside the status entry), never the name of who pressed Ctrl+Z.
    if (before && before.status !== next.status && kind !== 'undo' && kind !== 'redo') next.review = { status: next.status, by: writer.who, at: writer.at, comment: comment ?? '' };
    const drafts = diffRecords(before, next);
    if (drafts.length === 0) return null;
    await writer.add({ id: next.id, rev: next.rev, drafts });
    try {
      await saveRecord(this.root, next);
    } catch (e) {
      // A record that was never written has no history: its entries go again (best effort).
      if (!before) await writer.retract(next.id).catch(() => undefined);
      throw e;
    }
    // The record is written: tidying the copy an undone import kept must not make it look unwritten.
    // (A file imported now has a new id: no copy of it can have been kept.)
    if (!before && !made.fresh) await rm(layout.removed(this.root, next.id), { force: true }).catch(() => undefined);
    this.#records.set(next.id, next);
    if (!before || before.title !== next.title) this.#titleChanges++;
    this.#byTextHash.set(next.id, next.textHash);
    if (this.#byNearHash && (!before || before.text !== next.text)) this.#byNearHash.set(next.id, near ?? nearHash(next.text));
    this.#search.changed(next.id);
    return next;
  }

  /** Takes a record out of the archive (an undone import), keeping its file under removed/ for redo. */
  async #takeOut(record: CairnRecord): Promise<void> {
    await keepRemoved(this.root, record);
    this.#records.delete(record.id);
    this.#titleChanges++;
    this.#byTextHash.remove(record.id);
    this.#byNearHash?.remove(record.id);
    this.#search.changed(record.id);
  }

  /**
   * Puts back what operations did (newest first), as one new operation; refuses, changing nothing,
   * if a record has moved on since (see planReversal).
   */
  async #reverse(targets: readonly Operation[], kind: 'undo' | 'redo'): Promise<UndoResult> {
    const steps = await planReversal(targets, {
      current: (id) => this.#records.get(id) ?? null,
      frozen: (id) => this.#frozen.get(id),
      removed: (id) => readRemoved(this.root, id),
      entries: async (id, rev) => (await this.#log.entries(id, rev)).entries,
    });
    const entitySteps = await planEntityReversal(targets, {
      current: (id) => this.#entities.find(id) ?? null,
      entries: async (id, rev) => (await this.#log.entries(id, rev, 'entity')).entries,
    });
    const vocabularies = await planVocabularyReversal(targets, {
      current: (id) => this.#vocabularies.find((v) => v.id === id) ?? null,
      entries: (id) => this.#log.docEntries(id, 'vocabulary'),
    });
    if (targets.some((t) => t.tagColours)) this.#assertColoursWritable();
    const colours = targets.some((t) => t.tagColours) ? planColourReversal(targets, await this.#log.docEntries('colours', 'tags'), (tag) => this.#tagColours.colours.get(tag)) : [];
    const { operation } = await this.#commit({ kind, reverses: targets.map((t) => t.op) }, steps, entitySteps, { vocabularies, colours });
    const titles = [...steps.map((s) => (s.after ?? s.before)!.title), ...entitySteps.map((e) => (e.after ?? e.before)!.name), ...vocabularies.map((v) => (v.after ?? v.before)!.label)];
    return { reversed: targets[0]!, op: operation!, titles: titles.slice(0, 3) };
  }

  /**
   * Refuses to write when the archive's folder is gone or is another folder now (a stick pulled out,
   * the folder renamed or moved, another archive put at the same place): writing on would make new
   * folders at the old place, or write into the wrong archive. Only for a writer (it holds the lock).
   */
  async #assertFolderHere(): Promise<void> {
    if (!this.#release || !this.#folder) return;
    const now = await stat(this.root).catch(() => null);
    if (!now?.isDirectory() || now.dev !== this.#folder.dev || now.ino !== this.#folder.ino) {
      throw new CairnError('E_IO', text('archive_folder_gone', { root: this.root }));
    }
  }

  #assertWritable(): void {
    if (this.#closed) throw new CairnError('E_NO_ARCHIVE', text('archive_closed'));
    if (this.#readOnlyReason !== null) throw new CairnError('E_READ_ONLY', this.#readOnlyReason);
  }

  /**
   * Changes run one at a time, in the order they arrived. A writer first checks that its folder is
   * still the one it opened (unless the work checks for itself, as an import does file by file).
   */
  #serial<T>(work: () => Promise<T>, options: { checkFolder?: boolean; session?: string } = {}): Promise<T> {
    const run = this.#queue.then(async () => {
      // A change that waited behind a whole-archive restore (or a close) must not write into the folder after it.
      if (this.#closed) throw new CairnError('E_NO_ARCHIVE', text('archive_closed'));
      if (this.#importSessions.size > 0) await this.#endOtherSessions(options.session);
      if (options.checkFolder !== false) await this.#assertFolderHere();
      return work();
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }
}

/** What a backup says of the archive it was taken of. */
const archiveOf = (m: Manifest) => ({ id: m.id, name: m.name, formatVersion: m.version });

/** Operations newest first; the entries of one operation stay in the order they were written. */
function newestFirst(entries: readonly ChangeEntry[]): ChangeEntry[] {
  const groups: ChangeEntry[][] = [];
  for (const e of entries) {
    const last = groups.at(-1);
    if (last && last[0]!.op === e.op) last.push(e);
    else groups.push([e]);
  }
  return groups.reverse().flat();
}
