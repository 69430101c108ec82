import { describe, expect, it } from 'vitest';
import { facetState, toggleFacet } from './facet-query';

describe('a facet click', () => {
  it('narrows, then excludes, then lets go, leaving the rest of the query as it was', () => {
    const f = 'tag:"Pillar I"';
    const q1 = toggleFacet('Ashgabat', f);
    expect(q1).toBe('Ashgabat tag:"Pillar I"');
    expect(facetState(q1, f)).toBe('included');
    const q2 = toggleFacet(q1, f);
    expect(q2).toBe('Ashgabat -tag:"Pillar I"');
    expect(facetState(q2, f)).toBe('excluded');
    const q3 = toggleFacet(q2, f);
    expect(q3).toBe('Ashgabat');
    expect(facetState(q3, f)).toBe('none');
    expect(toggleFacet('', 'year:2018')).toBe('year:2018');
  });
  it('knows a whole term from part of a longer one', () => {
    expect(facetState('year:20189', 'year:2018')).toBe('none');
    expect(facetState('(a OR b) status:new', 'status:new')).toBe('included');
    expect(facetState('(status:new OR c)', 'status:new')).toBe('included');
    expect(facetState('-status:new', 'status:new')).toBe('excluded');
  });
});
