// The archive's saved searches, with their counts now: loaded when an archive opens, counted again
// (after a short pause) whenever the list changes, saved and forgotten through the core.
import type { SavedSearchCount } from './contract';
import { call, failure } from './api';
import { toasts } from './toasts.svelte';
import { text } from './i18n.svelte';

const RECOUNT_DELAY_MS = 400;

class SavedSearchesState {
  items = $state.raw<SavedSearchCount[]>([]);
  #timer: ReturnType<typeof setTimeout> | undefined;
  #seq = 0;

  async load(): Promise<void> {
    const seq = ++this.#seq;
    try {
      const items = await call('searches.list');
      if (seq === this.#seq) this.items = items;
    } catch {
      // No archive, or one that cannot say: the list stays as it was.
    }
  }

  /** Counts again after a pause: a run of edits asks once. */
  recount(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.load(), RECOUNT_DELAY_MS);
  }

  async save(name: string, query: string): Promise<SavedSearchCount> {
    const saved = await call('searches.save', { name, query });
    await this.load();
    return saved;
  }

  /** Forgets one, with Undo on the toast (it is saved again, last). */
  async remove(search: SavedSearchCount): Promise<void> {
    try {
      await call('searches.remove', { search: search.id });
      await this.load();
      toasts.show(text('saved_search_forgotten', { name: search.name }), { action: { label: text('undo'), run: () => void this.save(search.name, search.query).catch((e: unknown) => toasts.error(failure(e))) } });
    } catch (e) {
      toasts.error(failure(e));
    }
  }

  reset(): void {
    clearTimeout(this.#timer);
    this.#seq++;
    this.items = [];
  }
}

export const savedSearches = new SavedSearchesState();
