// A vocabulary's changes as log entries, and taking them back: refused when a concept moved on since.
import { describe, expect, it } from 'vitest';
import type { ChangeEntry, Vocabulary } from '../../contract';
import { diffVocabularies, planColourReversal, vocabularyBefore } from './vocabulary-changes';

const v1: Vocabulary = { id: 'v', label: 'V', concepts: [{ id: 'a', label: 'A', altLabels: [] }, { id: 'b', label: 'B', altLabels: [], broader: 'a' }] };
const v2: Vocabulary = { id: 'v', label: 'V2', concepts: [{ id: 'a', label: 'A', altLabels: [] }, { id: 'c', label: 'C', altLabels: ['see'] }] };

const asEntries = (before: Vocabulary | null, after: Vocabulary | null): ChangeEntry[] =>
  diffVocabularies(before, after).map((d, i) => ({ change: `op.${i}`, op: 'op', record: 'v', doc: 'vocabulary', rev: 0, clock: '', at: '', who: { name: '', replica: '' }, ...d }) as ChangeEntry);

describe('vocabulary changes', () => {
  it('logs the label and each concept that differs, and nothing for the same vocabulary', () => {
    expect(diffVocabularies(v1, v2).map((d) => `${d.field}:${d.item ?? ''}`)).toEqual(['vocabulary:', 'concept:b', 'concept:c']);
    expect(diffVocabularies(v1, structuredClone(v1))).toEqual([]);
  });

  it('puts the vocabulary back as it was, from the entries newest first; a new one goes again', () => {
    expect(vocabularyBefore('v', v2, asEntries(v1, v2).reverse())).toEqual({ ...v1, concepts: [v1.concepts[0], v1.concepts[1]] });
    expect(vocabularyBefore('v', v1, asEntries(null, v1).reverse())).toBeNull();
  });

  it('refuses when a concept is not what the entry left', () => {
    const moved = { ...v2, concepts: v2.concepts.map((c) => (c.id === 'c' ? { ...c, label: 'Changed' } : c)) };
    expect(() => vocabularyBefore('v', moved, asEntries(v1, v2).reverse())).toThrow(expect.objectContaining({ code: 'E_CONFLICT' }));
  });

  it('takes back tag colours, refusing one changed since', () => {
    const entry = { op: 'op', field: 'color', item: 'Security', before: null, after: '#047857' } as ChangeEntry;
    const target = { op: 'op', tagColours: true } as never;
    expect(planColourReversal([target], [entry], () => '#047857')).toEqual([{ tag: 'Security', before: '#047857', after: null }]);
    expect(planColourReversal([target], [entry], () => null)).toEqual([]);
    expect(() => planColourReversal([target], [entry], () => '#000000')).toThrow(expect.objectContaining({ code: 'E_CONFLICT' }));
  });
});
