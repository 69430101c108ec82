// The archive's entities in memory, found by id or by any of their names; and the rules for what
// their names may be: one name or alias names one entity of a kind.
import type { CairnRecord, Entity, EntityKind, EntitySummary } from '../../contract';
import { text } from '../../common/i18n/text';
import { CairnError } from '../errors';

/** A name as a person means it: one line, single spaces, composed characters. */
export const cleanName = (name: string): string => name.normalize('NFC').replace(/\s+/g, ' ').trim();

/** Names compare without regard to case or spacing ("CTED" = "Cted"); diacritics count (Jenča and Jenca are aliases). */
export const nameKey = (name: string): string => cleanName(name).toLowerCase();

/** An entity's preferred name and aliases. */
export const namesOf = (e: Pick<Entity, 'name' | 'aliases'>): string[] => [e.name, ...e.aliases];

const slot = (kind: EntityKind, name: string) => `${kind}\u0000${nameKey(name)}`;

export class EntityRegistry {
  #byId = new Map<string, Entity>();
  #byName = new Map<string, string>();

  constructor(entities: Iterable<Entity> = []) {
    for (const e of entities) this.put(e);
  }

  get size(): number {
    return this.#byId.size;
  }

  all(): Entity[] {
    return [...this.#byId.values()];
  }

  find(id: string): Entity | undefined {
    return this.#byId.get(id);
  }

  get(id: string): Entity {
    const entity = this.#byId.get(id);
    if (!entity) throw new CairnError('E_NOT_FOUND', text('entity_not_found', { id }));
    return entity;
  }

  /** The entity of this kind that goes by the name (preferred or alias). */
  byName(kind: EntityKind, name: string): Entity | undefined {
    const id = this.#byName.get(slot(kind, name));
    return id ? this.#byId.get(id) : undefined;
  }

  /** Refuses a name that already names another entity of the kind. */
  assertFree(kind: EntityKind, name: string, except?: string): void {
    const other = this.byName(kind, name);
    if (other && other.id !== except) throw new CairnError('E_CONFLICT', text('entity_name_taken', { name: cleanName(name), other: other.name }));
  }

  put(entity: Entity): void {
    this.remove(entity.id);
    this.#byId.set(entity.id, entity);
    for (const n of namesOf(entity)) this.#byName.set(slot(entity.kind, n), entity.id);
  }

  remove(id: string): void {
    const old = this.#byId.get(id);
    if (!old) return;
    this.#byId.delete(id);
    for (const n of namesOf(old)) if (this.#byName.get(slot(old.kind, n)) === id) this.#byName.delete(slot(old.kind, n));
  }

  /** Each entity with the records linking to it (all kinds, or one), by name. */
  summaries(records: Iterable<CairnRecord>, kind?: EntityKind): EntitySummary[] {
    const linked = new Map<string, { records: string[]; proposed: number }>();
    for (const r of records) {
      for (const link of r.entities) {
        const entry = linked.get(link.entity) ?? { records: [], proposed: 0 };
        entry.records.push(r.id);
        if (link.proposed) entry.proposed++;
        linked.set(link.entity, entry);
      }
    }
    const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
    return this.all()
      .filter((e) => !kind || e.kind === kind)
      .map((e) => ({ id: e.id, name: e.name, kind: e.kind, aliases: e.aliases, records: linked.get(e.id)?.records ?? [], proposed: linked.get(e.id)?.proposed ?? 0 }))
      .sort((a, b) => collator.compare(a.name, b.name) || a.kind.localeCompare(b.kind));
  }
}
