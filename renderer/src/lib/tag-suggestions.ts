// Pure helpers behind tag suggestions: which concept a tag names, and what to suggest for typed text.
import type { TagCount, Vocabulary, VocabularyConcept } from './contract';
import { ConceptIndex, labelIn, labelsOf, leafOf, pathKey } from '../../../electron/common/tags/tag-paths';

export interface TagSuggestion {
  /** The tag a record gets: a concept's own label, whatever the interface language. */
  label: string;
  /** What the person reads: the concept's label in the interface language, else `label`. */
  shown: string;
  /** Set when the suggestion is a vocabulary concept. */
  concept?: VocabularyConcept;
  /** How many records carry the tag. */
  count: number;
  /** What matched the typed text, when it was an alternative label ("CT" for Counter-terrorism). */
  matchedAlt?: string;
}

/** Tags compare as the core compares them: case-insensitive, spacing ignored, the hierarchy mark however it was spaced. */
export const tagKey = pathKey;

export { labelIn };

/** A concept's scope note in `language`, falling back to its own. */
export function scopeNoteIn(concept: VocabularyConcept, language: string): string | undefined {
  return concept.translations?.[language]?.scopeNote ?? concept.scopeNote;
}

/** Every concept by its tag (its path) and each of its labels, in every language, case-insensitively. */
export function indexConcepts(vocabularies: Vocabulary[]): Map<string, VocabularyConcept> {
  const index = new ConceptIndex(vocabularies);
  const map = new Map<string, VocabularyConcept>();
  for (const p of index.placed) for (const label of [p.tag, ...labelsOf(p.concept)]) if (!map.has(tagKey(label))) map.set(tagKey(label), p.concept);
  return map;
}

/** Concepts first where they match as well, then tags in use; names starting with the text before others. */
export function suggestTags(typed: string, existing: string[], vocabularies: Vocabulary[], tags: TagCount[], language = 'en', limit = 8): TagSuggestion[] {
  const q = tagKey(typed);
  const have = new Set(existing.map(tagKey));
  const counts = new Map(tags.map((t) => [tagKey(t.tag), t.count]));
  const out = new Map<string, TagSuggestion>();
  for (const p of new ConceptIndex(vocabularies).placed) {
    const c = p.concept;
    // A concept's tag is its path ("Central Asian states › Kazakhstan"); it is found by its own label.
    const key = tagKey(p.tag);
    if (have.has(key)) continue;
    const own = labelIn(c, language);
    const shown = p.pathIn(language);
    const alt = q && !tagKey(own).includes(q) ? labelsOf(c).find((a) => tagKey(a).includes(q)) : undefined;
    if (q && !tagKey(own).includes(q) && !alt) continue;
    out.set(key, { label: p.tag, shown, concept: c, count: counts.get(key) ?? 0, matchedAlt: alt });
  }
  for (const t of tags) {
    const key = tagKey(t.tag);
    if (have.has(key) || out.has(key) || (q && !key.includes(q))) continue;
    out.set(key, { label: t.tag, shown: t.tag, count: t.count });
  }
  // What was typed exactly (a label, or another label such as "CT") first, then names starting with it.
  const rank = (s: TagSuggestion) => {
    if (!q) return 0;
    if (tagKey(leafOf(s.shown)) === q || (s.matchedAlt !== undefined && tagKey(s.matchedAlt) === q)) return 0;
    return tagKey(s.shown).startsWith(q) || tagKey(leafOf(s.shown)).startsWith(q) ? 1 : 2;
  };
  return [...out.values()].sort((a, b) => rank(a) - rank(b) || b.count - a.count || a.shown.localeCompare(b.shown, language)).slice(0, limit);
}
