// What each change to entities does, as pure functions: new values of entities and of the records
// that link to them. The archive validates, logs and writes them (Archive.#commit).
import type { CairnRecord, Entity, EntityKind, EntityLink } from '../../contract';
import { text } from '../../common/i18n/text';
import { findMentions } from '../../common/entities/mentions';
import { CairnError } from '../errors';
import { cleanName, nameKey, namesOf } from './entity-registry';
import { ENTITY_FORMAT_VERSION } from './entity-store';

export function newEntity(id: string, kind: EntityKind, name: string, now: string): Entity {
  const clean = cleanName(name);
  if (!clean) throw new CairnError('E_VALIDATION', text('entity_name_empty'));
  return { formatVersion: ENTITY_FORMAT_VERSION, id, rev: 0, kind, name: clean, aliases: [], createdAt: now, updatedAt: now };
}

/** The names without `name` and without repeats (by nameKey), the first spelling kept. */
function distinctNames(names: readonly string[], except: string): string[] {
  const seen = new Set([nameKey(except)]);
  const out: string[] = [];
  for (const n of names.map(cleanName)) {
    if (!n || seen.has(nameKey(n))) continue;
    seen.add(nameKey(n));
    out.push(n);
  }
  return out;
}

/** A new preferred name; the old one stays as an alias, so records that spell it so still find it. */
export function renamed(e: Entity, name: string): Entity {
  const clean = cleanName(name);
  if (!clean) throw new CairnError('E_VALIDATION', text('entity_name_empty'));
  if (clean === e.name) return e;
  return { ...e, name: clean, aliases: distinctNames([e.name, ...e.aliases], clean) };
}

export function withAlias(e: Entity, alias: string): Entity {
  const clean = cleanName(alias);
  if (!clean) throw new CairnError('E_VALIDATION', text('entity_name_empty'));
  if (namesOf(e).some((n) => nameKey(n) === nameKey(clean))) return e;
  return { ...e, aliases: [...e.aliases, clean] };
}

export function withoutAlias(e: Entity, alias: string): Entity {
  const key = nameKey(alias);
  if (nameKey(e.name) === key) throw new CairnError('E_VALIDATION', text('entity_alias_is_name', { name: e.name }));
  if (!e.aliases.some((a) => nameKey(a) === key)) throw new CairnError('E_NOT_FOUND', text('entity_alias_not_found', { alias: cleanName(alias), name: e.name }));
  return { ...e, aliases: e.aliases.filter((a) => nameKey(a) !== key) };
}

/** `into` after taking in `from`: every name of `from` becomes an alias. */
export function mergedInto(from: Entity, into: Entity): Entity {
  if (from.id === into.id) throw new CairnError('E_VALIDATION', text('entity_merge_into_itself', { name: from.name }));
  return { ...into, aliases: distinctNames([...into.aliases, from.name, ...from.aliases], into.name) };
}

const links = (r: CairnRecord): EntityLink[] => r.entities ?? [];

/** The record linked to the entity (a proposal or a person's link), or null when it already is. */
export function linked(record: CairnRecord, entity: string, proposed: boolean): CairnRecord | null {
  const has = links(record).find((l) => l.entity === entity);
  if (has && (proposed || !has.proposed)) return null;
  if (has) return { ...record, entities: links(record).map((l) => (l.entity === entity ? { ...l, proposed: false } : l)) };
  return { ...record, entities: [...links(record), { entity, proposed }] };
}

export function unlinked(record: CairnRecord, entity: string): CairnRecord | null {
  if (!links(record).some((l) => l.entity === entity)) return null;
  return { ...record, entities: links(record).filter((l) => l.entity !== entity) };
}

/** The record's link moved from one entity to another; a proposal stays a proposal unless either link was confirmed. */
export function relinked(record: CairnRecord, from: string, to: string): CairnRecord | null {
  const old = links(record).find((l) => l.entity === from);
  if (!old) return null;
  const existing = links(record).find((l) => l.entity === to);
  const proposed = old.proposed && (existing?.proposed ?? true);
  const rest = links(record).filter((l) => l.entity !== from && l.entity !== to);
  const at = links(record).findIndex((l) => l.entity === from || l.entity === to);
  rest.splice(at, 0, { entity: to, proposed });
  return { ...record, entities: rest };
}

/**
 * Splitting an alias off into an entity of its own: the alias leaves `e`, and each linked record
 * that mentions the alias links to the new entity too, and no longer to `e` when it mentions none
 * of e's remaining names.
 */
export function planSplit(e: Entity, alias: string, split: Entity, records: readonly CairnRecord[]): { kept: Entity; steps: { before: CairnRecord; after: CairnRecord }[]; moved: string[] } {
  const kept = withoutAlias(e, alias);
  const steps: { before: CairnRecord; after: CairnRecord }[] = [];
  const moved: string[] = [];
  for (const r of records) {
    const link = links(r).find((l) => l.entity === e.id);
    if (!link || findMentions(r.text, [split.name]).length === 0) continue;
    const stays = findMentions(r.text, namesOf(kept)).length > 0;
    const after = stays ? linked(r, split.id, link.proposed) : relinked(r, e.id, split.id);
    if (after) {
      steps.push({ before: r, after });
      moved.push(r.id);
    }
  }
  return { kept, steps, moved };
}
