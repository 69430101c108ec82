// What every door asks of an archive's records through a query: the list (ordered, filtered, a
// window of summaries, facets), search hits with snippets, the rows' snippets and the reader's
// highlights. One place, so that an archive opened whole (archive.ts) and one answered from its
// catalogue before its records are read (catalogue/first-answers.ts) give the same answers, in the
// same order, by the same code.
import type { CairnRecord, Facets, ListQuery, RecordList, RecordSnippet, RecordSummary, SearchResult, SortOrder, TextRange } from '../../contract';
import { summarize } from '../../common/summary';
import { text } from '../../common/i18n/text';
import { CairnError } from '../errors';
import type { ConceptIndex } from '../../common/tags/tag-paths';
import type { EntityRegistry } from '../entities/entity-registry';
import { snippetFor, type RecordIndex } from '../search/record-index';
import { facetsOf, frozenFacets } from './facets';
import { rangesOf } from './hit-ranges';
import { KeptAnswers } from './kept-answers';
import { ListOrders, type OrderedList } from './list-orders';
import { runQuery, type QueryAnswer } from './run-query';
import { titleRanks } from './sort';

export interface QueriesHost {
  /** The archive's own map of records (read, never written here). */
  records: ReadonlyMap<string, CairnRecord>;
  /** The search index (loaded on need: only a query with words asks for it). */
  index(): Pick<RecordIndex, 'word'>;
  entities(): EntityRegistry;
  concepts(): ConceptIndex;
  /** Moves on whenever a record, an entity or a vocabulary changes: answers and orders are kept until it does. */
  changes(): number;
  /** Moves on when a record's title changes, or a record comes or goes (the title ranks follow it). */
  titleChanges(): number;
  /** A record's title without the record, where the host has it (equal scores compare titles). */
  titleOf?(id: string): string;
}

export class RecordQueries {
  readonly #host: QueriesHost;
  #titles: { at: number; ranks: Map<string, number> } | null = null;
  /** Answers to recent queries, kept while the archive does not change (see kept-answers). */
  #answers = new KeptAnswers<QueryAnswer>();
  /** The list's orders of recent answers and of every record, kept until anything changes. */
  #orders: ListOrders;

  constructor(host: QueriesHost) {
    this.#host = host;
    this.#orders = new ListOrders(host.records, this.#titleRank(), () => (this.#titles?.at === host.titleChanges() ? this.#titleRank()() : null), host.titleOf && ((id) => host.titleOf!(id)));
  }

  get(id: string): CairnRecord {
    const record = this.#host.records.get(id);
    if (!record) throw new CairnError('E_NOT_FOUND', text('record_not_found', { id }));
    return record;
  }

  list(query: ListQuery = {}): RecordList {
    const asked = query.query?.trim() ?? '';
    let answer: QueryAnswer | null = null;
    if (asked) {
      answer = this.answer(asked);
      if (answer.problem) return { total: 0, ids: [], offset: 0, items: [], problem: answer.problem };
    }
    const list = this.#orders.of(this.#host.changes(), answer, query.sort, { statuses: query.statuses, period: query.period });
    const { ordered } = list;
    // Every id, and the window of summaries asked for (all of them when no limit is given).
    const offset = Math.min(query.offset ?? 0, ordered.length);
    const window = query.limit === undefined ? ordered.slice(offset) : ordered.slice(offset, offset + query.limit);
    return {
      total: ordered.length,
      ids: list.ids.slice(),
      offset,
      items: window.map((o) => (answer ? { ...summarize(this.get(o.id)), score: o.score } : summarize(this.get(o.id)))),
      ...(query.facets ? { facets: this.#facetsOf(list) } : {}),
    };
  }

  /** How a list's records spread over statuses, tags, places, languages and years (kept with the list). */
  #facetsOf(list: OrderedList): Facets {
    // Kept with the list and given to every caller: frozen, so that none can change it for the next.
    return (list.facets ??= frozenFacets(facetsOf(list.ordered.map((o) => this.get(o.id)), this.#placeName)));
  }

  /** A linked entity's name when it is a place (the place facet counts linked places, as `place:` finds them). */
  #placeName = (id: string): string | null => {
    const entity = this.#host.entities().find(id);
    return entity?.kind === 'place' ? entity.name : null;
  };

  /** The summaries of these records, in the order asked (a record not in the archive is left out). */
  summaries(ids: readonly string[]): RecordSummary[] {
    return ids.flatMap((id) => {
      const record = this.#host.records.get(id);
      return record ? [summarize(record)] : [];
    });
  }

  /** The records a query finds, in the list's order, with a snippet each; a malformed query gives its problem and no hits. */
  search(query: string, limit = 50, options: { offset?: number; sort?: SortOrder; facets?: boolean } = {}): SearchResult {
    const answer = this.answer(query);
    if (answer.problem) return { total: 0, hits: [], problem: answer.problem };
    // In the list's order (relevance by default; equal scores by title, then id, whatever order
    // the index took records in, so that an index loaded from its snapshot and one built from every
    // record answer alike), so that the CLI and the window show the same hits in the same order.
    const list = this.#orders.of(this.#host.changes(), answer, options.sort);
    const { ordered } = list;
    const offset = options.offset ?? 0;
    return {
      total: ordered.length,
      ...(options.facets ? { facets: this.#facetsOf(list) } : {}),
      hits: ordered.slice(offset, offset + limit).map((hit) => {
        const record = this.get(hit.id);
        const matched = [...(answer.find(hit.id)?.terms ?? [])];
        return { id: record.id, title: record.title, score: hit.score, snippet: snippetFor(record.text, matched), terms: matched };
      }),
    };
  }

  /** Snippets of `ids` for a query: the text around the first word it matched, and where the matched words stand in it. */
  snippets(query: string, ids: readonly string[]): RecordSnippet[] {
    const answer = this.answer(query);
    return ids.map((id) => {
      const matched = answer.find(id)?.terms ?? [];
      const record = this.#host.records.get(id);
      if (!record || matched.length === 0) return { id, snippet: '', ranges: [] };
      // Short, the match near its start: a row shows about 60 characters of it.
      const snippet = snippetFor(record.text, matched, 90);
      return { id, snippet, ranges: rangesOf(snippet, matched) };
    });
  }

  /** Where the words a query matched in a record stand in its text (none when the query does not find it). */
  hitRanges(id: string, query: string): TextRange[] {
    const record = this.get(id);
    const hit = this.answer(query).find(id);
    return hit ? rangesOf(record.text, hit.terms) : [];
  }

  /**
   * A query's answer. Recent answers are kept until anything changes: the list, its rows' snippets
   * and the reader's highlights ask the same query one after another, and typing starts from the
   * same first letters.
   */
  answer(query: string): QueryAnswer {
    const host = this.#host;
    return this.#answers.get(this.#host.changes(), query, () =>
      runQuery(
        query,
        {
          index: { word: (term, options) => this.#host.index().word(term, options) },
          records: () => this.#host.records.entries(),
          get: (id) => this.get(id),
        },
        // The entities asked for only by a filter that needs them (the catalogue makes them on need).
        {
          get entities() {
            return host.entities();
          },
          concepts: host.concepts(),
        },
      ),
    );
  }

  /**
   * Each record's place in the title order (see sortSummaries), made only for a long list sorted by
   * something else than relevance (a list by relevance reads them while they hold, see OrderOptions.
   * knownTitleRank), and found again only after a title changed or a record came or went: sorting
   * 20,000 records' titles takes about 0.1 s.
   */
  #titleRank(): () => (id: string) => number {
    return () => {
      const at = this.#host.titleChanges();
      if (this.#titles?.at !== at) this.#titles = { at, ranks: titleRanks(this.#host.records.values()) };
      const ranks = this.#titles.ranks;
      return (id) => ranks.get(id) ?? 0;
    };
  }
}
