// The archive's tags as a tree, with counts: a tag written "Security › Border security" is a child
// of "Security" (as `tag:Security` finds it), a tag that is a vocabulary concept's label (or one of
// its other labels) carries the concept and its colour. A parent no record carries itself is listed
// too, with a count of 0, so that the tree has no holes; so is every vocabulary concept.
import type { CairnRecord, TagEntry, Vocabulary } from '../../contract';
import type { TagColours } from './tag-colours';
import { ConceptIndex, leafOf, parentOf, pathKey, TAG_PATH_MARK } from '../../common/tags/tag-paths';

export { parentOf, pathOf, TAG_PATH_MARK } from '../../common/tags/tag-paths';

export function tagEntries(records: Iterable<CairnRecord>, vocabularies: readonly Vocabulary[], colours?: TagColours): TagEntry[] {
  const concepts = new ConceptIndex(vocabularies);
  const entries = new Map<string, TagEntry>();
  const entry = (tag: string): TagEntry => {
    const key = pathKey(tag);
    let found = entries.get(key);
    if (!found) {
      const concept = concepts.find(tag);
      const parent = parentOf(tag);
      // Its parents are in the tree too, whether or not a record carries them, named as the tree first met them.
      const above = parent ? entry(parent).name : null;
      const leaf = leafOf(tag);
      found = { name: above ? `${above}${TAG_PATH_MARK}${leaf}` : leaf, parent: above, color: concept?.concept.color ?? colours?.get(tag) ?? null, count: 0, concept: concept ? { vocabulary: concept.vocabulary, id: concept.concept.id } : null };
      entries.set(key, found);
    }
    return found;
  };
  for (const r of records) {
    // A record counts once for a tag, however many spellings of it it carries.
    for (const e of new Set(r.tags.map(entry))) e.count++;
    // A tag only annotations carry is one the archive knows too (the tag manager reaches it).
    for (const a of r.annotations ?? []) for (const t of a.tags) entry(t);
  }
  // Every vocabulary concept is a tag the archive knows, carried or not (then with 0).
  for (const p of concepts.placed) entry(p.tag);
  const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
  return [...entries.values()].sort((a, b) => collator.compare(a.name, b.name));
}
