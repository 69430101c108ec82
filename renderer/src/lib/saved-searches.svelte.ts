// The archive's saved searches, with their counts now: loaded when an archive opens, counted again
// (after a short pause) whenever the list changes, saved and forgotten through the core.
import type { SavedSearchCount } from './contract';
import { call, failure } from './api';
import { toasts } from './toasts.svelte';
import { text } from './i18n.svelte';
import { session } from './session.svelte';

const RECOUNT_DELAY_MS = 400;

class SavedSearchesState {
  items = $state.raw<SavedSearchCount[]>([]);
  #timer: ReturnType<typeof setTimeout> | undefined;
  #seq = 0;
  /** One list request at a time; one more after it when asked meanwhile. */
  #loading: Promise<void> | null = null;
  #again = false;

  async load(): Promise<void> {
    if (this.#loading) {
      this.#again = true;
      return this.#loading;
    }
    const seq = ++this.#seq;
    this.#loading = (async () => {
      try {
        const items = await call('searches.list');
        if (seq === this.#seq) this.items = items;
      } catch {
        // No archive, or one that cannot say: the list stays as it was.
      }
    })();
    await this.#loading;
    this.#loading = null;
    if (this.#again) {
      this.#again = false;
      await this.load();
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

  /** Forgets one, with Undo on the toast: it comes back as it was, in its place, in the same archive. */
  async remove(search: SavedSearchCount): Promise<void> {
    try {
      const removed = await call('searches.remove', { search: search.id });
      await this.load();
      const archive = session.archive?.path;
      const undo = async () => {
        if (session.archive?.path !== archive) return void toasts.error(text('saved_search_other_archive', { name: search.name }));
        const { position, ...kept } = removed;
        await call('searches.save', { name: kept.name, query: kept.query, restore: kept, position });
        await this.load();
      };
      toasts.show(text('saved_search_forgotten', { name: search.name }), { action: { label: text('undo'), run: () => void undo().catch((e: unknown) => toasts.error(failure(e))) } });
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
