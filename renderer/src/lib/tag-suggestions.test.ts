// Tag suggestions: vocabulary concepts (by label or alternative label) and tags in use, minus the record's own.
import { describe, expect, it } from 'vitest';
import type { Vocabulary } from './contract';
import { indexConcepts, suggestTags, tagKey } from './tag-suggestions';

const topics: Vocabulary = {
  id: 'topics',
  label: 'Topics',
  concepts: [
    { id: 'ct', label: 'Counter-terrorism', altLabels: ['CT', 'counterterrorism'], color: '#c2410c' },
    { id: 'cb', label: 'Capacity building', altLabels: ['training'] },
    { id: 'bs', label: 'Border security', altLabels: [] },
  ],
};
const inUse = [
  { tag: 'Capacity building', count: 3 },
  { tag: 'Field notes', count: 2 },
];

describe('suggestTags', () => {
  it('finds concepts by alternative label and says which label matched', () => {
    const [first] = suggestTags('ct', [], [topics], inUse);
    expect(first).toMatchObject({ label: 'Counter-terrorism', matchedAlt: 'CT' });
  });

  it('puts names that start with the typed text first, then the most used, and leaves out tags the record has', () => {
    expect(suggestTags('b', [], [topics], inUse).map((s) => s.label)).toEqual(['Border security', 'Capacity building']);
    expect(suggestTags('', ['capacity BUILDING'], [topics], inUse).map((s) => s.label)).toEqual(['Field notes', 'Border security', 'Counter-terrorism']);
  });

  it('suggests tags in use that no vocabulary knows, with their counts', () => {
    expect(suggestTags('field', [], [topics], inUse)).toEqual([{ label: 'Field notes', shown: 'Field notes', count: 2 }]);
  });
});

describe('indexConcepts', () => {
  it('finds a concept by any of its labels, ignoring case and spacing', () => {
    const index = indexConcepts([topics]);
    expect(index.get('counterterrorism')?.color).toBe('#c2410c');
    expect(index.get('capacity building')?.id).toBe('cb');
  });
});

describe('suggestTags in another interface language', () => {
  const translated: Vocabulary = {
    id: 'topics',
    label: 'Topics',
    concepts: [
      { id: 'ct', label: 'Counter-terrorism', altLabels: ['CT'], translations: { ru: { label: 'Противодействие терроризму', altLabels: ['контртерроризм'] } } },
      { id: 'bs', label: 'Border security', altLabels: [], translations: { ru: { label: 'Безопасность границ' } } },
    ],
  };

  it('shows a concept by its Russian label and still adds the concept’s own label as the tag', () => {
    const [first] = suggestTags('против', [], [translated], [], 'ru');
    expect(first).toMatchObject({ label: 'Counter-terrorism', shown: 'Противодействие терроризму' });
  });

  it('finds a concept by a Russian alternative label, and by its English label in a Russian interface', () => {
    expect(suggestTags('контрт', [], [translated], [], 'ru').map((s) => s.label)).toEqual(['Counter-terrorism']);
    expect(suggestTags('border', [], [translated], [], 'ru').map((s) => s.shown)).toEqual(['Безопасность границ']);
  });

  it('knows a tag by any of its labels in any language', () => {
    const concepts = indexConcepts([translated]);
    expect(concepts.get(tagKey('Безопасность границ'))?.id).toBe('bs');
    expect(concepts.get(tagKey('CT'))?.id).toBe('ct');
  });
});

describe('suggestTags with many concepts', () => {
  it('puts a concept whose other label is exactly what was typed first ("CT"), before names that start with it', () => {
    const many: Vocabulary = {
      id: 'v',
      label: 'V',
      concepts: [
        { id: 'cted', label: 'CTED', altLabels: [] },
        { id: 'ctitf', label: 'CTITF', altLabels: [] },
        { id: 'ct', label: 'Counter-terrorism', altLabels: ['CT'] },
      ],
    };
    expect(suggestTags('ct', [], [many], []).map((s) => s.label)).toEqual(['Counter-terrorism', 'CTED', 'CTITF']);
  });

  it('suggests a narrower concept by its own label, as its path, shown in the interface language', () => {
    const places: Vocabulary = { id: 'p', label: 'P', concepts: [{ id: 'ca', label: 'Central Asian states', altLabels: [], translations: { ru: { label: 'Государства Центральной Азии' } } }, { id: 'kz', label: 'Kazakhstan', altLabels: [], broader: 'ca', translations: { ru: { label: 'Казахстан' } } }] };
    expect(suggestTags('kaz', [], [places], [], 'ru')[0]).toMatchObject({ label: 'Central Asian states › Kazakhstan', shown: 'Государства Центральной Азии › Казахстан' });
  });
});
