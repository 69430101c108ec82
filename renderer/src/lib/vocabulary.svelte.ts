// The archive's vocabularies and tags in use: tag suggestions and the colour a tag chip takes.
import type { TagCount, Vocabulary, VocabularyConcept } from './contract';
import { call } from './api';
import { indexConcepts, labelIn, scopeNoteIn, suggestTags, tagKey, type TagSuggestion } from './tag-suggestions';
import { language } from './i18n.svelte';

class VocabularyState {
  vocabularies = $state.raw<Vocabulary[]>([]);
  tags = $state.raw<TagCount[]>([]);
  #concepts = $derived(indexConcepts(this.vocabularies));

  async load(): Promise<void> {
    const [vocabularies, tags] = await Promise.all([call('vocabularies.list'), call('tags.list')]);
    this.vocabularies = vocabularies;
    this.tags = tags;
  }

  async refreshTags(): Promise<void> {
    this.tags = await call('tags.list');
  }

  conceptFor(tag: string): VocabularyConcept | undefined {
    return this.#concepts.get(tagKey(tag));
  }

  /** A tag as the person reads it: a concept's label in the interface language, any other tag as it is. */
  shown(tag: string): string {
    const concept = this.conceptFor(tag);
    return concept && tagKey(concept.label) === tagKey(tag) ? labelIn(concept, language.current) : tag;
  }

  /** What the tag's concept is about, in the interface language. */
  scopeNote(tag: string): string | undefined {
    const concept = this.conceptFor(tag);
    return concept ? scopeNoteIn(concept, language.current) : undefined;
  }

  /** Suggestions for what has been typed, leaving out tags the record already has. */
  suggest(typed: string, existing: string[]): TagSuggestion[] {
    return suggestTags(typed, existing, this.vocabularies, this.tags, language.current);
  }

  reset(): void {
    this.vocabularies = [];
    this.tags = [];
  }
}

export const vocabulary = new VocabularyState();
