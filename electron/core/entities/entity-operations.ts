// Entities as operations on the archive: marking, linking, renaming, aliases, merge and split,
// each one change (one undo) across every record and entity it touches.
import type { CairnRecord, Entity, EntityPage, EntityResult, EntityUpdate, MarkEntityArgs, SplitResult } from '../../contract';
import { summarize } from '../../common/summary';
import { text } from '../../common/i18n/text';
import type { ArchiveContext, EntityStep } from '../archive-context';
import type { Step } from '../changes/reverse';
import { CairnError } from '../errors';
import { linked, mergedInto, newEntity, planSplit, relinked, renamed, unlinked, withAlias, withoutAlias } from './entity-changes';
import { cleanName, nameKey, namesOf } from './entity-registry';

const linking = (ctx: ArchiveContext, entity: string) => [...ctx.records()].filter((r) => r.entities.some((l) => l.entity === entity));

export function entityPage(ctx: Pick<ArchiveContext, 'entities' | 'records'>, id: string): EntityPage {
  const entity = ctx.entities.get(id);
  const records = [...ctx.records()].flatMap((r) => {
    const link = r.entities.find((l) => l.entity === id);
    return link ? [{ ...summarize(r), linkProposed: link.proposed }] : [];
  });
  return { entity, records };
}

/** Marks a name in a record as an entity of a kind: the entity that goes by it, or a new one; the record links to it. */
export async function markEntity(ctx: ArchiveContext, args: MarkEntityArgs): Promise<EntityResult> {
  const record = ctx.writable(args.id);
  const name = cleanName(args.name);
  const existing = ctx.entities.byName(args.kind, name);
  const entity = existing ?? newEntity(ctx.newId(), args.kind, name, ctx.now());
  const after = linked(record, entity.id, false);
  const { records, entities } = await ctx.commit({ kind: 'entity' }, after ? [{ before: record, after }] : [], existing ? [] : [{ before: null, after: entity }]);
  return { record: records[0] ?? record, entity: entities[0] ?? entity };
}

export async function link(ctx: ArchiveContext, id: string, entity: string): Promise<CairnRecord> {
  const record = ctx.writable(id);
  ctx.entities.get(entity);
  return oneRecord(ctx, record, linked(record, entity, false));
}

/** Confirms a proposed link (the importer's): it becomes a person's. */
export async function confirmLink(ctx: ArchiveContext, id: string, entity: string): Promise<CairnRecord> {
  const record = ctx.writable(id);
  if (!record.entities.some((l) => l.entity === entity)) throw new CairnError('E_NOT_FOUND', text('entity_not_linked', { title: record.title }));
  return oneRecord(ctx, record, linked(record, entity, false));
}

/** Takes a link away (and so rejects a proposal); the entity stays in the archive. */
export async function unlink(ctx: ArchiveContext, id: string, entity: string): Promise<CairnRecord> {
  const record = ctx.writable(id);
  if (!record.entities.some((l) => l.entity === entity)) throw new CairnError('E_NOT_FOUND', text('entity_not_linked', { title: record.title }));
  return oneRecord(ctx, record, unlinked(record, entity));
}

async function oneRecord(ctx: ArchiveContext, before: CairnRecord, after: CairnRecord | null): Promise<CairnRecord> {
  if (!after) return before;
  const { records } = await ctx.commit({ kind: 'entity' }, [{ before, after }]);
  return records[0] ?? before;
}

async function oneEntity(ctx: ArchiveContext, before: Entity, after: Entity, steps: readonly Step[] = [], kind: 'entity' | 'merge' = 'entity'): Promise<Entity> {
  if (after === before && steps.length === 0) return before;
  const { entities } = await ctx.commit({ kind }, steps, [{ before, after }]);
  return entities[0] ?? before;
}

/** Renames an entity (the old name stays an alias) or changes its kind; every name must be free in the kind. */
export async function updateEntity(ctx: ArchiveContext, args: EntityUpdate): Promise<Entity> {
  const entity = ctx.entities.get(args.id);
  let next = args.name !== undefined ? renamed(entity, args.name) : entity;
  if (args.kind !== undefined && args.kind !== entity.kind) next = { ...next, kind: args.kind };
  for (const n of namesOf(next)) ctx.entities.assertFree(next.kind, n, entity.id);
  return oneEntity(ctx, entity, next);
}

export async function addAlias(ctx: ArchiveContext, id: string, alias: string): Promise<Entity> {
  const entity = ctx.entities.get(id);
  ctx.entities.assertFree(entity.kind, alias, entity.id);
  return oneEntity(ctx, entity, withAlias(entity, alias));
}

export async function removeAlias(ctx: ArchiveContext, id: string, alias: string): Promise<Entity> {
  const entity = ctx.entities.get(id);
  return oneEntity(ctx, entity, withoutAlias(entity, alias));
}

/** Merges `from` into `into` across the archive: its names become aliases, its records link to `into`, it goes. */
export async function merge(ctx: ArchiveContext, fromId: string, intoId: string): Promise<Entity> {
  const from = ctx.entities.get(fromId);
  const into = ctx.entities.get(intoId);
  const merged = mergedInto(from, into);
  for (const n of namesOf(merged)) {
    const other = ctx.entities.byName(merged.kind, n);
    if (other && other.id !== from.id && other.id !== into.id) ctx.entities.assertFree(merged.kind, n, into.id);
  }
  const steps = linking(ctx, from.id).flatMap((r) => {
    const after = relinked(ctx.writable(r.id), from.id, into.id);
    return after ? [{ before: r, after }] : [];
  });
  const entitySteps: EntityStep[] = [{ before: into, after: merged }, { before: from, after: null }];
  const { entities } = await ctx.commit({ kind: 'merge' }, steps, entitySteps);
  return entities.find((e) => e.id === into.id) ?? merged;
}

/** Splits an alias off into an entity of its own; the records that mention it follow (see planSplit). */
export async function split(ctx: ArchiveContext, id: string, alias: string): Promise<SplitResult> {
  const entity = ctx.entities.get(id);
  const name = entity.aliases.find((a) => nameKey(a) === nameKey(alias));
  if (!name) throw new CairnError('E_NOT_FOUND', text('entity_alias_not_found', { alias: cleanName(alias), name: entity.name }));
  const created = newEntity(ctx.newId(), entity.kind, name, ctx.now());
  const plan = planSplit(entity, name, created, linking(ctx, entity.id).map((r) => ctx.writable(r.id)));
  const { entities } = await ctx.commit({ kind: 'split' }, plan.steps, [{ before: null, after: created }, { before: entity, after: plan.kept }]);
  return { entity: entities.find((e) => e.id === entity.id) ?? plan.kept, split: entities.find((e) => e.id === created.id) ?? created, moved: plan.moved };
}
