// `cairn search QUERY [--limit N]`: full-text search, best matches first, with a snippet each.
import { text } from '../../common/i18n/text';
import { EXIT_OK, printJson, printLine, UsageError, say } from '../cli-io';
import type { Command } from '../command';
import { withArchive } from '../open-archive';
import { shortIdLength } from '../short-id';

export const searchCommand: Command = {
  name: 'search',
  summary: 'cli_search_summary',
  synopsis: 'QUERY… [--limit N]',
  details: text('cli_search_details'),
  options: { limit: { type: 'string' } },
  async run(ctx) {
    const query = ctx.positionals.join(' ').trim();
    if (!query) throw new UsageError(text('cli_search_needs_query'), ctx.usage);
    const limit = parseLimit(ctx.options.limit, ctx.usage);
    return withArchive(ctx, 'read', async (archive) => {
      const result = archive.search(query, limit);
      if (ctx.json) {
        printJson(ctx.io.stdout, { total: result.total, hits: result.hits.map((h) => ({ id: h.id, title: h.title, score: h.score, snippet: h.snippet })) });
        return EXIT_OK;
      }
      if (result.total === 0) {
        printLine(ctx.io.stdout, say(ctx.io, text('list_no_match', { query })));
        return EXIT_OK;
      }
      const idLength = shortIdLength(archive.list().items.map((s) => s.id));
      for (const hit of result.hits) {
        printLine(ctx.io.stdout, `${hit.id.slice(0, idLength)}  ${hit.score.toFixed(2).padStart(6)}  ${hit.title}`);
        printLine(ctx.io.stdout, `    ${hit.snippet}`);
      }
      const said = result.hits.length < result.total
        ? text('cli_search_matches_some_shown', { count: result.total, query, shown: result.hits.length })
        : text('cli_search_matches', { count: result.total, query });
      printLine(ctx.io.stdout, say(ctx.io, said));
      return EXIT_OK;
    }, { search: true });
  },
};

function parseLimit(raw: unknown, usage: string): number {
  if (raw === undefined) return 20;
  const n = Number(raw);
  if (typeof raw !== 'string' || !/^\d+$/.test(raw) || n < 1 || n > 10_000) {
    throw new UsageError(text('cli_search_bad_limit', { given: String(raw) }), usage);
  }
  return n;
}
