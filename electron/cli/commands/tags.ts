// `cairn tags [--json]`: every tag of the archive as a tree, with how many records carry it, its
// colour and its vocabulary concept (`--json`: [{name, parent, color, count, concept}]).
import type { TagEntry } from '../../contract';
import { text } from '../../common/i18n/text';
import { EXIT_OK, printJson, printLine, UsageError, say } from '../cli-io';
import type { Command } from '../command';
import { withArchive } from '../open-archive';

export const tagsCommand: Command = {
  name: 'tags',
  summary: 'cli_tags_summary',
  synopsis: '',
  options: {},
  async run(ctx) {
    // The tag manager's operations come with the tag tree's next step; meanwhile bulk renames a tag.
    if (ctx.positionals.length > 0) throw new UsageError(text('cli_tags_not_yet', { given: ctx.positionals[0]! }), ctx.usage);
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
      const children = new Map<string | null, TagEntry[]>();
      for (const e of entries) children.set(e.parent, [...(children.get(e.parent) ?? []), e]);
      const show = (parent: string | null, depth: number) => {
        for (const e of children.get(parent) ?? []) {
          const leaf = e.name.split(' › ').at(-1) ?? e.name;
          const extra = [e.color, e.concept ? `${e.concept.vocabulary}/${e.concept.id}` : null].filter(Boolean).join('  ');
          printLine(ctx.io.stdout, `${'  '.repeat(depth)}${leaf} (${e.count})${extra ? `  ${extra}` : ''}`);
          show(e.name, depth + 1);
        }
      };
      show(null, 0);
      return EXIT_OK;
    });
  },
};
