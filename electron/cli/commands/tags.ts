// `cairn tags [--json]`: every tag of the archive as a tree, with how many records carry it, its
// colour and its vocabulary concept (`--json`: [{name, parent, color, count, concept}]).
// The tag manager: `cairn tags rename OLD NEW`, `merge FROM INTO`, `move TAG --parent P | --top`,
// `color TAG #RRGGBB|none`, `delete TAG`; each one operation (one `cairn undo`), `--dry-run` counts first.
import type { TagChangeArgs, TagChangeResult, TagEntry } from '../../contract';
import { text, type LocalText } from '../../common/i18n/text';
import { validateArgs } from '../../core/schemas';
import { EXIT_OK, printJson, printLine, UsageError, say } from '../cli-io';
import type { Command, CommandContext } from '../command';
import { withArchive } from '../open-archive';
import { treeLines } from '../tree-lines';

/** The tag change a command line asks for, checked by the schema every door uses. */
function changeOf(ctx: CommandContext): TagChangeArgs {
  const [action, tag, value, ...rest] = ctx.positionals;
  const needs = (count: number) => {
    if (ctx.positionals.length !== count) throw new UsageError(text('cli_tags_usage', { action: action! }), ctx.usage);
  };
  const parent = typeof ctx.options.parent === 'string' ? ctx.options.parent : undefined;
  const options = { ...(ctx.options['dry-run'] === true ? { dryRun: true } : {}), ...(typeof ctx.options.comment === 'string' ? { comment: ctx.options.comment } : {}) };
  if (action !== 'move' && (parent !== undefined || ctx.options.top === true)) throw new UsageError(text('cli_tags_usage', { action: action! }), ctx.usage);
  void rest;
  let change: unknown;
  switch (action) {
    case 'rename':
      needs(3);
      change = { action, tag, to: value };
      break;
    case 'merge':
      needs(3);
      change = { action, tag, into: value };
      break;
    case 'move':
      needs(2);
      if ((parent === undefined) === (ctx.options.top !== true)) throw new UsageError(text('cli_tags_move_where'), ctx.usage);
      change = { action, tag, parent: parent ?? null };
      break;
    case 'color':
      needs(3);
      change = { action, tag, color: /^(none|-)$/i.test(value!) ? null : value };
      break;
    case 'delete':
      needs(2);
      change = { action, tag };
      break;
    default:
      throw new UsageError(text('cli_tags_unknown_action', { given: action! }), ctx.usage);
  }
  return validateArgs('tags.change', { ...(change as object), ...options }) as TagChangeArgs;
}

/** What a tag change did (or, dry, would do), in the person's words. */
function describeChange(change: TagChangeArgs, r: TagChangeResult): LocalText {
  const counts = { records: r.records, tags: r.tags, tag: r.tag, to: r.to ?? '' };
  if (change.action === 'color') return text(r.applied ? 'cli_tags_coloured' : 'cli_tags_would_colour', { tag: r.tag, colour: change.color ?? '—' });
  if (change.action === 'delete') return text(r.applied ? 'cli_tags_deleted' : 'cli_tags_would_delete', counts);
  return text(r.applied ? 'cli_tags_changed' : 'cli_tags_would_change', counts);
}

export const tagsCommand: Command = {
  name: 'tags',
  summary: 'cli_tags_summary',
  synopsis: '[rename OLD NEW | merge FROM INTO | move TAG --parent PARENT | --top | color TAG #RRGGBB|none | delete TAG] [--dry-run] [--comment TEXT]',
  details: text('cli_tags_details'),
  options: {
    parent: { type: 'string' },
    top: { type: 'boolean' },
    'dry-run': { type: 'boolean' },
    comment: { type: 'string' },
  },
  async run(ctx) {
    if (ctx.positionals.length > 0) {
      const change = changeOf(ctx);
      return withArchive(ctx, change.dryRun ? 'read' : 'write', async (archive) => {
        const result = await archive.changeTags(change);
        if (ctx.json) printJson(ctx.io.stdout, result);
        else printLine(ctx.io.stdout, say(ctx.io, describeChange(change, result)));
        return EXIT_OK;
      });
    }
    return withArchive(ctx, 'read', async (archive) => {
      const entries = archive.tagEntries();
      if (ctx.json) {
        printJson(ctx.io.stdout, entries);
        return EXIT_OK;
      }
      if (entries.length === 0) {
        printLine(ctx.io.stdout, say(ctx.io, text('cli_tags_none')));
        return EXIT_OK;
      }
      const line = (e: TagEntry) => {
        const leaf = e.name.split(' › ').at(-1) ?? e.name;
        const extra = [e.color, e.concept ? `${e.concept.vocabulary}/${e.concept.id}` : null].filter(Boolean).join('  ');
        return `${leaf} (${e.count})${extra ? `  ${extra}` : ''}`;
      };
      for (const l of treeLines(entries, (e) => e.name, (e) => e.parent, line)) printLine(ctx.io.stdout, l);
      return EXIT_OK;
    });
  },
};
