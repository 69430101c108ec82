// Pure helpers behind tag suggestions: which concept a tag names, and what to suggest for typed text.
import type { TagCount, Vocabulary, VocabularyConcept } from './contract';

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

/** Tags compare as the core compares them: case-insensitive, spacing ignored. */
export const tagKey = (tag: string) => tag.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase();

/** A concept's (or vocabulary's) label in `language`, falling back to its own. */
export function labelIn(item: Pick<VocabularyConcept, 'label' | 'translations'>, language: string): string {
  return item.translations?.[language]?.label ?? item.label;
}

/** A concept's scope note in `language`, falling back to its own. */
export function scopeNoteIn(concept: VocabularyConcept, language: string): string | undefined {
  return concept.translations?.[language]?.scopeNote ?? concept.scopeNote;
}

/** Every label a concept answers to: its own, its alternatives, and those of every translation. */
function labelsOf(concept: VocabularyConcept): string[] {
  const translated = Object.values(concept.translations ?? {}).flatMap((t) => [...(t.label ? [t.label] : []), ...(t.altLabels ?? [])]);
  return [concept.label, ...concept.altLabels, ...translated];
}

/** Every concept by each of its labels, in every language, case-insensitively. */
export function indexConcepts(vocabularies: Vocabulary[]): Map<string, VocabularyConcept> {
  const map = new Map<string, VocabularyConcept>();
  for (const v of vocabularies) {
    for (const c of v.concepts) for (const label of labelsOf(c)) map.set(tagKey(label), c);
  }
  return map;
}

/** Concepts first where they match as well, then tags in use; names starting with the text before others. */
export function suggestTags(typed: string, existing: string[], vocabularies: Vocabulary[], tags: TagCount[], language = 'en', limit = 8): TagSuggestion[] {
  const q = tagKey(typed);
  const have = new Set(existing.map(tagKey));
  const counts = new Map(tags.map((t) => [tagKey(t.tag), t.count]));
  const out = new Map<string, TagSuggestion>();
  for (const v of vocabularies) {
    for (const c of v.concepts) {
      const key = tagKey(c.label);
      if (have.has(key)) continue;
      const shown = labelIn(c, language);
      const alt = q && !tagKey(shown).includes(q) ? labelsOf(c).find((a) => tagKey(a).includes(q)) : undefined;
      if (q && !tagKey(shown).includes(q) && !alt) continue;
      out.set(key, { label: c.label, shown, concept: c, count: counts.get(key) ?? 0, matchedAlt: alt });
    }
  }
  for (const t of tags) {
    const key = tagKey(t.tag);
    if (have.has(key) || out.has(key) || (q && !key.includes(q))) continue;
    out.set(key, { label: t.tag, shown: t.tag, count: t.count });
  }
  const startsWith = (s: TagSuggestion) => (q && tagKey(s.shown).startsWith(q) ? 0 : 1);
  return [...out.values()].sort((a, b) => startsWith(a) - startsWith(b) || b.count - a.count || a.shown.localeCompare(b.shown, language)).slice(0, limit);
}
