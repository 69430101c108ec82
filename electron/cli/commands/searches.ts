// `cairn searches [--json]`: the archive's saved searches, each with how many records it finds now;
// `cairn searches save NAME QUERY` keeps a query under a name (the same name again replaces it);
// `cairn searches remove NAME` forgets one. The window's sidebar shows the same list.
import { text } from '../../common/i18n/text';
import { validateArgs } from '../../core/schemas';
import { checkQuery, EXIT_OK, printJson, printLine, UsageError, say } from '../cli-io';
import type { Command } from '../command';
import { withArchive } from '../open-archive';

export const searchesCommand: Command = {
  name: 'searches',
  summary: 'cli_searches_summary',
  synopsis: '[save NAME QUERY | remove NAME]',
  details: text('cli_searches_details'),
  options: {},
  async run(ctx) {
    const [action, ...rest] = ctx.positionals;
    if (action === 'save') {
      if (rest.length !== 2) throw new UsageError(text('cli_searches_usage'), ctx.usage);
      const args = validateArgs('searches.save', { name: rest[0], query: rest[1] });
      checkQuery(args.query);
      return withArchive(
        ctx,
        'write',
        async (archive) => {
          const saved = await archive.saveSearch(args);
          if (ctx.json) printJson(ctx.io.stdout, saved);
          else printLine(ctx.io.stdout, say(ctx.io, text('cli_searches_saved', { name: saved.name, count: saved.count ?? 0 })));
          return EXIT_OK;
        },
        { search: true },
      );
    }
    if (action === 'remove') {
      if (rest.length !== 1) throw new UsageError(text('cli_searches_usage'), ctx.usage);
      const { search } = validateArgs('searches.remove', { search: rest[0] });
      return withArchive(ctx, 'write', async (archive) => {
        const removed = await archive.removeSearch(search, 'name');
        if (ctx.json) printJson(ctx.io.stdout, removed);
        else printLine(ctx.io.stdout, say(ctx.io, text('cli_searches_removed', { name: removed.name })));
        return EXIT_OK;
      });
    }
    if (action !== undefined) throw new UsageError(text('cli_searches_usage'), ctx.usage);
    return withArchive(
      ctx,
      'read',
      async (archive) => {
        const list = archive.savedSearches();
        if (ctx.json) {
          printJson(ctx.io.stdout, list);
          return EXIT_OK;
        }
        if (list.length === 0) printLine(ctx.io.stdout, say(ctx.io, text('cli_searches_none')));
        for (const s of list) printLine(ctx.io.stdout, `${s.name}  ${s.count === null ? say(ctx.io, text('cli_searches_unreadable')) : `(${s.count})`}  ${s.query}`);
        return EXIT_OK;
      },
      { search: true },
    );
  },
};
