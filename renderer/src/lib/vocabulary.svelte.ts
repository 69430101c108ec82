// The archive's vocabularies and tags in use: tag suggestions and the colour a tag chip takes.
import { isTagColour, type TagCount, type TagEntry, type Vocabulary, type VocabularyConcept } from './contract';
import { call } from './api';
import { scopeNoteIn, suggestTags, tagKey, type TagSuggestion } from './tag-suggestions';
import { language } from './i18n.svelte';
import { ConceptIndex } from '../../../electron/common/tags/tag-paths';

class VocabularyState {
  vocabularies = $state.raw<Vocabulary[]>([]);
  tags = $state.raw<TagCount[]>([]);
  /** The tag tree (parents, counts, colours): the tag manager's, and the colours of tags that are no concept. */
  entries = $state.raw<TagEntry[]>([]);
  #concepts = $derived(new ConceptIndex(this.vocabularies));
  #colours = $derived(new Map(this.entries.filter((e) => e.color).map((e) => [tagKey(e.name), e.color!])));

  async load(): Promise<void> {
    const [vocabularies, tags, entries] = await Promise.all([call('vocabularies.list'), call('tags.list'), call('tags.entries')]);
    this.vocabularies = vocabularies;
    this.tags = tags;
    this.entries = entries;
  }

  async refreshTags(): Promise<void> {
    const [tags, entries] = await Promise.all([call('tags.list'), call('tags.entries')]);
    this.tags = tags;
    this.entries = entries;
  }

  conceptFor(tag: string): VocabularyConcept | undefined {
    return this.#concepts.find(tag)?.concept;
  }

  /** The colour a tag's chip takes: its concept's, else its own; only a #rrggbb colour. */
  colourOf(tag: string): string | null {
    const colour = this.conceptFor(tag)?.color ?? this.#colours.get(tagKey(tag)) ?? null;
    return isTagColour(colour) ? colour : null;
  }

  /** A tag as the person reads it: each level that is a concept's by its label in the interface language. */
  shown(tag: string): string {
    return this.#concepts.shown(tag, language.current);
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
    this.entries = [];
  }
}

export const vocabulary = new VocabularyState();
