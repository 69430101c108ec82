// The list's order of what a query found (or of every record): light entries (an id and a score),
// sorted as the list sorts; the caller makes summaries or hits of the window it shows, not of every
// record.
import type { CairnRecord, SortOrder } from '../../contract';
import type { QueryHit } from './evaluate';
import { collateTitles, sortSummaries, type Sortable } from './sort';

/** A record in the list: its id and score (0 when nothing ranked it); its matched words are the query's to give (QueryAnswer.find). */
export type Ordered = QueryHit;

export interface OrderOptions {
  /** Only the records it keeps (the list's own filters: statuses, a period). */
  keep?: ((record: CairnRecord) => boolean) | null;
  /** Gives the title ranks (see titleRanks); asked for only when a long list is sorted otherwise than by relevance. */
  titleRank?: () => (id: string) => number;
  /**
   * The title ranks when they are at hand (none is made for this: null otherwise): records of equal
   * score then compare ranks rather than collate their titles, which took 6–17 ms of ordering 15,000–
   * 20,000 hits (thousands of them tie, in groups of two to ten).
   */
  knownTitleRank?: () => ((id: string) => number) | null;
  /**
   * Every record in a sort's order (sortSummaries over all of them, kept by the caller until a record
   * changes): a long list sorted otherwise than by relevance is then that order with only its own
   * records, found in one pass rather than sorted again. The order sortSummaries gives compares keys
   * of each record alone (missing, the field, the title, the id), so the records of any part of the
   * archive come in it as they would sorted by themselves.
   */
  everyInOrder?: (order: SortOrder) => readonly CairnRecord[];
  /** The score of a hit by its record's id (from the query's own map), when the caller has it: no map is made here then. */
  scoreOf?: (id: string) => number | undefined;
  /** A record's title by its id, when the caller has it without the record (catalogue/first-answers.ts). */
  titleOf?: (id: string) => string;
}

/** From this many records, a sort by title compares ranks and a list takes its order from every record's. */
const LONG_FROM = 1000;

/**
 * `hits` (or, when null, every record) that `keep` keeps, in the order `sort` asks; without one, by
 * relevance when words ranked them and by date when only filters found them (as the list sorts).
 */
export function orderRecords(hits: readonly QueryHit[] | null, records: ReadonlyMap<string, CairnRecord>, sort: SortOrder | undefined, options: OrderOptions = {}): Ordered[] {
  const { keep, titleRank, knownTitleRank, everyInOrder, scoreOf, titleOf = (id: string) => records.get(id)!.title } = options;
  const ranked = hits !== null && hits.some((h) => h.score > 0);
  const order = sort ?? (ranked ? { field: 'relevance', direction: 'desc' } : { field: 'date', direction: 'asc' });
  if (order.field !== 'relevance' && everyInOrder && (hits ? hits.length : records.size) > LONG_FROM) {
    // Every record's order, with only these (a record gone from the archive is in no order).
    const every = everyInOrder(order);
    if (!hits) return (keep ? every.filter(keep) : every).map(entryOf);
    const ordered: Ordered[] = [];
    if (scoreOf) {
      for (const record of every) {
        const score = scoreOf(record.id);
        if (score !== undefined && (!keep || keep(record))) ordered.push({ id: record.id, score });
      }
      return ordered;
    }
    const found = new Map<string, Ordered>();
    for (const hit of hits) found.set(hit.id, hit);
    for (const record of every) {
      const hit = found.get(record.id);
      if (hit && (!keep || keep(record))) ordered.push(hit);
    }
    return ordered;
  }
  const kept: CairnRecord[] = [];
  const out: Ordered[] = [];
  if (hits && !keep && order.field === 'relevance') {
    // Only whether each is still there: a record itself is needed only where scores are equal (its
    // title), which saves a lookup per hit, and a record made on demand (catalogue/first-answers.ts) is made for those only.
    for (const hit of hits) if (records.has(hit.id)) out.push(hit);
    return ranked ? byRelevance(out, (i) => titleOf(out[i]!.id), order.direction, knownTitleRank?.() ?? null) : out;
  }
  if (hits) {
    for (const hit of hits) {
      const record = records.get(hit.id);
      if (record && (!keep || keep(record))) {
        kept.push(record);
        out.push(hit);
      }
    }
  } else {
    for (const record of records.values()) {
      if (!keep || keep(record)) {
        kept.push(record);
        out.push({ id: record.id, score: 0 });
      }
    }
  }
  if (order.field === 'relevance') {
    // Nothing ranked them: they stay as found.
    return ranked ? byRelevance(out, (i) => kept[i]!.title, order.direction, knownTitleRank?.() ?? null) : out;
  }
  // Ranks pay for themselves where many ties fall back on the title (a date missing, a filter).
  const ranks = titleRank && out.length > LONG_FROM ? titleRank() : undefined;
  const sortable: (Sortable & { entry: Ordered })[] = kept.map((r, i) => ({ ...sortableOf(r), score: out[i]!.score, entry: out[i]! }));
  sortSummaries(sortable, order, ranks);
  return sortable.map((s) => s.entry);
}

/** Every record in `order` (see OrderOptions.everyInOrder), as sortSummaries sorts them. */
export function everyRecordInOrder(records: ReadonlyMap<string, CairnRecord>, order: SortOrder, titleRank?: () => (id: string) => number): CairnRecord[] {
  const sortable = [...records.values()].map((r) => ({ ...sortableOf(r), record: r }));
  sortSummaries(sortable, order, titleRank && sortable.length > LONG_FROM ? titleRank() : undefined);
  return sortable.map((s) => s.record);
}

const sortableOf = (r: CairnRecord): Sortable => ({ id: r.id, title: r.title, date: r.date, place: r.place, status: r.status, updatedAt: r.updatedAt });
const entryOf = (r: CairnRecord): Ordered => ({ id: r.id, score: 0 });

/**
 * By score, as sortSummaries orders by relevance, without a comparison called back for each pair:
 * the scores are sorted as numbers (natively), each entry finds its place among them by a binary
 * search, and only records of equal score (a few thousand among 20,000 hits, in groups of two to
 * ten) collate by title, then id: their title ranks compared when `rank` gives them (the same order:
 * titles that collate alike share a rank, and ranks follow the collation).
 */
function byRelevance(out: readonly Ordered[], titleOf: (i: number) => string, direction: SortOrder['direction'], rank: ((id: string) => number) | null): Ordered[] {
  const n = out.length;
  const scores = new Float64Array(n);
  // A score that is not a number (none is) sorts as the least rather than breaking the places below.
  for (let i = 0; i < n; i++) scores[i] = Number.isNaN(out[i]!.score) ? -Infinity : out[i]!.score;
  const sorted = scores.slice().sort();
  // at[i]: the entries in ascending order of score, entries of one score in the order found.
  const at = new Uint32Array(n);
  const filled = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const score = scores[i]!;
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! < score) lo = mid + 1;
      else hi = mid;
    }
    at[lo + filled[lo]!++] = i;
  }
  const ordered = new Array<Ordered>(n);
  const ranks = rank ? new Float64Array(n) : new Float64Array(0);
  let next = 0;
  const take = (start: number, end: number) => {
    if (end - start === 1) {
      ordered[next++] = out[at[start]!]!;
      return;
    }
    const tied = Array.from(at.subarray(start, end));
    if (rank) {
      // Each one's rank looked up once, not at every comparison (short words tie by the thousand:
      // 15,000 of 18,000 hits for "has", in groups of up to 50).
      for (const i of tied) ranks[i] = rank(out[i]!.id);
      tied.sort((a, b) => ranks[a]! - ranks[b]! || byKey(out[a]!.id, out[b]!.id));
    } else {
      const titles = new Map<number, string>();
      for (const i of tied) titles.set(i, titleOf(i));
      tied.sort((a, b) => collateTitles(titles.get(a)!, titles.get(b)!) || byKey(out[a]!.id, out[b]!.id));
    }
    for (const i of tied) ordered[next++] = out[i]!;
  };
  // Each run of equal scores in `sorted` is one group, taken from the best (desc) or the least (asc).
  if (direction === 'desc') {
    for (let end = n; end > 0; ) {
      let start = end - 1;
      while (start > 0 && sorted[start - 1] === sorted[end - 1]) start--;
      take(start, end);
      end = start;
    }
  } else {
    for (let start = 0; start < n; ) {
      let end = start + 1;
      while (end < n && sorted[end] === sorted[start]) end++;
      take(start, end);
      start = end;
    }
  }
  return ordered;
}

const byKey = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
