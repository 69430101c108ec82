// The list's orders, kept until anything in the archive changes: the window asks the same list again
// and again (a key that only adds a space, the Refine panel opened, a sort clicked back), and a long
// one took 10–35 ms to order at 20,000 records each time. Every record's order for each sort is kept
// too, so that a long list sorted otherwise than by relevance (what a filter alone finds, or no query)
// is found in one pass over it rather than sorted again (see OrderOptions.everyInOrder).
import type { CairnRecord, Facets, ReviewStatus, SortOrder } from '../../contract';
import type { QueryAnswer } from './run-query';
import { everyRecordInOrder, orderRecords, type Ordered } from './order';

/** The list's own filters (beside the query). */
export interface ListFilter {
  statuses?: readonly ReviewStatus[];
  /** "2018" or "2018-04": records dated in it (a prefix of the record's date). */
  period?: string;
}

export interface OrderedList {
  readonly ordered: readonly Ordered[];
  readonly ids: readonly string[];
  /** How these records spread over statuses, tags…, made the first time they are asked for. */
  facets?: Facets;
}

/** Lists kept per answer: a sort or filter changed back and forth, not every one ever asked. */
const KEPT_PER_ANSWER = 8;

export class ListOrders {
  #at = Number.NaN;
  #every = new Map<string, CairnRecord[]>();
  #lists = new WeakMap<object, Map<string, OrderedList>>();
  /** Stands for "no query" (every record) among the answers. */
  #noQuery: object = {};

  /**
   * `records` is the archive's own map (read, never written here); `titleRank` gives the title
   * ranks (see titleRanks) when a long list needs them, `knownTitleRank` when they are at hand.
   */
  constructor(
    private readonly records: ReadonlyMap<string, CairnRecord>,
    private readonly titleRank: () => (id: string) => number,
    private readonly knownTitleRank: () => ((id: string) => number) | null = () => null,
    /** A record's title by its id, when known without the record (see OrderOptions.titleOf). */
    private readonly titleOf?: (id: string) => string,
  ) {}

  /**
   * The hits of `answer` (every record when null) that `filter` keeps, in `sort`'s order (see
   * orderRecords). `at` counts the archive's changes: what was kept at another count is forgotten.
   * The lists given are shared: not to be changed.
   */
  of(at: number, answer: Pick<QueryAnswer, 'hits' | 'scoreOf'> | null, sort: SortOrder | undefined, filter: ListFilter = {}): OrderedList {
    if (at !== this.#at) {
      this.#at = at;
      this.#every.clear();
      this.#lists = new WeakMap();
      this.#noQuery = {};
    }
    const owner = answer ?? this.#noQuery;
    const key = JSON.stringify([sort?.field ?? null, sort?.direction ?? null, filter.statuses ?? null, filter.period ?? null]);
    let lists = this.#lists.get(owner);
    if (!lists) this.#lists.set(owner, (lists = new Map()));
    const known = lists.get(key);
    if (known) return known;
    const ordered = orderRecords(answer?.hits ?? null, this.records, sort, {
      keep: keepOf(filter),
      titleRank: this.titleRank,
      knownTitleRank: this.knownTitleRank,
      everyInOrder: (order) => this.#inOrder(order),
      scoreOf: answer?.scoreOf,
      ...(this.titleOf ? { titleOf: this.titleOf } : {}),
    });
    const list: OrderedList = { ordered, ids: ordered.map((o) => o.id) };
    if (lists.size >= KEPT_PER_ANSWER) lists.delete(lists.keys().next().value!);
    lists.set(key, list);
    return list;
  }

  #inOrder(order: SortOrder): readonly CairnRecord[] {
    const key = `${order.field} ${order.direction}`;
    let every = this.#every.get(key);
    if (!every) this.#every.set(key, (every = everyRecordInOrder(this.records, order, this.titleRank)));
    return every;
  }
}

function keepOf(filter: ListFilter): ((record: CairnRecord) => boolean) | null {
  const statuses = filter.statuses && new Set<string>(filter.statuses);
  const period = filter.period;
  if (!statuses && !period) return null;
  return (r) => (!statuses || statuses.has(r.status)) && (!period || (r.date !== null && (r.date === period || r.date.startsWith(period + '-'))));
}
