// Facets beside the results: how the records a query finds spread over statuses, tags, places,
// languages and years, with counts that follow the query. Each value comes with the filter that
// narrows to it (tag:"Central Asia", year:2018 …), so that a click only edits the query: the
// window, the CLI and a saved search then say the same thing in the same words.
import type { CairnRecord, FacetGroup, FacetValue, Facets } from '../../contract';
import { REVIEW_STATUSES } from '../../contract';
import { tagKey } from '../model/record';
import { periodOf } from './filters';

/** Values shown per group (all five statuses always). */
export const FACET_LIMIT = 12;

/** A filter's value as the query language reads it: quoted when it holds anything but letters, digits and - . */
export const filterValue = (value: string): string => (/^[\p{L}\p{N}][\p{L}\p{N}.-]*$/u.test(value) ? value : `"${value.replace(/"/g, '')}"`);

/**
 * `placeName` names a linked entity when it is a place: a record's places are its place field and
 * the places it links to, as `place:` finds them, so each value's filter finds what it counts.
 */
export function facetsOf(records: Iterable<CairnRecord>, placeName: (entity: string) => string | null = () => null, limit = FACET_LIMIT): Facets {
  const status = new Map<string, number>(REVIEW_STATUSES.map((s) => [s, 0]));
  const tags = new Map<string, { value: string; count: number }>();
  const places = new Map<string, { value: string; count: number }>();
  const languages = new Map<string, number>();
  const years = new Map<string, number>();
  const bump = (map: Map<string, { value: string; count: number }>, key: string, value: string) => {
    const had = map.get(key);
    if (had) had.count++;
    else map.set(key, { value, count: 1 });
  };
  for (const r of records) {
    status.set(r.status, (status.get(r.status) ?? 0) + 1);
    for (const t of new Set(r.tags.map(tagKey))) bump(tags, t, r.tags.find((x) => tagKey(x) === t)!);
    const mine = new Map<string, string>();
    const place = r.place.trim();
    if (place) mine.set(place.toLowerCase(), place);
    for (const link of r.entities) {
      const name = placeName(link.entity);
      if (name && !mine.has(name.toLowerCase())) mine.set(name.toLowerCase(), name);
    }
    for (const [key, value] of mine) bump(places, key, value);
    const lang = r.language.trim().toLowerCase().split('-')[0];
    if (lang) languages.set(lang, (languages.get(lang) ?? 0) + 1);
    const period = r.date ? periodOf(r.date) : null;
    // A record whose date spans several years (2012/2014) counts in each.
    if (period) for (let y = new Date(period[0]).getUTCFullYear(); y <= new Date(period[1]).getUTCFullYear() && y < new Date(period[0]).getUTCFullYear() + 50; y++) years.set(String(y), (years.get(String(y)) ?? 0) + 1);
  }
  const top = (values: FacetValue[]): FacetGroup => ({ values: values.slice(0, limit), more: Math.max(0, values.length - limit) });
  const byCount = (a: FacetValue, b: FacetValue) => b.count - a.count || a.value.localeCompare(b.value);
  return {
    status: { values: [...status].map(([value, count]) => ({ value, count, filter: `status:${value}` })), more: 0 },
    tags: top([...tags.values()].map((t) => ({ ...t, filter: `tag:${filterValue(t.value)}` })).sort(byCount)),
    place: top([...places.values()].map((p) => ({ ...p, filter: `place:${filterValue(p.value)}` })).sort(byCount)),
    language: top([...languages].map(([value, count]) => ({ value, count, filter: `lang:${value}` })).sort(byCount)),
    // Years in order, newest last, as a timeline reads; the most recent ones when there are many.
    year: (() => {
      const all = [...years].map(([value, count]) => ({ value, count, filter: `year:${value}` })).sort((a, b) => a.value.localeCompare(b.value));
      return { values: all.slice(-limit), more: Math.max(0, all.length - limit) };
    })(),
  };
}

/** Freezes facets kept to be given again (each group, its values and each value). */
export function frozenFacets(facets: Facets): Facets {
  for (const group of Object.values(facets)) {
    for (const value of group.values) Object.freeze(value);
    Object.freeze(group.values);
    Object.freeze(group);
  }
  return Object.freeze(facets);
}
