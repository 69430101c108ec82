// Full-text search over records with MiniSearch: title, text, tags and place; prefix matching.
import { createHash } from 'node:crypto';
import MiniSearch, { type AsPlainObject, type Options, type SearchOptions, type SearchResult as MiniResult } from 'minisearch';
import type { CairnRecord, SearchHit } from '../../contract';
import { hasCyrillic, latinFormsOf } from './transliterate';
import { blockLength, encodeIndex, LazyFields, vacuumPostings, writeFields, type CompactMeta, type IndexState } from './compact-index';
import { RecordTable, scoreWord, type ScoringIndex } from './score-word';
import type { Terms } from './terms';

/**
 * Folds case and diacritics so that "Jenca" finds "Jenča", "GUTERRES" finds "Guterres" and "ёлка"
 * finds "елка". Russian й stays й (it is a letter of its own, not и with a mark). Case folds as
 * Unicode folds it, never in the machine's locale (which would make I a dotless ı in Turkish and
 * Azerbaijani): an archive is indexed and searched alike wherever it is opened. The dotless ı folds
 * to i, as the dotted İ does (its dot is a mark), so that "IŞIK", "Işık" and "Isik" find each other.
 */
export function foldTerm(term: string): string {
  // Most terms are plain ASCII: lower-casing is all they need, and it is several times cheaper.
  if (ASCII.test(term)) return term.toLowerCase();
  return term.replace(SHORT_I, '\uE000').normalize('NFD').replace(/\p{M}+/gu, '').replace(/\uE000/g, 'й').toLowerCase().replace(DOTLESS_I, 'i');
}
const ASCII = /^[\u0020-\u007e]*$/; // printable ASCII: tokens never hold control characters
const SHORT_I = /[йЙ]|[иИ]\u0306/g;
// Turkish and Azerbaijani ı: its capital is I, which any other language lower-cases to i.
const DOTLESS_I = /ı/g;

// Words are runs of letters and digits in any script (Latin, Cyrillic, ...), with an inner '.
// Combining marks belong to the word: text is kept as imported, and decomposed (NFD) "Jenc\u030Ca"
// must stay one word for foldTerm to fold.
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’][\p{L}\p{M}]+)*/gu;
/**
 * WORD for text whose letters, marks and digits are all ASCII: there \p{L} is [A-Za-z], \p{N} is
 * [0-9] and \p{M} is nothing, so it cuts the same words, two to three times faster (most of an
 * English archive; tokenizing was a third of building the index).
 */
const ASCII_WORD = /[A-Za-z0-9][A-Za-z0-9]*(?:['’][A-Za-z]+)*/g;
/**
 * A character that may be a letter, mark or digit beyond ASCII: anything beyond ASCII but the
 * Latin-1 signs and the general punctuation block (’ “ ” — …), none of which is (a test walks every
 * character to prove it). Surrogates count, so letters beyond the first plane take the slow way.
 */
// eslint-disable-next-line no-control-regex -- every ASCII character, NUL included, is let pass
export const MAYBE_WORD_BEYOND_ASCII = /[^\u0000-\u007f\u00a0-\u00a9\u00ab-\u00b1\u00b4\u00b6-\u00b8\u00bb\u00bf\u00d7\u00f7\u2000-\u206f]/;

function wordPattern(text: string): RegExp {
  return MAYBE_WORD_BEYOND_ASCII.test(text) ? WORD : ASCII_WORD;
}

export function tokenize(text: string): string[] {
  return text.match(wordPattern(text)) ?? [];
}

/** The words of a text as tokenize cuts them, with where each starts. */
export function wordsWithPlaces(text: string): { word: string; start: number }[] {
  return [...text.matchAll(wordPattern(text))].map((m) => ({ word: m[0], start: m.index }));
}

interface IndexedRecord {
  id: string;
  title: string;
  text: string;
  tags: string;
  place: string;
  /** The Latin spellings of its Cyrillic words (Ташкент: tashkent), so that a Latin query finds them. */
  latin: string;
}

const FIELDS = ['title', 'text', 'tags', 'place', 'latin'] as const;
export type IndexField = (typeof FIELDS)[number];
/** The fields a word is looked for in when the query does not name one. */
export const TEXT_FIELDS: readonly IndexField[] = FIELDS;

/**
 * When the index is vacuumed: once a tenth of its entries are stale, and at least 1,000 (MiniSearch's
 * own conditions, as set before). The vacuum is the index's own (see RecordIndex.put): MiniSearch's
 * walks every word as a Map, which decodes every word still waiting in the compact form, and it ran in
 * batches with pauses between them, in which an edit or an import changed the tree under its iterator
 * and crashed the process (found by the SIGKILL harness: "Cannot read properties of undefined
 * (reading 'keys')" in TreeIterator). This one is a single uninterrupted pass, done within the edit.
 */
export const VACUUM = { minDirtCount: 1000, minDirtFactor: 0.1 } as const;

/**
 * What the index is made of: its fields, how words are cut and folded. A snapshot made under another
 * scheme is rebuilt, not loaded; change this whenever tokenize, foldTerm or the fields change.
 */
export const INDEX_SCHEME = 'fields title,text,tags,place,latin; words 1; fold case and marks, keep й, any locale, ı as i 4; latin iuliia wikipedia+icao+ungegn 1';

/** A match in these fields counts more (text: 1). */
const BOOSTS: Partial<Record<IndexField, number>> = { title: 3, tags: 2, place: 1.5, latin: 0.8 };

export const OPTIONS: Options<IndexedRecord> = {
  fields: [...FIELDS],
  storeFields: [],
  tokenize,
  processTerm: (term) => foldTerm(term) || null,
  searchOptions: { boost: BOOSTS, prefix: true, combineWith: 'AND' },
  autoVacuum: false,
};

/**
 * What the index holds of a record, as a short hash: a snapshot's entry for a record is current
 * exactly when its stamp is the record's stamp now, however the record came to change (an edit,
 * an undo, a restore from a backup, a file put back by hand).
 */
export function stampOf(record: CairnRecord): string {
  const doc = RecordIndex.fieldsOf(record);
  // The Latin spellings follow from the rest: the scheme names how they are made.
  return createHash('sha1').update(doc.title).update('\u0000').update(doc.text).update('\u0000').update(doc.tags).update('\u0000').update(doc.place).digest('base64url').slice(0, 16);
}

export class RecordIndex {
  #mini: MiniSearch<IndexedRecord>;
  /** Each record's field lengths and presence in arrays of numbers, for scoring (kept with every add and discard). */
  #table: RecordTable;

  constructor(mini?: MiniSearch<IndexedRecord>) {
    this.#mini = mini ?? new MiniSearch<IndexedRecord>(OPTIONS);
    this.#table = RecordTable.of(this.#mini as unknown as MiniSearchInternals);
  }

  /**
   * An index from its compact form (see compact-index.ts), each word's postings left in the shared
   * array until a query, an edit or writing needs them. `bounds` are where each word's block starts
   * (blocksOf, which checked every number); throws for a form that does not fit this index's fields.
   */
  static fromCompact(meta: CompactMeta, postings: Uint32Array, bounds: Uint32Array): RecordIndex {
    const { terms, endianness: _endianness, ...state } = meta;
    if (JSON.stringify(state.fieldIds) !== JSON.stringify(Object.fromEntries(FIELDS.map((f, i) => [f, i])))) throw new Error('fields that are not this index’s');
    const mini = MiniSearch.loadJS<IndexedRecord>({ ...state, index: [] }, OPTIONS);
    const tree = (mini as unknown as IndexState)._index;
    for (let t = 0; t < terms.length; t++) tree.set(terms[t]!, new LazyFields(postings, bounds[t]!, bounds[t + 1]!));
    return new RecordIndex(mini);
  }

  /** How many words still wait in the snapshot's array, never decoded since loading (for the tests and the bench). */
  undecodedWords(): number {
    let n = 0;
    for (const [, fields] of (this.#mini as unknown as IndexState)._index) if (fields instanceof LazyFields && fields.waiting) n++;
    return n;
  }

  /** The compact form, for the snapshot: words never decoded since loading are copied as they are. */
  toCompact(): { meta: CompactMeta; postings: Uint32Array } {
    return encodeIndex(this.#mini as unknown as IndexState);
  }

  /** MiniSearch's own serialised form of the index (the tests compare it with MiniSearch's). */
  toJSON(): AsPlainObject {
    return this.#mini.toJSON();
  }

  /** Entries left by replaced or removed records that a vacuum has not cleared yet. */
  get staleEntries(): number {
    return this.#mini.dirtCount;
  }

  /** What is indexed of a record, but its Latin spellings (which follow from the rest). */
  static fieldsOf(record: CairnRecord): Omit<IndexedRecord, 'latin'> {
    return { id: record.id, title: record.title, text: record.text, tags: record.tags.join(' \n '), place: record.place };
  }

  static toDocument(record: CairnRecord): IndexedRecord {
    const doc = RecordIndex.fieldsOf(record);
    return { ...doc, latin: latinWordsOf([doc.title, doc.text, doc.tags, doc.place]) };
  }

  /**
   * Adds records not in the index yet. The index is exactly the one MiniSearch's own add makes (the
   * same terms, postings and field lengths, in the same order), but each distinct word of the batch
   * is looked up in MiniSearch's term tree once, where add looks up every word of every record: the
   * tree walk was most of the cost of building (25.5 s for 20,000 records).
   */
  addAll(records: readonly CairnRecord[]): void {
    const mini = this.#mini as unknown as MiniSearchInternals;
    // Per distinct word of the batch, its postings as they come: field id, record, times, field id, …
    const staged = new Map<string, number[]>();
    // A field's words as cut (MiniSearch's field length is how many distinct ones), then folded: each
    // distinct word folded once, its times added to its folded form's, which so comes in the order
    // of its first use, as MiniSearch's add meets it.
    const cut = new Map<string, number>();
    const counts = new Map<string, number>();
    for (const record of records) {
      const doc = RecordIndex.toDocument(record);
      if (mini._idToShortId.has(doc.id)) throw new Error(`MiniSearch: duplicate ID ${doc.id}`);
      const short = mini.addDocumentId(doc.id);
      this.#table.add(short);
      for (const field of FIELDS) {
        cut.clear();
        for (const token of tokenize(doc[field])) cut.set(token, (cut.get(token) ?? 0) + 1);
        const fieldId = mini._fieldIds[field]!;
        mini.addFieldLength(short, fieldId, mini._documentCount - 1, cut.size);
        this.#table.setLength(short, fieldId, cut.size);
        counts.clear();
        for (const [token, times] of cut) {
          const term = foldTerm(token);
          if (term) counts.set(term, (counts.get(term) ?? 0) + times);
        }
        for (const [term, times] of counts) {
          const postings = staged.get(term);
          if (postings) postings.push(fieldId, short, times);
          else staged.set(term, [fieldId, short, times]);
        }
      }
    }
    // Words new to the index are written in the compact form (see compact-index.ts) into one array,
    // each a LazyFields over its block: a build makes no map per word and record (6.4 million at
    // 20,000 records, most of the build's time in the garbage collector and 280 MB of heap), and a
    // word is decoded the first time a query needs it, as after loading a snapshot.
    const fresh: [string, number[]][] = [];
    let length = 0;
    for (const [term, postings] of staged) {
      const data = mini._index.get(term);
      if (!data) {
        fresh.push([term, postings]);
        length += blockLength(postings);
        continue;
      }
      if (data instanceof LazyFields) {
        // A word loaded from the snapshot and not decoded yet stays so (see LazyFields.addPosting).
        for (let i = 0; i < postings.length; i += 3) data.addPosting(postings[i]!, postings[i + 1]!, postings[i + 2]!);
        continue;
      }
      for (let i = 0; i < postings.length; i += 3) {
        const fieldId = postings[i]!;
        let docs = data.get(fieldId);
        if (!docs) data.set(fieldId, (docs = new Map()));
        // Each record once per field and word: a record already there is one being added twice (refused above).
        docs.set(postings[i + 1]!, postings[i + 2]!);
      }
    }
    if (fresh.length === 0) return;
    const out = new Uint32Array(length);
    let at = 0;
    for (const [term, postings] of fresh) {
      const start = at;
      at = encodeStaged(postings, out, at);
      mini._index.set(term, new LazyFields(out, start, at));
    }
    if (at !== length) throw new Error(`new words written in ${at} numbers of ${length}`);
  }

  /** Adds or replaces a record's entry; called on every import and edit. */
  put(record: CairnRecord): void {
    // As MiniSearch's replace does: the old entry discarded (and a vacuum then, when one is due, as
    // MiniSearch's discard does it), the record added.
    if (this.#mini.has(record.id)) this.#discard(record.id);
    this.addAll([record]);
  }

  has(id: string): boolean {
    return this.#mini.has(id);
  }

  remove(id: string): void {
    if (this.#mini.has(id)) this.#discard(id);
  }

  #discard(id: string): void {
    const mini = this.#mini as unknown as MiniSearchInternals;
    const short = mini._idToShortId.get(id);
    this.#mini.discard(id);
    if (short !== undefined) this.#table.drop(short);
    if (mini._dirtCount < VACUUM.minDirtCount || this.#mini.dirtFactor < VACUUM.minDirtFactor) return;
    // What MiniSearch's vacuum does, in one pass: every posting of a record gone taken out, and a word
    // left with none dropped there and then (as it does, so that the words' tree is shaped and ordered
    // as its vacuum leaves it); a word still waiting is written again compact, not decoded.
    const present = this.#table.live;
    const live = (doc: number) => present[doc] === 1;
    for (const [term, fields] of mini._index) {
      const left = fields instanceof LazyFields ? fields.vacuum(live) : vacuumPostings(fields, live);
      if (!left) mini._index.delete(term);
    }
    mini._dirtCount = 0;
  }

  get size(): number {
    return this.#mini.documentCount;
  }

  /** Every matching id with its score, best first. Every word of two letters or more also matches as a prefix. */
  search(query: string): MiniResult[] {
    const q = query.trim();
    if (!q) return [];
    return this.#mini.search(q, {
      prefix: (term) => term.length >= 2,
    });
  }

  /**
   * The records holding one word (a single token of the query), with their scores: in the given
   * fields, also as the start of a longer word when `prefix`, and with up to `typos` letters wrong
   * (a word of letters only, 5 letters or more for one, 7 for two), ranked below exact matches.
   */
  word(term: string, options: { fields: readonly IndexField[]; prefix: boolean; typos: 0 | 1 | 2 }): WordHits {
    const typos = options.typos;
    const mini = this.#mini as unknown as MiniSearchInternals;
    const prefix = options.prefix && term.length >= PREFIX_FROM;
    // The word as MiniSearch's executeQuery would make it (cut and folded): one word is scored on
    // numbers (see score-word.ts), with the same records, scores and matched words.
    const terms = tokenize(term).flatMap((t) => foldTerm(t) || []);
    if (terms.length === 1) {
      const folded = terms[0]!;
      return scoreWord(mini, { term: folded, fields: options.fields.map((name) => ({ name, boost: BOOSTS[name] ?? 1 })), prefix, typos: typos === 0 ? 0 : fuzzinessOf(folded, typos) || 0 }, this.#table);
    }
    // Anything else (never from a query's own words, which are cut already) as MiniSearch asks it: its
    // search() without what it adds around its query (each hit as a result object with its matches,
    // sorted): the same records and scores (a one-word query's quality is 1), unsorted.
    const raw = mini.executeQuery(term, {
      fields: [...options.fields],
      prefix,
      fuzzy: typos === 0 ? false : (t: string) => fuzzinessOf(t, typos),
      maxFuzzy: 2,
    });
    // Keyed by record id, as the query's evaluation combines them (one map made, not a list and then a map).
    const hits: WordHits = new Map();
    for (const [doc, hit] of raw) hits.set(mini._documentIds.get(doc)!, { score: hit.score * (hit.terms.length || 1), terms: Object.keys(hit.match) });
    return hits;
  }
}

/**
 * Writes a word's staged postings (field id, record, times, … in the order they came) as its
 * compact block: fields in the order each first came, each with its records in their order.
 * Returns where the block ends.
 */
function encodeStaged(postings: readonly number[], out: Uint32Array, at: number): number {
  const { end, fields } = writeFields(postings, 0, out, at + 1);
  out[at] = fields;
  return end;
}

/**
 * The records holding a word, by id: each one's score, and the index words that matched (the word
 * itself, a longer word it starts, a spelling one letter off). A new map for every call, the caller's
 * to change.
 */
export type WordHits = Map<string, { score: number; terms: Terms }>;

/** What addAll and word use of MiniSearch 7's inside (the same members its own add and search use; pinned by the tests). */
interface MiniSearchInternals extends ScoringIndex {
  _documentIds: Map<number, string>;
  executeQuery(query: string, options: SearchOptions): Map<number, { score: number; terms: string[]; match: Record<string, string[]> }>;
  _idToShortId: Map<string, number>;
  _fieldIds: Record<string, number>;
  _documentCount: number;
  _index: ScoringIndex['_index'] &
    Iterable<[string, Map<number, Map<number, number>>]> & { set(term: string, data: Map<number, Map<number, number>>): unknown; delete(term: string): boolean };
  _dirtCount: number;
  addDocumentId(id: string): number;
  addFieldLength(doc: number, fieldId: number, count: number, length: number): void;
}

/**
 * The word being typed matches as the start of longer words from its third letter: two letters
 * (co…, re…) start thousands of words in 20,000 records, and summing all their postings took 0.2–1.2 s
 * a keystroke; three narrow it enough (50 ms at most). Two letters match whole words meanwhile.
 */
export const PREFIX_FROM = 3;

/** Letters forgiven in a word of letters: none below 5 letters, one from 5, two from 7 (numbers and codes never). */
function fuzzinessOf(term: string, most: 1 | 2): number | false {
  if (term.length < 5 || !/^\p{L}+$/u.test(term)) return false;
  return term.length >= 7 ? most : 1;
}

/** The Latin spellings of every Cyrillic word in the texts, once each, for the latin field. */
function latinWordsOf(texts: readonly string[]): string {
  const out = new Set<string>();
  for (const t of texts) {
    if (!hasCyrillic(t)) continue;
    for (const word of tokenize(t)) if (hasCyrillic(word)) for (const form of latinFormsOf(word)) out.add(form);
  }
  return [...out].join(' ');
}


/** A plain-text window around the first match in `text`, for the result list. */
export function snippetFor(text: string, terms: readonly string[], width = 160): string {
  // A text with no letter beyond ASCII folds as lower case does, each character in its place (its
  // quotes and dashes unchanged): folding 4 KB the long way (NFD, marks) for every row shown was
  // most of a snippet's cost.
  const folded = MAYBE_WORD_BEYOND_ASCII.test(text) ? foldTerm(text) : text.toLowerCase();
  let at = -1;
  for (const term of terms) {
    const i = folded.indexOf(foldTerm(term));
    if (i >= 0 && (at < 0 || i < at)) at = i;
  }
  const flat = (s: string) => s.replace(/\s+/g, ' ').trim();
  if (at < 0) return flat(text.slice(0, width));
  const start = Math.max(0, at - Math.floor(width / 3));
  const end = Math.min(text.length, start + width);
  return `${start > 0 ? '…' : ''}${flat(text.slice(start, end))}${end < text.length ? '…' : ''}`;
}

export type { SearchHit };
