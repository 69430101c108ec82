// Field filters in a search ("person:Coninx", "has:annotations", "-org:CTED"): the extension point
// through which capabilities add what a query can ask. The words that remain go to the full-text index.
import type { CairnRecord, EntityKind } from '../../contract';
import { findMentions } from '../../common/entities/mentions';
import type { EntityRegistry } from '../entities/entity-registry';
import { namesOf } from '../entities/entity-registry';

export interface FilterContext {
  entities: EntityRegistry;
}

export interface FieldFilter {
  /** The word before the colon. */
  name: string;
  test(record: CairnRecord, value: string, ctx: FilterContext): boolean;
}

/** A linked entity of the kind whose name or an alias has the words asked for ("Coninx" finds "Michèle Coninx"). */
const linksEntity = (kind: EntityKind) => (record: CairnRecord, value: string, ctx: FilterContext) =>
  record.entities.some((l) => {
    const e = ctx.entities.find(l.entity);
    return e?.kind === kind && namesOf(e).some((n) => findMentions(n, [value]).length > 0);
  });

const HAS: Record<string, (r: CairnRecord) => boolean> = {
  annotations: (r) => r.annotations.length > 0,
  notes: (r) => r.notes.length > 0,
  entities: (r) => r.entities.length > 0,
  tags: (r) => r.tags.length > 0,
};

/** The filters a query may use; a capability adds its own here. */
export const FIELD_FILTERS: readonly FieldFilter[] = [
  { name: 'person', test: linksEntity('person') },
  { name: 'org', test: linksEntity('organization') },
  { name: 'place', test: (r, v, ctx) => findMentions(r.place, [v]).length > 0 || linksEntity('place')(r, v, ctx) },
  { name: 'has', test: (r, v) => HAS[v.toLocaleLowerCase()]?.(r) ?? false },
];

export interface ParsedFilter {
  filter: FieldFilter;
  value: string;
  negated: boolean;
}

/**
 * Takes the known field filters out of a query: `name:value`, `name:"several words"`, `-name:value`.
 * What is left (words, and `word:` forms no filter claims) is the full-text part.
 */
export function splitQuery(query: string, filters: readonly FieldFilter[] = FIELD_FILTERS): { text: string; filters: ParsedFilter[] } {
  const found: ParsedFilter[] = [];
  const rest = query.replace(/(^|\s)(-?)([\p{L}]+):(?:"([^"]*)"|(\S+))/gu, (whole, lead: string, minus: string, name: string, quoted?: string, bare?: string) => {
    const filter = filters.find((f) => f.name === name.toLocaleLowerCase());
    const value = (quoted ?? bare ?? '').trim();
    if (!filter || !value) return whole;
    found.push({ filter, value, negated: minus === '-' });
    return lead;
  });
  return { text: rest.replace(/\s+/g, ' ').trim(), filters: found };
}

export function matchesFilters(record: CairnRecord, filters: readonly ParsedFilter[], ctx: FilterContext): boolean {
  return filters.every((f) => f.filter.test(record, f.value, ctx) !== f.negated);
}
