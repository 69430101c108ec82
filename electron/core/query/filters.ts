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
  /** The test for one value, prepared once per query (a search may test 20,000 records). */
  prepare(value: string, ctx: FilterContext): (record: CairnRecord) => boolean;
}

/** The entities of a kind whose name or an alias has the words asked for ("Coninx" finds "Michèle Coninx"). */
const entitiesNamed = (kind: EntityKind, value: string, ctx: FilterContext): Set<string> =>
  new Set(ctx.entities.all().filter((e) => e.kind === kind && namesOf(e).some((n) => findMentions(n, [value]).length > 0)).map((e) => e.id));

/** A record linking to one of those entities. */
const linksEntity = (kind: EntityKind) => (value: string, ctx: FilterContext) => {
  const ids = entitiesNamed(kind, value, ctx);
  return (record: CairnRecord) => record.entities.some((l) => ids.has(l.entity));
};

const HAS: Record<string, (r: CairnRecord) => boolean> = {
  annotations: (r) => r.annotations.length > 0,
  notes: (r) => r.notes.length > 0,
  entities: (r) => r.entities.length > 0,
  tags: (r) => r.tags.length > 0,
};

/** The filters a query may use; a capability adds its own here. */
export const FIELD_FILTERS: readonly FieldFilter[] = [
  { name: 'person', prepare: linksEntity('person') },
  { name: 'org', prepare: linksEntity('organization') },
  {
    name: 'place',
    prepare: (v, ctx) => {
      const linked = linksEntity('place')(v, ctx);
      return (r) => findMentions(r.place, [v]).length > 0 || linked(r);
    },
  },
  { name: 'has', prepare: (v) => HAS[v.toLocaleLowerCase()] ?? (() => false) },
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

/** One test for all of a query's filters, prepared once; a record passes when every filter agrees. */
export function compileFilters(filters: readonly ParsedFilter[], ctx: FilterContext): (record: CairnRecord) => boolean {
  const tests = filters.map((f) => ({ test: f.filter.prepare(f.value, ctx), negated: f.negated }));
  return (record) => tests.every((t) => t.test(record) !== t.negated);
}

export function matchesFilters(record: CairnRecord, filters: readonly ParsedFilter[], ctx: FilterContext): boolean {
  return compileFilters(filters, ctx)(record);
}
