// The archive's tags as a tree, with counts: a tag written "Security › Border security" is a child
// of "Security" (as `tag:Security` finds it), a tag that is a vocabulary concept's label (or one of
// its other labels) carries the concept and its colour. A parent no record carries itself is listed
// too, with a count of 0, so that the tree has no holes.
import type { CairnRecord, TagEntry, Vocabulary } from '../../contract';
import { normalizeTag, tagKey } from '../model/record';

/** The hierarchy mark between a parent and its child. */
export const TAG_PATH_MARK = ' › ';

/** A tag's parent ("Security › Border security" → "Security"), or null for a tag at the top. */
export function parentOf(tag: string): string | null {
  const parts = pathOf(tag);
  return parts.length > 1 ? parts.slice(0, -1).join(TAG_PATH_MARK) : null;
}

/** A tag's levels, top first ("A › B" → ["A", "B"]; an empty level, as in "› B", is none). */
export function pathOf(tag: string): string[] {
  return normalizeTag(tag).split(/\s*›\s*/).filter(Boolean);
}

/** Tags compare as tagKey does, with the hierarchy mark however it was spaced ("A›B" is "A › B"). */
const pathKey = (tag: string) => tagKey(tag.replace(/\s*›\s*/g, TAG_PATH_MARK));

export function tagEntries(records: Iterable<CairnRecord>, vocabularies: readonly Vocabulary[]): TagEntry[] {
  const concepts = new Map<string, { vocabulary: string; id: string; color: string | null }>();
  for (const v of vocabularies) {
    for (const c of v.concepts) for (const label of [c.label, ...c.altLabels]) if (!concepts.has(pathKey(label))) concepts.set(pathKey(label), { vocabulary: v.id, id: c.id, color: c.color ?? null });
  }
  const entries = new Map<string, TagEntry>();
  const entry = (tag: string): TagEntry => {
    const key = pathKey(tag);
    let found = entries.get(key);
    if (!found) {
      const concept = concepts.get(key);
      const parent = parentOf(tag);
      // Its parents are in the tree too, whether or not a record carries them, named as the tree first met them.
      const above = parent ? entry(parent).name : null;
      const leaf = pathOf(tag).at(-1) ?? normalizeTag(tag);
      found = { name: above ? `${above}${TAG_PATH_MARK}${leaf}` : leaf, parent: above, color: concept?.color ?? null, count: 0, concept: concept ? { vocabulary: concept.vocabulary, id: concept.id } : null };
      entries.set(key, found);
    }
    return found;
  };
  for (const r of records) {
    // A record counts once for a tag, however many spellings of it it carries.
    for (const e of new Set(r.tags.map(entry))) e.count++;
  }
  const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
  return [...entries.values()].sort((a, b) => collator.compare(a.name, b.name));
}
