// Pure helpers behind tag suggestions: which concept a tag names, and what to suggest for typed text.
import type { TagCount, Vocabulary, VocabularyConcept } from './contract';

export interface TagSuggestion {
  label: string;
  /** Set when the suggestion is a vocabulary concept. */
  concept?: VocabularyConcept;
  /** How many records carry the tag. */
  count: number;
  /** What matched the typed text, when it was an alternative label ("CT" for Counter-terrorism). */
  matchedAlt?: string;
}

/** Tags compare as the core compares them: case-insensitive, spacing ignored. */
export const tagKey = (tag: string) => tag.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase();

/** Every concept by each of its labels, case-insensitively. */
export function indexConcepts(vocabularies: Vocabulary[]): Map<string, VocabularyConcept> {
  const map = new Map<string, VocabularyConcept>();
  for (const v of vocabularies) {
    for (const c of v.concepts) for (const label of [c.label, ...c.altLabels]) map.set(tagKey(label), c);
  }
  return map;
}

/** Concepts first where they match as well, then tags in use; names starting with the text before others. */
export function suggestTags(typed: string, existing: string[], vocabularies: Vocabulary[], tags: TagCount[], limit = 8): TagSuggestion[] {
  const q = tagKey(typed);
  const have = new Set(existing.map(tagKey));
  const counts = new Map(tags.map((t) => [tagKey(t.tag), t.count]));
  const out = new Map<string, TagSuggestion>();
  for (const v of vocabularies) {
    for (const c of v.concepts) {
      const key = tagKey(c.label);
      if (have.has(key)) continue;
      const alt = q && !key.includes(q) ? c.altLabels.find((a) => tagKey(a).includes(q)) : undefined;
      if (q && !key.includes(q) && !alt) continue;
      out.set(key, { label: c.label, concept: c, count: counts.get(key) ?? 0, matchedAlt: alt });
    }
  }
  for (const t of tags) {
    const key = tagKey(t.tag);
    if (have.has(key) || out.has(key) || (q && !key.includes(q))) continue;
    out.set(key, { label: t.tag, count: t.count });
  }
  const startsWith = (s: TagSuggestion) => (q && tagKey(s.label).startsWith(q) ? 0 : 1);
  return [...out.values()].sort((a, b) => startsWith(a) - startsWith(b) || b.count - a.count || a.label.localeCompare(b.label)).slice(0, limit);
}
