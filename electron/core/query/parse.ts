// The query language: words (all must match), "exact phrases", -exclusions, OR, parentheses and
// field filters (title:, tag:, year:, date:2011-07..2012-06 …). parseQuery never throws: a
// malformed query comes back as a problem naming what is wrong and where, for the search box to
// underline and the CLI to point at.
import type { LocalText, QueryProblem } from '../../contract';
import { renderText, text } from '../../common/i18n/text';

/** Where a part of the query stands in what was typed: offset and length in UTF-16 code units. */
export interface Span {
  at: number;
  length: number;
}

export type QueryNode =
  | { type: 'and'; items: QueryNode[] }
  | { type: 'or'; items: QueryNode[] }
  | { type: 'not'; item: QueryNode }
  /** A word, or a "phrase" (its words in that order); `field` limits it to one indexed field. */
  | { type: 'words'; text: string; phrase: boolean; field: WordField | null; span: Span }
  /** A field filter (tag:, year:, person: …), checked against each record. */
  | { type: 'filter'; name: string; value: string; span: Span };

/** Fields whose words are searched in the index (title:word), as against filters checked per record. */
export const WORD_FIELDS = ['title', 'text'] as const;
export type WordField = (typeof WORD_FIELDS)[number];

export interface ParsedQuery {
  /** null for an empty query (or one of nothing but spaces). */
  root: QueryNode | null;
  problem: QueryProblem | null;
}

/** What a filter's value must look like, checked while parsing so that a bad value is a problem with a place. */
export type ValueCheck = (value: string) => LocalText | null;

export interface QuerySyntax {
  /** The filter names a query may use, each with the check of its value (null: any value). */
  filters: ReadonlyMap<string, ValueCheck | null>;
}

const OR_WORDS = new Set(['OR', 'ИЛИ']);
const AND_WORDS = new Set(['AND']);

type Token =
  | { kind: '(' | ')' | 'or' | 'and'; span: Span }
  | { kind: 'term'; negated: boolean; field: string | null; value: string; quoted: boolean; span: Span; fieldSpan: Span | null };

class QueryError extends Error {
  constructor(
    readonly said: LocalText,
    readonly span: Span,
  ) {
    super(renderText(said));
  }
}

/** Parses a query; a malformed one gives a problem (and no tree), never an exception. */
export function parseQuery(query: string, syntax: QuerySyntax): ParsedQuery {
  try {
    const tokens = tokenizeQuery(query, syntax);
    if (tokens.length === 0) return { root: null, problem: null };
    const parser = new Parser(tokens, query.length);
    const root = parser.parseOr();
    parser.expectEnd();
    return { root, problem: null };
  } catch (e) {
    if (!(e instanceof QueryError)) throw e;
    return { root: null, problem: { text: e.said, message: renderText(e.said), at: e.span.at, length: Math.max(1, e.span.length) } };
  }
}

const isSpace = (c: string) => /\s/u.test(c);
const STOP = new Set(['(', ')', '"', '“', '”', '«', '»']);
const QUOTES: Record<string, string> = { '"': '"', '“': '”', '«': '»', '„': '“' };

function tokenizeQuery(query: string, syntax: QuerySyntax): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = query.length;
  while (i < n) {
    const c = query[i]!;
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (c === '(' || c === ')') {
      tokens.push({ kind: c, span: { at: i, length: 1 } });
      i++;
      continue;
    }
    const start = i;
    let negated = false;
    // A minus before a term (not inside a word: "counter-terrorism" is one word).
    if (c === '-' && i + 1 < n && !isSpace(query[i + 1]!) && query[i + 1] !== ')') {
      negated = true;
      i++;
    }
    if (query[i] === '(') {
      // -( … ): the group is excluded; the parser sees a NOT before the parenthesis.
      tokens.push({ kind: 'term', negated: true, field: null, value: '', quoted: false, span: { at: start, length: 1 }, fieldSpan: null });
      continue;
    }
    // field:value or field:"value"
    let field: string | null = null;
    let fieldSpan: Span | null = null;
    const fieldMatch = /^([\p{L}]+):/u.exec(query.slice(i));
    if (fieldMatch) {
      field = fieldMatch[1]!.toLowerCase();
      fieldSpan = { at: i, length: fieldMatch[0].length };
      i += fieldMatch[0].length;
      if (!syntax.filters.has(field) && !(WORD_FIELDS as readonly string[]).includes(field)) {
        throw new QueryError(text('query_unknown_field', { field: fieldMatch[1]!, fields: [...WORD_FIELDS, ...syntax.filters.keys()].map((f) => `${f}:`).join(' ') }), fieldSpan);
      }
      if (i >= n || isSpace(query[i]!) || query[i] === ')') {
        throw new QueryError(text('query_field_without_value', { field: fieldMatch[1]! }), fieldSpan);
      }
    }
    const open = query[i]!;
    if (open in QUOTES) {
      const close = QUOTES[open]!;
      let end = i + 1;
      while (end < n && query[end] !== close && !(close !== '"' && query[end] === '"')) end++;
      if (end >= n) throw new QueryError(text('query_unclosed_quote'), { at: i, length: 1 });
      const value = query.slice(i + 1, end);
      i = end + 1;
      if (!value.trim()) throw new QueryError(text('query_empty_quotes'), { at: start, length: i - start });
      tokens.push({ kind: 'term', negated, field, value: value.trim(), quoted: true, span: { at: start, length: i - start }, fieldSpan });
      continue;
    }
    let end = i;
    while (end < n && !isSpace(query[end]!) && !STOP.has(query[end]!)) end++;
    const value = query.slice(i, end);
    i = end;
    if (!field && !negated && OR_WORDS.has(value)) {
      tokens.push({ kind: 'or', span: { at: start, length: value.length } });
      continue;
    }
    if (!field && !negated && AND_WORDS.has(value)) {
      tokens.push({ kind: 'and', span: { at: start, length: value.length } });
      continue;
    }
    if (!value) {
      // A lone minus before a quote that is not one, or the like: take it as a word.
      tokens.push({ kind: 'term', negated: false, field: null, value: query[start]!, quoted: false, span: { at: start, length: 1 }, fieldSpan: null });
      i = Math.max(i, start + 1);
      continue;
    }
    tokens.push({ kind: 'term', negated, field, value, quoted: false, span: { at: start, length: i - start }, fieldSpan });
  }
  for (const t of tokens) {
    if (t.kind !== 'term' || !t.field || !t.fieldSpan) continue;
    const check = syntax.filters.get(t.field);
    const wrong = check?.(t.value);
    if (wrong) throw new QueryError(wrong, t.span);
  }
  return tokens;
}

class Parser {
  #i = 0;
  constructor(
    readonly tokens: Token[],
    readonly end: number,
  ) {}

  #peek(): Token | undefined {
    return this.tokens[this.#i];
  }

  parseOr(): QueryNode {
    const items = [this.#parseAnd()];
    while (this.#peek()?.kind === 'or') {
      const or = this.tokens[this.#i++]!;
      const next = this.#peek();
      if (!next || next.kind === ')' || next.kind === 'or') throw new QueryError(text('query_or_without_right'), or.span);
      items.push(this.#parseAnd());
    }
    return items.length === 1 ? items[0]! : { type: 'or', items };
  }

  #parseAnd(): QueryNode {
    const items: QueryNode[] = [];
    for (;;) {
      const t = this.#peek();
      if (!t || t.kind === ')' || t.kind === 'or') break;
      if (t.kind === 'and') {
        this.#i++;
        const next = this.#peek();
        if (items.length === 0 || !next || next.kind === ')' || next.kind === 'or' || next.kind === 'and') throw new QueryError(text('query_and_without_sides'), t.span);
        continue;
      }
      items.push(this.#parseUnary());
    }
    if (items.length === 0) {
      const t = this.#peek();
      if (t?.kind === 'or') throw new QueryError(text('query_or_without_left'), t.span);
      if (t?.kind === ')') throw new QueryError(text('query_unopened_paren'), t.span);
      throw new QueryError(text('query_or_without_right'), { at: this.end, length: 1 });
    }
    return items.length === 1 ? items[0]! : { type: 'and', items };
  }

  #parseUnary(): QueryNode {
    const t = this.tokens[this.#i++]!;
    if (t.kind === '(') return this.#group(t, false);
    if (t.kind !== 'term') throw new QueryError(text('query_unopened_paren'), t.span);
    if (t.negated && t.value === '' && this.#peek()?.kind === '(') {
      const open = this.tokens[this.#i++]!;
      return this.#group(open, true);
    }
    const node: QueryNode =
      t.field && !(WORD_FIELDS as readonly string[]).includes(t.field)
        ? { type: 'filter', name: t.field, value: t.value, span: t.span }
        : { type: 'words', text: t.value, phrase: t.quoted, field: (t.field as WordField | null) ?? null, span: t.span };
    return t.negated ? { type: 'not', item: node } : node;
  }

  #group(open: Token, negated: boolean): QueryNode {
    if (this.#peek()?.kind === ')') throw new QueryError(text('query_empty_group'), { at: open.span.at, length: this.tokens[this.#i]!.span.at - open.span.at + 1 });
    const inner = this.parseOr();
    const close = this.#peek();
    if (close?.kind !== ')') throw new QueryError(text('query_unclosed_paren'), open.span);
    this.#i++;
    return negated ? { type: 'not', item: inner } : inner;
  }

  expectEnd(): void {
    const t = this.#peek();
    if (t) throw new QueryError(text('query_unopened_paren'), t.span);
  }
}
