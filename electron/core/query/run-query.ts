// A query as every door runs it: parsed (a malformed one is a problem, never an exception), then
// evaluated against the index and the records.
import type { QueryProblem } from '../../contract';
import { evaluate, typingNode, type Evaluated, type QueryHit, type QueryTarget } from './evaluate';
import { FIELD_FILTERS, prepareFilter, querySyntax, type FilterContext } from './filters';
import { parseQuery } from './parse';

const SYNTAX = querySyntax(FIELD_FILTERS);
/** An answer that found nothing (its own list of hits: an answer's hits are never shared). */
const nothing = (): Pick<QueryAnswer, 'hits' | 'find' | 'scoreOf'> => ({ hits: [], find: () => undefined, scoreOf: () => undefined });

export interface QueryAnswer {
  /** Every record found, in no particular order (the caller orders them: see order.ts). */
  hits: QueryHit[];
  /** The score and matched words of one record found; undefined for one not found (see Evaluated.find). */
  find: Evaluated['find'];
  /** The score of one record found; undefined for one not found. */
  scoreOf: Evaluated['scoreOf'];
  problem: QueryProblem | null;
  /** Whether the query holds anything at all (an empty one finds nothing and asks for nothing). */
  empty: boolean;
}

export function runQuery(query: string, target: Omit<QueryTarget, 'filter'>, ctx: FilterContext): QueryAnswer {
  const { root, problem } = parseQuery(query, SYNTAX);
  if (problem) return { ...nothing(), problem, empty: false };
  if (!root) return { ...nothing(), problem: null, empty: true };
  return { ...evaluate(root, { ...target, filter: (name, value) => prepareFilter(name, value, ctx) }, { typing: typingNode(root, query) }), problem: null, empty: false };
}

/** Whether a query can be read at all (for a door that checks before it starts long work). */
export function queryProblem(query: string): QueryProblem | null {
  return parseQuery(query, SYNTAX).problem;
}
