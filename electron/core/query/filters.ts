// Field filters in a query ("tag:Ashgabat", "year:2017", "date:2011-07..2012-06", "-org:CTED"):
// the one extension point through which capabilities add what a query can ask. Each filter checks
// its value while the query is parsed (a bad value is a problem with a place, not an exception) and
// is then prepared once per query into a test of one record.
import edtf from 'edtf';
import type { CairnRecord, EntityKind, LocalText } from '../../contract';
import { REVIEW_STATUSES } from '../../contract';
import { findMentions } from '../../common/entities/mentions';
import { text } from '../../common/i18n/text';
import type { EntityRegistry } from '../entities/entity-registry';
import { namesOf } from '../entities/entity-registry';
import { foldTerm } from '../search/record-index';
import type { QuerySyntax } from './parse';
import type { ConceptIndex } from '../../common/tags/tag-paths';

export interface FilterContext {
  entities: EntityRegistry;
  /** The vocabularies' concepts: tag:Kazakhstan finds the concept's tag, "Central Asian states › Kazakhstan". */
  concepts?: ConceptIndex;
}

export interface FieldFilter {
  /** The word before the colon. */
  name: string;
  /** What is wrong with a value, or null when it can be used. */
  check?: (value: string) => LocalText | null;
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
  date: (r) => r.date !== null,
  place: (r) => r.place.trim() !== '',
  creator: (r) => r.creator.trim() !== '',
  publisher: (r) => r.publisher.trim() !== '',
  type: (r) => r.type.trim() !== '',
  source: (r) => r.derivedFrom.trim() !== '',
  rights: (r) => r.rights.trim() !== '',
};

/** creator:UNRCCA, type:"press release", source:unmissions: the words of a description field, in any case and accent. */
const fieldHas = (read: (r: CairnRecord) => string) => (value: string) => {
  const wanted = foldTerm(value.normalize('NFC').trim());
  return (r: CairnRecord) => findMentions(foldTerm(read(r).normalize('NFC')), [wanted]).length > 0;
};

/** Folds a tag or value for comparing: case, diacritics, spaces around the hierarchy mark. */
const foldTag = (s: string) => foldTerm(s.normalize('NFC').trim()).replace(/\s*›\s*/g, ' › ');

/**
 * tag:x is the tag x (and its children, x › y); tag:x* any tag starting with x. A concept's label
 * (or another label of it) means the concept's tag, its path, as well as the words as written.
 */
function tagTest(value: string, ctx: FilterContext): (record: CairnRecord) => boolean {
  const wildcard = value.endsWith('*');
  const given = wildcard ? value.slice(0, -1) : value;
  const wanted = [...new Set([foldTag(given), ...(!wildcard && ctx.concepts ? [foldTag(ctx.concepts.canonical(given))] : [])])];
  return (record) =>
    record.tags.some((t) => {
      const tag = foldTag(t);
      return wanted.some((w) => (wildcard ? tag.startsWith(w) : tag === w || tag.startsWith(`${w} › `)));
    });
}

/** A period as the first and last millisecond it covers; null for a date whose year is unknown. */
export function periodOf(date: string): [number, number] | null {
  const known = periods.get(date);
  if (known !== undefined) return known;
  let period: [number, number] | null = null;
  if (!/^[X?~%-]/.test(date) && !date.slice(0, 4).includes('X')) {
    try {
      const d = edtf(date);
      period = [d.min, d.max];
    } catch {
      period = null;
    }
  }
  // Many records share a date, and a year: or date: filter or the year facet asks for each record's.
  if (periods.size > 100_000) periods.clear();
  periods.set(date, period);
  return period;
}
const periods = new Map<string, [number, number] | null>();

const PARTIAL_DATE = /^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$/;

/** date:2011-07..2012-06, date:2011.., date:..2012, date:2011-07: the milliseconds the value covers. */
export function rangeOf(value: string): [number, number] | null {
  const [from, to] = value.includes('..') ? value.split('..', 2) : [value, value];
  if (from === undefined || to === undefined || (!from && !to)) return null;
  if ((from && !PARTIAL_DATE.test(from)) || (to && !PARTIAL_DATE.test(to))) return null;
  const start = from ? periodOf(from)?.[0] : -Infinity;
  const end = to ? periodOf(to)?.[1] : Infinity;
  if (start === undefined || end === undefined || start > end) return null;
  return [start, end];
}

/** A record's date overlapping the range: "2011" is found by date:2011-07..2012-06, as it may well lie in it. */
const overlaps = (range: [number, number]) => (record: CairnRecord) => {
  const period = record.date ? periodOf(record.date) : null;
  return period !== null && period[0] <= range[1] && period[1] >= range[0];
};

const LANGUAGE_NAMES = ['en', 'ru'].map((l) => new Intl.DisplayNames([l], { type: 'language' }));

/** lang:ru, lang:ru-RU, lang:Russian, lang:русский: the record's language by its tag or its name in English or Russian. */
function languageTest(value: string): (record: CairnRecord) => boolean {
  const wanted = value.trim().toLowerCase();
  const primary = wanted.split('-')[0]!;
  const named = foldTerm(wanted);
  return (record) => {
    const tag = record.language.trim().toLowerCase();
    if (!tag) return false;
    if (tag === wanted || tag.split('-')[0] === primary) return true;
    return LANGUAGE_NAMES.some((names) => {
      try {
        return foldTerm(names.of(tag.split('-')[0]!) ?? '') === named;
      } catch {
        return false;
      }
    });
  };
}

/** The filters a query may use; a capability adds its own here. */
export const FIELD_FILTERS: readonly FieldFilter[] = [
  { name: 'tag', prepare: (v, ctx) => tagTest(v, ctx) },
  {
    name: 'status',
    check: (v) => ((REVIEW_STATUSES as readonly string[]).includes(v.toLowerCase()) ? null : text('query_bad_status', { value: v, statuses: REVIEW_STATUSES.join(', ') })),
    prepare: (v) => (r) => r.status === v.toLowerCase(),
  },
  {
    name: 'place',
    prepare: (v, ctx) => {
      const linked = linksEntity('place')(v, ctx);
      return (r) => findMentions(r.place, [v]).length > 0 || linked(r);
    },
  },
  {
    name: 'lang',
    check: (v) => (/^[\p{L}-]{2,40}$/u.test(v) ? null : text('query_bad_language', { value: v })),
    prepare: (v) => languageTest(v),
  },
  {
    name: 'year',
    check: (v) => (/^\d{4}$/.test(v) ? null : text('query_bad_year', { value: v })),
    prepare: (v) => overlaps(rangeOf(v)!),
  },
  {
    name: 'date',
    check: (v) => (rangeOf(v) ? null : text('query_bad_date', { value: v })),
    prepare: (v) => overlaps(rangeOf(v)!),
  },
  {
    name: 'has',
    check: (v) => (Object.hasOwn(HAS, v.toLowerCase()) ? null : text('query_bad_has', { value: v, values: Object.keys(HAS).join(', ') })),
    prepare: (v) => HAS[v.toLowerCase()]!,
  },
  // The Dublin Core fields a person describes records with (source: is derivedFrom, dc:source).
  { name: 'creator', prepare: fieldHas((r) => r.creator) },
  { name: 'publisher', prepare: fieldHas((r) => r.publisher) },
  { name: 'type', prepare: fieldHas((r) => r.type) },
  { name: 'source', prepare: fieldHas((r) => r.derivedFrom) },
  { name: 'rights', prepare: fieldHas((r) => r.rights) },
  { name: 'person', prepare: linksEntity('person') },
  { name: 'org', prepare: linksEntity('organization') },
  {
    name: 'reviewer',
    prepare: (v) => (r) => !!r.review && findMentions(r.review.by.name, [v]).length > 0,
  },
];

/** The syntax the parser checks queries against: every filter's name and value check. */
export function querySyntax(filters: readonly FieldFilter[] = FIELD_FILTERS): QuerySyntax {
  return { filters: new Map(filters.map((f) => [f.name, f.check ?? null])) };
}

/** The test of one filter of a parsed query, prepared once. */
export function prepareFilter(name: string, value: string, ctx: FilterContext, filters: readonly FieldFilter[] = FIELD_FILTERS): (record: CairnRecord) => boolean {
  const filter = filters.find((f) => f.name === name);
  if (!filter) throw new Error(`no filter ${name}`);
  return filter.prepare(value, ctx);
}
