// Runs a parsed query against the index and the records: words and phrases are looked up in the
// index (scores summed as MiniSearch sums them), filters test records, AND intersects, OR unites,
// and an exclusion subtracts. Filters are tested only on the records the words already found,
// unless nothing but filters narrows the query.
import type { CairnRecord } from '../../contract';
import { foldTerm, tokenize, TEXT_FIELDS, type IndexField, type RecordIndex } from '../search/record-index';
import { hasCyrillic, latinFormsOf } from '../search/transliterate';
import { joinTerms, uniqueTerms, type Terms } from '../search/terms';
import type { QueryNode } from './parse';
import { LETTER_BEYOND_ASCII, sequenceTest } from './sequence';

export interface QueryHit {
  id: string;
  score: number;
}

export interface QueryTarget {
  index: Pick<RecordIndex, 'word'>;
  /** Every record, by id. */
  records(): Iterable<[string, CairnRecord]>;
  get(id: string): CairnRecord;
  /** The prepared test of a field filter. */
  filter(name: string, value: string): (record: CairnRecord) => boolean;
}

/**
 * What a part of the query found: each record with its score and the index words it matched. The
 * words are put together only when asked (see search/terms.ts): a query finds thousands of records
 * and shows a few. Repeats are taken out then.
 */
type Found = Map<string, { score: number; terms: Terms }>;
/** A test is given each record with its id (looked up once for all the tests of a part, not once per test). */
type Test = (id: string, record: CairnRecord) => boolean;
type Result = { kind: 'found'; found: Found } | { kind: 'test'; test: Test };

export interface EvaluateOptions {
  /** The words node whose last word also matches as the start of a longer word (the word being typed). */
  typing?: QueryNode | null;
}

/** What a query found: each record with its score and the index words it matched. */
export interface Evaluated {
  /** Every record found, in no particular order (the caller orders them). */
  hits: QueryHit[];
  /**
   * The score and the index words (folded, each once) of a record found, for its snippet and
   * highlights; undefined for one not found. The words are put together the first time they are asked.
   */
  find(id: string): { readonly score: number; readonly terms: readonly string[] } | undefined;
  /** The score of a record found (undefined for one not found), its words left as they are: for ordering. */
  scoreOf(id: string): number | undefined;
}

/** Every record the query finds, with its score, in no particular order (the caller orders them). */
export function evaluate(root: QueryNode, target: QueryTarget, options: EvaluateOptions = {}): Evaluated {
  const result = run(root, target, options);
  const found = result.kind === 'found' ? result.found : materialise(result.test, target);
  const hits: QueryHit[] = [];
  for (const [id, f] of found) hits.push({ id, score: f.score });
  const asked = new Map<string, { score: number; terms: readonly string[] }>();
  return {
    hits,
    find: (id) => {
      let hit = asked.get(id);
      if (!hit) {
        const f = found.get(id);
        if (!f) return undefined;
        asked.set(id, (hit = { score: f.score, terms: uniqueTerms(f.terms) }));
      }
      return hit;
    },
    scoreOf: (id) => found.get(id)?.score,
  };
}

/** The words node being typed: the last one, unquoted, ending where the query ends. */
export function typingNode(root: QueryNode | null, query: string): QueryNode | null {
  let last: QueryNode | null = null;
  const visit = (n: QueryNode) => {
    if (n.type === 'words') last = n;
    else if (n.type === 'and' || n.type === 'or') n.items.forEach(visit);
    else if (n.type === 'not') visit(n.item);
  };
  if (root) visit(root);
  const node = last as QueryNode | null;
  if (!node || node.type !== 'words' || node.phrase) return null;
  return node.span.at + node.span.length === query.trimEnd().length ? node : null;
}

function run(node: QueryNode, target: QueryTarget, options: EvaluateOptions): Result {
  switch (node.type) {
    case 'words':
      return words(node, target, options.typing === node);
    case 'filter': {
      const test = target.filter(node.name, node.value);
      return { kind: 'test', test: (_id, record) => test(record) };
    }
    case 'not': {
      const inner = run(node.item, target, options);
      if (inner.kind === 'found') return { kind: 'test', test: (id) => !inner.found.has(id) };
      return { kind: 'test', test: (id, record) => !inner.test(id, record) };
    }
    case 'and':
      return and(node.items.map((item) => run(item, target, options)), target);
    case 'or':
      return or(node.items.map((item) => run(item, target, options)), target);
  }
}

function and(results: Result[], target: QueryTarget): Result {
  const sets = results.flatMap((r) => (r.kind === 'found' ? [r.found] : [])).sort((a, b) => a.size - b.size);
  const tests = results.flatMap((r) => (r.kind === 'test' ? [r.test] : []));
  if (sets.length === 0) return { kind: 'test', test: (id, record) => tests.every((t) => t(id, record)) };
  if (sets.length === 1 && tests.length === 0) return { kind: 'found', found: sets[0]! };
  const found: Found = new Map();
  const others = sets.slice(1);
  for (const [id, first] of sets[0]!) {
    let score = first.score;
    let terms: Terms = first.terms;
    let all = true;
    for (const other of others) {
      const hit = other.get(id);
      if (!hit) {
        all = false;
        break;
      }
      score += hit.score;
      terms = joinTerms(terms, hit.terms);
    }
    if (all && (tests.length === 0 || passes(tests, id, target))) found.set(id, { score, terms });
  }
  return { kind: 'found', found };
}

function or(results: Result[], target: QueryTarget): Result {
  const found: Found = new Map();
  for (const r of results) {
    for (const [id, hit] of r.kind === 'found' ? r.found : materialise(r.test, target)) {
      const had = found.get(id);
      if (had) {
        had.score += hit.score;
        had.terms = joinTerms(had.terms, hit.terms);
      } else found.set(id, { score: hit.score, terms: hit.terms });
    }
  }
  return { kind: 'found', found };
}

const NO_TERMS: readonly string[] = [];

/** Whether a record found by words passes every test (the record looked up once). */
function passes(tests: readonly Test[], id: string, target: QueryTarget): boolean {
  const record = target.get(id);
  for (const t of tests) if (!t(id, record)) return false;
  return true;
}

/** What a record a test passes has of its own: no score (a filter ranks nothing), no words; one entry shared, never changed. */
const UNSCORED = Object.freeze({ score: 0, terms: NO_TERMS });

/** The records a test passes, with no score of their own. */
function materialise(test: Test, target: QueryTarget): Found {
  const found: Found = new Map();
  for (const [id, record] of target.records()) if (test(id, record)) found.set(id, UNSCORED);
  return found;
}


/**
 * A word or a phrase: each of its words must be there (in any of its spellings: as typed, with a
 * typo, and for a Cyrillic word in its Latin spellings); a phrase, or a word the index cuts in
 * several ("PA/19", "counter-terrorism"), must also have them side by side, in order.
 */
function words(node: Extract<QueryNode, { type: 'words' }>, target: QueryTarget, typing: boolean): Result {
  const tokens = tokenize(node.text);
  if (tokens.length === 0) return { kind: 'test', test: () => true };
  const fields: readonly IndexField[] = node.field ? [node.field] : TEXT_FIELDS;
  const perToken: Found[] = tokens.map((token, i) => {
    const last = i === tokens.length - 1;
    // A word typed in capitals is an acronym or a code (UNRCCA, CTED): exact, never fuzzy.
    const forgiving = !node.phrase && tokens.length === 1 && !/^\p{Lu}{2,}$/u.test(token);
    const look = (typos: 0 | 1 | 2): Found => {
      const options = { fields, prefix: typing && last, typos };
      const found: Found = target.index.word(token, options);
      if (!node.field && hasCyrillic(token)) {
        for (const latin of latinFormsOf(token)) {
          for (const [id, h] of target.index.word(latin, { ...options, fields: ['title', 'text', 'tags', 'place'] })) {
            const had = found.get(id);
            // One word found in several spellings counts once, at its best.
            if (had) {
              had.score = Math.max(had.score, h.score);
              had.terms = joinTerms(had.terms, h.terms);
            } else found.set(id, h);
          }
        }
      }
      return found;
    };
    // One letter wrong is always forgiven (ranked below the word itself); two only when the word
    // finds nothing otherwise ("nucelar"), so that "nuclear" does not also bring every "unclear".
    const found = look(forgiving ? 1 : 0);
    return found.size === 0 && forgiving ? look(2) : found;
  });
  const together = and(perToken.map((found) => ({ kind: 'found', found })), target);
  if (tokens.length === 1 || together.kind !== 'found') return together;
  const wanted = tokens.map(foldTerm);
  const has = sequenceTest(wanted, typing && !node.phrase);
  for (const [id] of together.found) {
    const record = target.get(id);
    const held =
      node.field === 'title' ? has(record.title)
      : node.field === 'text' ? has(record.text, () => textBeyondAscii(record))
      : has(record.title) || has(record.text, () => textBeyondAscii(record)) || has(record.place) || record.tags.some((t) => has(t));
    if (!held) together.found.delete(id);
  }
  return together;
}

/** Whether a record's text has a letter beyond ASCII (see LETTER_BEYOND_ASCII), found once per record (a record is never changed in place: an edit makes a new one). */
const textsBeyondAscii = new WeakMap<CairnRecord, boolean>();
function textBeyondAscii(record: CairnRecord): boolean {
  let known = textsBeyondAscii.get(record);
  if (known === undefined) textsBeyondAscii.set(record, (known = LETTER_BEYOND_ASCII.test(record.text)));
  return known;
}
