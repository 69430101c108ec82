// The archive's entities as the window shows them: the list (for names and counts), the entity
// page that is open, and the entities whose mentions the reader highlights.
import type { EntitySummary } from './contract';
import { SvelteSet } from 'svelte/reactivity';
import { call } from './api';

class EntitiesState {
  list = $state.raw<EntitySummary[]>([]);
  /** The entity dialog: an entity's page (an id), the list of all ('all'), or closed (null). */
  open = $state<string | 'all' | null>(null);
  /** Entities whose mentions the reader highlights. */
  readonly shown = new SvelteSet<string>();
  #byId = $derived(new Map(this.list.map((e) => [e.id, e])));

  async refresh(): Promise<void> {
    this.list = await call('entities.list', {});
  }

  get(id: string): EntitySummary | undefined {
    return this.#byId.get(id);
  }

  toggleMentions(id: string): void {
    if (this.shown.has(id)) this.shown.delete(id);
    else this.shown.add(id);
  }

  reset(): void {
    this.list = [];
    this.open = null;
    this.shown.clear();
  }
}

export const entities = new EntitiesState();
