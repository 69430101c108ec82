// One word of a query scored over the index as MiniSearch 7's executeQuerySpec and termResults score
// it (BM25, the same weights for prefix and fuzzy matches, the same order of additions, so the same
// numbers to the last bit), but on numbers: a score per record in a reused Float64Array, where
// MiniSearch makes an object, an array and an object of arrays for every record a word finds. A
// word still waiting in the snapshot's array (see compact-index.ts) is read there, never decoded.
//
// It was most of a query's time: "human rights" finds 6,500 of 20,000 records, and every word that
// starts with "rights" or is a letter off "human" adds its records again.
import { LazyFields } from './compact-index';
import type { LaterTerms, Terms } from './terms';

/** MiniSearch's own defaults (its search options set neither). */
const BM25 = { k: 1.2, b: 0.7, d: 0.5 } as const;
const WEIGHTS = { fuzzy: 0.45, prefix: 0.375 } as const;

type Postings = Map<number, number>;
type FieldPostings = Map<number, Postings>;

/** The parts of MiniSearch 7 scoring reads (the members its own executeQuerySpec and termResults use; pinned by the tests). */
export interface ScoringIndex {
  _index: {
    get(term: string): FieldPostings | undefined;
    atPrefix(prefix: string): Iterable<[string, FieldPostings]>;
    fuzzyGet(term: string, maxDistance: number): Map<string, [FieldPostings, number]>;
  };
  _fieldIds: Record<string, number>;
  _avgFieldLength: number[];
  _fieldLength: Map<number, number[]>;
  _documentIds: Map<number, string>;
  _documentCount: number;
  _nextId: number;
  removeTerm(fieldId: number, docId: number, term: string): void;
}

export interface WordQuery {
  /** The word as the index holds words (folded). */
  term: string;
  /** Fields looked in, in this order (the order scores are added in), each with its boost. */
  fields: readonly { name: string; boost: number }[];
  prefix: boolean;
  /** Letters forgiven (0: none). */
  typos: number;
}

/** A record found: its score, and the index words it matched, in the order they first matched. */
export type ScoredHits = Map<string, { score: number; terms: Terms }>;

// Reused from one word to the next (a query runs on one thread, a word at a time): a record's entry
// is this word's when its mark is this call's.
let marks = new Uint32Array(0);
let scores = new Float64Array(0);
let firstTerm = new Int32Array(0);
let lastTerm = new Int32Array(0);
let call = 0;

function room(records: number): void {
  if (marks.length >= records) return;
  const size = Math.max(records, 2 * marks.length, 1024);
  marks = new Uint32Array(size);
  scores = new Float64Array(size);
  firstTerm = new Int32Array(size);
  lastTerm = new Int32Array(size);
  call = 0;
}

/**
 * Each record's field lengths and whether it is still in the index, by its number, in arrays of
 * numbers: what scoring asks of every posting, where MiniSearch asks two maps (a quarter of a query's
 * time). Kept by the index with every record added and taken out (see RecordIndex).
 */
export class RecordTable {
  lengths = new Float64Array(0);
  live = new Uint8Array(0);

  constructor(readonly fields: number) {}

  /** The table of an index as it is (a new one, or one loaded from its snapshot). */
  static of(mini: Pick<ScoringIndex, '_fieldIds' | '_fieldLength' | '_documentIds'>): RecordTable {
    const table = new RecordTable(Object.keys(mini._fieldIds).length);
    for (const [doc, lengths] of mini._fieldLength) for (let f = 0; f < table.fields; f++) table.setLength(doc, f, lengths[f]!);
    for (const doc of mini._documentIds.keys()) table.add(doc);
    return table;
  }

  add(doc: number): void {
    this.#room(doc);
    this.live[doc] = 1;
  }

  drop(doc: number): void {
    if (doc < this.live.length) this.live[doc] = 0;
  }

  setLength(doc: number, fieldId: number, length: number): void {
    this.#room(doc);
    this.lengths[doc * this.fields + fieldId] = length;
  }

  #room(doc: number): void {
    if (doc < this.live.length) return;
    const size = Math.max(doc + 1, 2 * this.live.length, 1024);
    const live = new Uint8Array(size);
    live.set(this.live);
    const lengths = new Float64Array(size * this.fields);
    lengths.set(this.lengths);
    this.live = live;
    this.lengths = lengths;
  }
}

export function scoreWord(mini: ScoringIndex, query: WordQuery, table: RecordTable): ScoredHits {
  room(mini._nextId);
  const { lengths, live, fields } = table;
  if (++call === 0xffffffff) {
    marks.fill(0);
    call = 1;
  }
  const found: number[] = [];
  /** The index words that matched, by number; more than one for a record only in `several`. */
  const matched: string[] = [];
  const several = new Map<number, number[]>();
  const documentCount = mini._documentCount;

  const add = (derived: string, weight: number, data: FieldPostings | undefined): void => {
    if (data == null) return;
    const t = matched.push(derived) - 1;
    const take = (fieldId: number, boost: number, docId: number, times: number, matching: number, average: number): void => {
      const fieldLength = lengths[docId * fields + fieldId]!;
      // calcBM25Score, written as MiniSearch writes it (the same operations in the same order).
      const invDocFreq = Math.log(1 + (documentCount - matching + 0.5) / (matching + 0.5));
      const raw = invDocFreq * (BM25.d + (times * (BM25.k + 1)) / (times + BM25.k * (1 - BM25.b + (BM25.b * fieldLength) / average)));
      // termWeight * termBoost * fieldBoost * docBoost * rawScore, with no term or record boosts.
      const weighted = weight * 1 * boost * 1 * raw;
      if (marks[docId] !== call) {
        marks[docId] = call;
        scores[docId] = weighted;
        firstTerm[docId] = t;
        lastTerm[docId] = t;
        found.push(docId);
        return;
      }
      scores[docId]! += weighted;
      if (lastTerm[docId] !== t) {
        lastTerm[docId] = t;
        const list = several.get(docId);
        if (list) list.push(t);
        else several.set(docId, [firstTerm[docId]!, t]);
      }
    };
    for (const field of query.fields) {
      const fieldId = mini._fieldIds[field.name]!;
      const average = mini._avgFieldLength[fieldId]!;
      // Still waiting in the shared array: read there, not decoded. The field's records in the
      // block, then those added since (what decoding would put after them).
      const parts = data instanceof LazyFields ? data.parts : null;
      if (parts) {
        const { source, added } = parts;
        let i = parts.at + 1;
        let n = 0;
        for (let f = 0; f < source[parts.at]!; f++) {
          if (source[i] === fieldId) {
            n = source[i + 1]!;
            break;
          }
          i += 2 + 2 * source[i + 1]!;
        }
        let more = 0;
        if (added) for (let k = 0; k < added.length; k += 3) if (added[k] === fieldId) more++;
        if (n + more === 0) continue;
        let matching = n + more;
        const posting = (docId: number, times: number): void => {
          // A record replaced or removed since (its postings stay until a vacuum): taken out, as MiniSearch does.
          if (live[docId] !== 1) {
            mini.removeTerm(fieldId, docId, derived);
            matching -= 1;
          } else take(fieldId, field.boost, docId, times, matching, average);
        };
        for (let k = 0, at = i + 2; k < n; k++, at += 2) posting(source[at]!, source[at + 1]!);
        if (more) for (let k = 0; k < added!.length; k += 3) if (added![k] === fieldId) posting(added![k + 1]!, added![k + 2]!);
        continue;
      }
      const postings = data.get(fieldId);
      if (postings == null) continue;
      let matching = postings.size;
      for (const [docId, times] of postings) {
        if (live[docId] !== 1) {
          mini.removeTerm(fieldId, docId, derived);
          matching -= 1;
          continue;
        }
        take(fieldId, field.boost, docId, times, matching, average);
      }
    }
  };

  const term = query.term;
  add(term, 1, mini._index.get(term));
  // Words it starts, then words a letter or two off it, looked up and taken as executeQuerySpec does.
  const started = query.prefix ? mini._index.atPrefix(term) : null;
  const fuzzy = query.typos > 0 ? mini._index.fuzzyGet(term, query.typos) : null;
  if (started) {
    for (const [longer, data] of started) {
      const distance = longer.length - term.length;
      if (!distance) continue;
      // A word it starts that is also a letter off it counts as the prefix match only.
      fuzzy?.delete(longer);
      add(longer, (WEIGHTS.prefix * longer.length) / (longer.length + 0.3 * distance), data);
    }
  }
  if (fuzzy) {
    for (const [near, [data, distance]] of fuzzy) {
      if (!distance) continue;
      add(near, (WEIGHTS.fuzzy * near.length) / (near.length + distance), data);
    }
  }

  const alone = new Array<readonly string[] | undefined>(matched.length);
  const hits: ScoredHits = new Map();
  for (const docId of found) {
    const list = several.get(docId);
    const t = firstTerm[docId]!;
    // Several words (a prefix's longer words, typos): put in order only if asked (see terms.ts).
    const terms = list ? new SeveralTerms(matched, list) : (alone[t] ??= [matched[t]!]);
    hits.set(mini._documentIds.get(docId)!, { score: scores[docId]!, terms });
  }
  return hits;
}

/** The words a record matched of a word's several (by number in `matched`), in MiniSearch's order when asked. */
class SeveralTerms implements LaterTerms {
  constructor(
    private readonly matched: readonly string[],
    private readonly numbers: readonly number[],
  ) {}

  list(): readonly string[] {
    return inKeyOrder(this.numbers.map((k) => this.matched[k]!));
  }
}

/**
 * Matched words in the order MiniSearch gave them (the keys of an object, so Object.keys' order):
 * words that read as array indexes ("2012") first, in ascending order, then the others as they
 * first matched.
 */
function inKeyOrder(words: string[]): string[] {
  const indexes = words.filter(isIndexKey);
  if (indexes.length === 0) return words;
  return indexes.sort((a, b) => Number(a) - Number(b)).concat(words.filter((w) => !isIndexKey(w)));
}

const isIndexKey = (word: string): boolean => /^(?:0|[1-9]\d*)$/.test(word) && Number(word) < 4294967295;
