// The record list's sort orders: by title, date (partial dates in their place), place, status, last
// change or relevance; records without a value for the field come last either way.
import type { RecordSummary, SortOrder } from '../../contract';
import { dateSortKey } from '../model/dates';

// One fixed collation (CLDR's root order, which sorts Latin and Cyrillic alike), not the machine's
// locale: the list, the CLI and every export put records in the same order on every machine, so
// that an export of the same archive gives the same bytes wherever it is made.
const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
/** Two titles in the list's order (the fixed collation above). */
export const collateTitles = (a: string, b: string): number => collator.compare(a, b);
const STATUS_ORDER = { new: 0, 'in-review': 1, 'needs-work': 2, reviewed: 3, rejected: 4 } as const;

/** What a sort looks at: a summary has it, and so has a search hit made light (see Archive.list). */
export type Sortable = Pick<RecordSummary, 'id' | 'title' | 'date' | 'place' | 'status' | 'updatedAt' | 'score'>;

/**
 * Sorts in place. `titleRank`, when given, is each record's place in the title order (records whose
 * titles collate alike share one: see titleRanks), so that comparing titles costs a subtraction,
 * not a collation: ties on a date or a filter are broken by title, and a list of 20,000 records
 * without dates took 0.2 s of collating.
 */
export function sortSummaries<T extends Sortable>(items: T[], sort: SortOrder, titleRank?: (id: string) => number): void {
  const dir = sort.direction === 'asc' ? 1 : -1;
  const byKey = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  // Each item's keys, found once (a date's key is parsed from it), not at every comparison.
  const decorated = items.map((item) => ({
    item,
    missing: sort.field === 'date' ? item.date === null : sort.field === 'place' ? item.place === '' : false,
    date: sort.field === 'date' ? dateSortKey(item.date) : '',
    title: titleRank ? titleRank(item.id) : 0,
  }));
  type Decorated = (typeof decorated)[number];
  const byTitle = titleRank ? (a: Decorated, b: Decorated) => a.title - b.title : (a: Decorated, b: Decorated) => collator.compare(a.item.title, b.item.title);
  const compare: Record<SortOrder['field'], (a: Decorated, b: Decorated) => number> = {
    title: byTitle,
    date: (a, b) => byKey(a.date, b.date),
    place: (a, b) => collator.compare(a.item.place, b.item.place),
    status: (a, b) => STATUS_ORDER[a.item.status] - STATUS_ORDER[b.item.status],
    updatedAt: (a, b) => byKey(a.item.updatedAt, b.item.updatedAt),
    relevance: (a, b) => (a.item.score ?? 0) - (b.item.score ?? 0),
  };
  const field = compare[sort.field];
  // Records without a value for the sort field come last in either direction: they are the ones to fill in.
  decorated.sort((a, b) => Number(a.missing) - Number(b.missing) || dir * field(a, b) || byTitle(a, b) || byKey(a.item.id, b.item.id));
  for (let i = 0; i < decorated.length; i++) items[i] = decorated[i]!.item;
}

/** Each record's place in the title order; records whose titles collate alike (case, accents) share one. */
export function titleRanks(records: Iterable<{ id: string; title: string }>): Map<string, number> {
  const sorted = [...records].sort((a, b) => collator.compare(a.title, b.title));
  const ranks = new Map<string, number>();
  for (let i = 0, rank = 0; i < sorted.length; i++) {
    if (i > 0 && collator.compare(sorted[i - 1]!.title, sorted[i]!.title) !== 0) rank = i;
    ranks.set(sorted[i]!.id, rank);
  }
  return ranks;
}
