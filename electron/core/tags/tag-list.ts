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
  const parts = normalizeTag(tag).split(/\s*›\s*/);
  return parts.length > 1 ? parts.slice(0, -1).join(TAG_PATH_MARK) : null;
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
      found = { name: normalizeTag(tag).replace(/\s*›\s*/g, TAG_PATH_MARK), parent: parentOf(tag), color: concept?.color ?? null, count: 0, concept: concept ? { vocabulary: concept.vocabulary, id: concept.id } : null };
      entries.set(key, found);
      // Its parents are in the tree too, whether or not a record carries them.
      if (found.parent) entry(found.parent);
    }
    return found;
  };
  for (const r of records) for (const tag of r.tags) entry(tag).count++;
  const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
  return [...entries.values()].sort((a, b) => collator.compare(a.name, b.name));
}
