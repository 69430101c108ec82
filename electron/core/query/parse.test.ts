import { describe, expect, it } from 'vitest';
import { parseQuery, type QueryNode } from './parse';
import { querySyntax } from './filters';

const syntax = querySyntax();
const tree = (q: string) => {
  const { root, problem } = parseQuery(q, syntax);
  expect(problem, q).toBeNull();
  return show(root);
};
/** A compact form of the tree to compare against. */
function show(n: QueryNode | null): string {
  if (!n) return '∅';
  switch (n.type) {
    case 'and':
      return `(${n.items.map(show).join(' ∧ ')})`;
    case 'or':
      return `(${n.items.map(show).join(' ∨ ')})`;
    case 'not':
      return `¬${show(n.item)}`;
    case 'words':
      return `${n.field ? `${n.field}:` : ''}${n.phrase ? `"${n.text}"` : n.text}`;
    case 'filter':
      return `${n.name}=${n.value}`;
  }
}
const problem = (q: string) => parseQuery(q, syntax).problem;

describe('parseQuery', () => {
  it('reads words, phrases, exclusions, OR, parentheses and fields', () => {
    expect(tree('')).toBe('∅');
    expect(tree('   ')).toBe('∅');
    expect(tree('human rights')).toBe('(human ∧ rights)');
    expect(tree('"joint plan of action" -Kabul')).toBe('("joint plan of action" ∧ ¬Kabul)');
    expect(tree('Tashkent OR Ташкент OR Dushanbe')).toBe('(Tashkent ∨ Ташкент ∨ Dushanbe)');
    expect(tree('terrorism (Tashkent OR Ashgabat) -(tag:draft OR status:rejected)')).toBe('(terrorism ∧ (Tashkent ∨ Ashgabat) ∧ ¬(tag=draft ∨ status=rejected))');
    expect(tree('title:strategy text:"plan of action" tag:"Central Asia" -person:Coninx')).toBe('(title:strategy ∧ text:"plan of action" ∧ tag=Central Asia ∧ ¬person=Coninx)');
    expect(tree('year:2017 date:2011-07..2012-06 has:tags lang:ru place:Ashgabat')).toBe('(year=2017 ∧ date=2011-07..2012-06 ∧ has=tags ∧ lang=ru ∧ place=Ashgabat)');
  });

  it('keeps hyphens inside words, takes AND as a no-op, ИЛИ as OR, and typographic quotes as quotes', () => {
    expect(tree('counter-terrorism')).toBe('counter-terrorism');
    expect(tree('a AND b')).toBe('(a ∧ b)');
    expect(tree('Ташкент ИЛИ Душанбе')).toBe('(Ташкент ∨ Душанбе)');
    expect(tree('“plan of action” «план действий»')).toBe('("plan of action" ∧ "план действий")');
    expect(tree('Title:x STATUS:reviewed')).toBe('(title:x ∧ status=reviewed)');
  });

  it('says what is wrong and where, and never throws', () => {
    expect(problem('"joint plan')).toMatchObject({ text: { key: 'query_unclosed_quote' }, at: 0, length: 1 });
    expect(problem('a (b OR c')).toMatchObject({ text: { key: 'query_unclosed_paren' }, at: 2 });
    expect(problem('a b) c')).toMatchObject({ text: { key: 'query_unopened_paren' }, at: 3 });
    expect(problem('a ()')).toMatchObject({ text: { key: 'query_empty_group' }, at: 2, length: 2 });
    expect(problem('a OR')).toMatchObject({ text: { key: 'query_or_without_right' }, at: 2, length: 2 });
    expect(problem('OR a')).toMatchObject({ text: { key: 'query_or_without_left' }, at: 0 });
    expect(problem('colour:red')).toMatchObject({ text: { key: 'query_unknown_field', params: { field: 'colour' } }, at: 0, length: 7 });
    expect(problem('x tag: y')).toMatchObject({ text: { key: 'query_field_without_value' }, at: 2, length: 4 });
    expect(problem('year:17')).toMatchObject({ text: { key: 'query_bad_year' }, at: 0, length: 7 });
    expect(problem('date:2012-13')).toMatchObject({ text: { key: 'query_bad_date' } });
    expect(problem('date:2013..2012')).toMatchObject({ text: { key: 'query_bad_date' } });
    expect(problem('status:done')).toMatchObject({ text: { key: 'query_bad_status' } });
    expect(problem('has:colour')).toMatchObject({ text: { key: 'query_bad_has' } });
    expect(problem('""')).toMatchObject({ text: { key: 'query_empty_quotes' } });
    expect(problem('a AND')).toMatchObject({ text: { key: 'query_and_without_sides' } });
    expect(problem('colour:red')?.message).toMatch(/There is no field “colour:”.*tag:/);
    // Anything at all: a problem or a tree, never an exception.
    const alphabet = ['a', ' ', '"', '(', ')', '-', ':', 'OR', 'tag', 'year:', '«', '»', '2012', '..', 'ё'];
    let seed = 7;
    for (let i = 0; i < 3000; i++) {
      let q = '';
      for (let j = 0; j < 1 + (i % 12); j++) q += alphabet[(seed = (seed * 1103515245 + 12345) % 2 ** 31) % alphabet.length];
      const parsed = parseQuery(q, syntax);
      expect(parsed.root === null || parsed.problem === null, q).toBe(true);
      if (parsed.problem) expect(parsed.problem.at + parsed.problem.length, q).toBeLessThanOrEqual(Math.max(q.length, 1) + 1);
    }
  });
});
