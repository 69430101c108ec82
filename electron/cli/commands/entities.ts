// `cairn entities`: the archive's people, organizations and places, and what a person does to them
// (mark, link, rename, alias, merge, split), through the same core calls as the window's.
import { ENTITY_KINDS, type Entity, type EntityKind, type EntitySummary } from '../../contract';
import { text } from '../../common/i18n/text';
import { entityKindText } from '../../common/i18n/labels';
import type { Archive } from '../../core/archive';
import { CairnError } from '../../core/errors';
import { nameKey } from '../../core/entities/entity-registry';
import { findMentions } from '../../common/entities/mentions';
import { validateArgs } from '../../core/schemas';
import { EXIT_OK, printJson, printLine, say, UsageError } from '../cli-io';
import type { Command, CommandContext } from '../command';
import { resolveRecordId, withArchive } from '../open-archive';
import { fit, formatTable } from '../text-table';

const ACTIONS = ['show', 'mark', 'link', 'unlink', 'confirm', 'rename', 'alias', 'unalias', 'merge', 'split'] as const;
type Action = (typeof ACTIONS)[number];

/**
 * An entity by its id, the start of its id, one of its names, or failing those a word or words of
 * one of its names ("Coninsx" for "Michèle Coninsx") when only one entity has them; of the kind, when --kind is given.
 */
export function resolveEntityId(archive: Archive, given: string, kind?: EntityKind): string {
  const wanted = given.trim();
  const all = archive.entities(kind);
  const exact = all.find((e) => e.id === wanted);
  if (exact) return exact.id;
  const byName = all.filter((e) => [e.name, ...e.aliases].some((n) => nameKey(n) === nameKey(wanted)));
  const byPrefix = wanted.length >= 4 ? all.filter((e) => e.id.startsWith(wanted)) : [];
  const byWords = all.filter((e) => [e.name, ...e.aliases].some((n) => findMentions(n, [wanted]).length > 0));
  const found = byName.length ? byName : byPrefix.length ? byPrefix : byWords;
  if (found.length === 1) return found[0]!.id;
  if (found.length > 1) throw new CairnError('E_VALIDATION', text('cli_entity_ambiguous', { given: wanted, count: found.length }));
  throw new CairnError('E_NOT_FOUND', text('cli_entity_not_found', { given: wanted }));
}

const kindOption = (ctx: CommandContext): EntityKind | undefined => {
  const k = ctx.options.kind;
  if (k === undefined) return undefined;
  if (typeof k !== 'string' || !(ENTITY_KINDS as readonly string[]).includes(k)) throw new UsageError(text('cli_entity_bad_kind', { given: String(k), kinds: ENTITY_KINDS.join(', ') }), ctx.usage);
  return k as EntityKind;
};

const entityJson = (e: EntitySummary) => ({ id: e.id, name: e.name, kind: e.kind, aliases: e.aliases, records: e.records });

export const entitiesCommand: Command = {
  name: 'entities',
  summary: 'cli_entities_summary',
  synopsis: `[--kind ${ENTITY_KINDS.join('|')}] | ${ACTIONS.join('|')} …`,
  details: text('cli_entities_details'),
  options: { kind: { type: 'string' } },
  async run(ctx) {
    const [action, ...args] = ctx.positionals;
    const kind = kindOption(ctx);
    if (action === undefined) return list(ctx, kind);
    if (!(ACTIONS as readonly string[]).includes(action)) throw new UsageError(text('cli_entities_unknown_action', { action, actions: ACTIONS.join(', ') }), ctx.usage);
    const arity: Record<Action, number> = { show: 1, mark: 2, link: 2, unlink: 2, confirm: 2, rename: 2, alias: 2, unalias: 2, merge: 2, split: 2 };
    if (args.length !== arity[action as Action]) throw new UsageError(text('cli_entities_arguments', { action, count: arity[action as Action] }), ctx.usage);
    const [a, b] = args as [string, string];
    if (action === 'show') return show(ctx, a, kind);
    return withArchive(ctx, 'write', async (archive) => {
      const entityOf = (given: string) => resolveEntityId(archive, given, kind);
      let done: Entity;
      let said;
      const act = action as Exclude<Action, 'show'>;
      switch (act) {
        case 'mark': {
          if (!kind) throw new UsageError(text('cli_entities_mark_needs_kind', { kinds: ENTITY_KINDS.join(', ') }), ctx.usage);
          const input = validateArgs('entities.mark', { id: resolveRecordId(archive, a), name: b, kind });
          const result = await archive.markEntity(input);
          done = result.entity;
          said = text('cli_entity_marked', { name: done.name, title: result.record.title });
          break;
        }
        case 'link':
        case 'unlink':
        case 'confirm': {
          const input = validateArgs(`entities.${act}`, { id: resolveRecordId(archive, a), entity: entityOf(b) });
          const call = { link: archive.linkEntity, unlink: archive.unlinkEntity, confirm: archive.confirmEntity }[act].bind(archive);
          const record = await call(input.id, input.entity);
          done = archive.entity(input.entity).entity;
          const key = { link: 'cli_entity_linked', unlink: 'cli_entity_unlinked', confirm: 'cli_entity_confirmed' } as const;
          said = text(key[act], { name: done.name, title: record.title });
          break;
        }
        case 'rename':
          done = await archive.updateEntity(validateArgs('entities.update', { id: entityOf(a), name: b }));
          said = text('cli_entity_renamed', { name: done.name, aliases: done.aliases.join(', ') || say(ctx.io, text('cli_none')) });
          break;
        case 'alias':
        case 'unalias': {
          const input = validateArgs(`entities.${act}`, { id: entityOf(a), name: b });
          done = act === 'alias' ? await archive.aliasEntity(input.id, input.name) : await archive.unaliasEntity(input.id, input.name);
          said = text('cli_entity_aliases', { name: done.name, aliases: done.aliases.join(', ') || say(ctx.io, text('cli_none')) });
          break;
        }
        case 'merge': {
          const input = validateArgs('entities.merge', { from: entityOf(a), into: entityOf(b) });
          done = await archive.mergeEntities(input.from, input.into);
          said = text('cli_entity_merged', { name: done.name, aliases: done.aliases.join(', '), count: archive.entity(done.id).records.length });
          break;
        }
        case 'split': {
          const input = validateArgs('entities.split', { id: entityOf(a), alias: b });
          const result = await archive.splitEntity(input.id, input.alias);
          done = result.split;
          said = text('cli_entity_split', { name: result.split.name, from: result.entity.name, count: result.moved.length });
          break;
        }
      }
      if (ctx.json) printJson(ctx.io.stdout, entityJson(archive.entities().find((e) => e.id === done.id) ?? { ...done, records: [], proposed: 0 }));
      else printLine(ctx.io.stdout, say(ctx.io, said));
      return EXIT_OK;
    });
  },
};

async function list(ctx: CommandContext, kind: EntityKind | undefined): Promise<number> {
  return withArchive(ctx, 'read', async (archive) => {
    const entities = archive.entities(kind);
    if (ctx.json) {
      printJson(ctx.io.stdout, entities.map(entityJson));
      return EXIT_OK;
    }
    if (entities.length === 0) {
      printLine(ctx.io.stdout, say(ctx.io, text('cli_entities_none')));
      return EXIT_OK;
    }
    const header = ['cli_col_entity', 'cli_col_kind', 'cli_col_name', 'cli_col_aliases', 'cli_col_records'] as const;
    const rows = entities.map((e) => [e.id, say(ctx.io, entityKindText(e.kind)), e.name, fit(e.aliases.join(', '), 50), String(e.records.length)]);
    for (const line of formatTable(header.map((k) => say(ctx.io, text(k))), rows)) printLine(ctx.io.stdout, line);
    return EXIT_OK;
  });
}

async function show(ctx: CommandContext, given: string, kind: EntityKind | undefined): Promise<number> {
  return withArchive(ctx, 'read', async (archive) => {
    const page = archive.entity(resolveEntityId(archive, given, kind));
    if (ctx.json) {
      printJson(ctx.io.stdout, page);
      return EXIT_OK;
    }
    const e = page.entity;
    printLine(ctx.io.stdout, `${e.name}  (${say(ctx.io, entityKindText(e.kind))}, ${e.id})`);
    if (e.aliases.length) printLine(ctx.io.stdout, say(ctx.io, text('cli_entity_also', { aliases: e.aliases.join(', ') })));
    for (const r of page.records) printLine(ctx.io.stdout, `  ${r.id.slice(0, 8)}  ${r.date ?? '    '}  ${fit(r.title, 70)}${r.linkProposed ? '  (' + say(ctx.io, text('cli_entity_proposed')) + ')' : ''}`);
    return EXIT_OK;
  });
}
