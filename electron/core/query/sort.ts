// The record list's sort orders: by title, date (partial dates in their place), place, status, last
// change or relevance; records without a value for the field come last either way.
import type { RecordSummary, SortOrder } from '../../contract';
import { dateSortKey } from '../model/dates';

// One fixed collation (CLDR's root order, which sorts Latin and Cyrillic alike), not the machine's
// locale: the list, the CLI and every export put records in the same order on every machine, so
// that an export of the same archive gives the same bytes wherever it is made.
const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
const STATUS_ORDER = { new: 0, 'in-review': 1, 'needs-work': 2, reviewed: 3, rejected: 4 } as const;

/** What a sort looks at: a summary has it, and so has a search hit made light (see Archive.list). */
export type Sortable = Pick<RecordSummary, 'id' | 'title' | 'date' | 'place' | 'status' | 'updatedAt' | 'score'>;

export function sortSummaries<T extends Sortable>(items: T[], sort: SortOrder): void {
  const dir = sort.direction === 'asc' ? 1 : -1;
  const byTitle = (a: Sortable, b: Sortable) => collator.compare(a.title, b.title);
  const byKey = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  const compare: Record<SortOrder['field'], (a: Sortable, b: Sortable) => number> = {
    title: byTitle,
    date: (a, b) => byKey(dateSortKey(a.date), dateSortKey(b.date)),
    place: (a, b) => collator.compare(a.place, b.place),
    status: (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status],
    updatedAt: (a, b) => byKey(a.updatedAt, b.updatedAt),
    relevance: (a, b) => (a.score ?? 0) - (b.score ?? 0),
  };
  // Records without a value for the sort field come last in either direction: they are the ones to fill in.
  const missing = (s: Sortable) => (sort.field === 'date' ? s.date === null : sort.field === 'place' ? s.place === '' : false);
  items.sort((a, b) => Number(missing(a)) - Number(missing(b)) || dir * compare[sort.field](a, b) || byTitle(a, b) || byKey(a.id, b.id));
}
