// A facet click edits the query, in the query language: first click narrows to the value
// (tag:"Pillar I"), the second excludes it (-tag:"Pillar I"), the third takes it out again.

import { escapeRegExp } from '../../../electron/common/regexp';

export type FacetState = 'none' | 'included' | 'excluded';

/** The filter as a whole term of the query (not inside a longer one), with or without the minus. */
const term = (filter: string, minus: boolean) => new RegExp(`(^|[\\s(])${minus ? '-' : ''}${escapeRegExp(filter)}(?=$|[\\s)])`);

export function facetState(query: string, filter: string): FacetState {
  if (term(filter, true).test(query)) return 'excluded';
  if (term(filter, false).test(query)) return 'included';
  return 'none';
}

export function toggleFacet(query: string, filter: string): string {
  const tidy = (q: string) => q.replace(/\s+/g, ' ').trim();
  switch (facetState(query, filter)) {
    case 'excluded':
      return tidy(query.replace(term(filter, true), '$1'));
    case 'included':
      return tidy(query.replace(term(filter, false), `$1-${filter}`));
    case 'none':
      return tidy(`${query} ${filter}`);
  }
}
