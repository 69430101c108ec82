// The list's order of what a query found (or of every record): light entries (an id, a score and the
// words matched), sorted as the list sorts; the caller makes summaries or hits of the window it
// shows, not of every record.
import type { CairnRecord, SortOrder } from '../../contract';
import type { QueryHit } from './evaluate';
import { collateTitles, sortSummaries, type Sortable } from './sort';

export interface Ordered {
  id: string;
  score: number;
  /** The index words the query matched in the record (none when no words were asked). */
  terms: readonly string[];
}

const NONE: readonly string[] = [];
const RANKS_FROM = 1000;

/**
 * `hits` (or, when null, every record) that `keep` keeps, in the order `sort` asks; without one, by
 * relevance when words ranked them and by date when only filters found them (as the list sorts).
 */
export function orderRecords(
  hits: readonly QueryHit[] | null,
  records: ReadonlyMap<string, CairnRecord>,
  sort: SortOrder | undefined,
  keep: ((record: CairnRecord) => boolean) | null = null,
  /** Gives the title ranks (see titleRanks); asked for only when a long list is sorted otherwise than by relevance. */
  titleRank?: () => (id: string) => number,
): Ordered[] {
  const kept: CairnRecord[] = [];
  const out: Ordered[] = [];
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
        out.push({ id: record.id, score: 0, terms: NONE });
      }
    }
  }
  const ranked = hits !== null && hits.some((h) => h.score > 0);
  const order = sort ?? (ranked ? { field: 'relevance', direction: 'desc' } : { field: 'date', direction: 'asc' });
  if (order.field === 'relevance') {
    // Nothing ranked them: they stay as found.
    if (!ranked) return out;
    // By score, as sortSummaries orders by relevance: the scores sorted as numbers (natively, no
    // comparison called back for each pair), then each score's records in turn; records of equal
    // score (a few hundred among 15,000 hits) collate by title, then id. Sorting entries with a
    // comparison took most of a large answer's listing.
    const scores = new Float64Array(out.length);
    const byScore = new Map<number, number | number[]>();
    for (let i = 0; i < out.length; i++) {
      const score = out[i]!.score;
      scores[i] = score;
      const had = byScore.get(score);
      if (had === undefined) byScore.set(score, i);
      else if (typeof had === 'number') byScore.set(score, [had, i]);
      else had.push(i);
    }
    scores.sort();
    const ordered: Ordered[] = [];
    const take = (score: number): void => {
      // Each score's records once (the first time the sorted scores reach it).
      const at = byScore.get(score);
      if (at === undefined) return;
      byScore.delete(score);
      if (typeof at === 'number') {
        ordered.push(out[at]!);
        return;
      }
      at.sort((a, b) => collateTitles(kept[a]!.title, kept[b]!.title) || byKey(kept[a]!.id, kept[b]!.id));
      for (const i of at) ordered.push(out[i]!);
    };
    if (order.direction === 'asc') for (let i = 0; i < scores.length; i++) take(scores[i]!);
    else for (let i = scores.length - 1; i >= 0; i--) take(scores[i]!);
    return ordered;
  }
  // Ranks pay for themselves where many ties fall back on the title (a date missing, a filter).
  const ranks = titleRank && out.length > RANKS_FROM ? titleRank() : undefined;
  const sortable: (Sortable & { entry: Ordered })[] = kept.map((r, i) => ({ id: r.id, title: r.title, date: r.date, place: r.place, status: r.status, updatedAt: r.updatedAt, score: out[i]!.score, entry: out[i]! }));
  sortSummaries(sortable, order, ranks);
  return sortable.map((s) => s.entry);
}

const byKey = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
