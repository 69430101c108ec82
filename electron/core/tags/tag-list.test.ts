// The tag tree: parents from the hierarchy mark, counts, a vocabulary concept's id and colour.
import { describe, expect, it } from 'vitest';
import type { CairnRecord, Vocabulary } from '../../contract';
import { parentOf, tagEntries } from './tag-list';

const record = (tags: string[]) => ({ tags }) as CairnRecord;
const vocabulary: Vocabulary = { id: 'gcts', label: 'Pillars', concepts: [{ id: 'p1', label: 'Pillar I', altLabels: ['Conditions conducive'], color: '#aa3300' }] };

describe('tagEntries', () => {
  it('lists every tag once with its count, its parent, and its concept and colour when a vocabulary has it', () => {
    const entries = tagEntries([record(['Security › Border security', 'Pillar I']), record(['security›border security', 'Fieldwork']), record(['Conditions conducive'])], [vocabulary]);
    expect(entries).toEqual([
      { name: 'Conditions conducive', parent: null, color: '#aa3300', count: 1, concept: { vocabulary: 'gcts', id: 'p1' } },
      { name: 'Fieldwork', parent: null, color: null, count: 1, concept: null },
      { name: 'Pillar I', parent: null, color: '#aa3300', count: 1, concept: { vocabulary: 'gcts', id: 'p1' } },
      // A parent no record carries is in the tree, with 0.
      { name: 'Security', parent: null, color: null, count: 0, concept: null },
      { name: 'Security › Border security', parent: 'Security', color: null, count: 2, concept: null },
    ]);
  });

  it('names a child’s parent as the tree names it, and counts a record once for two spellings of one tag', () => {
    const entries = tagEntries([record(['security', 'Security › Border', 'SECURITY›border']), record(['› Loose'])], []);
    expect(entries).toEqual([
      { name: 'Loose', parent: null, color: null, count: 1, concept: null },
      { name: 'security', parent: null, color: null, count: 1, concept: null },
      { name: 'security › Border', parent: 'security', color: null, count: 1, concept: null },
    ]);
  });

  it('finds a tag’s parent across levels and spacing', () => {
    expect(parentOf('A › B › C')).toBe('A › B');
    expect(parentOf('A›B')).toBe('A');
    expect(parentOf('Central Asia')).toBeNull();
  });
});
