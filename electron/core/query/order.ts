// The list's order of what a query found (or of every record): light entries, one shape for all, sorted
// as the list sorts; the caller makes summaries or hits of the window it shows, not of every record.
import type { CairnRecord, SortOrder } from '../../contract';
import type { QueryHit } from './evaluate';
import { sortSummaries, type Sortable } from './sort';

export interface Ordered extends Sortable {
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
  const out: Ordered[] = [];
  const entry = (r: CairnRecord, score: number, terms: readonly string[]): Ordered => ({ id: r.id, title: r.title, date: r.date, place: r.place, status: r.status, updatedAt: r.updatedAt, score, terms });
  if (hits) {
    for (const hit of hits) {
      const record = records.get(hit.id);
      if (record && (!keep || keep(record))) out.push(entry(record, hit.score, hit.terms));
    }
  } else {
    for (const record of records.values()) if (!keep || keep(record)) out.push(entry(record, 0, NONE));
  }
  const ranked = hits !== null && hits.some((h) => h.score > 0);
  const order = sort ?? (ranked ? { field: 'relevance', direction: 'desc' } : { field: 'date', direction: 'asc' });
  // Ranks pay for themselves where many ties fall back on the title (a date missing, a filter); a
  // relevance order has few, and collates them.
  const ranks = titleRank && order.field !== 'relevance' && out.length > RANKS_FROM ? titleRank() : undefined;
  if (order.field !== 'relevance' || ranked) sortSummaries(out, order, ranks);
  return out;
}
