// `cairn search QUERY [--limit N]`: full-text search, best matches first, with a snippet each.
import { EXIT_OK, printJson, printLine, UsageError } from '../cli-io';
import type { Command } from '../command';
import { withArchive } from '../open-archive';
import { shortIdLength } from '../short-id';

export const searchCommand: Command = {
  name: 'search',
  summary: 'search the records’ text, titles, tags and places',
  synopsis: 'QUERY… [--limit N]',
  details: '  --limit N  show at most N results (default 20; 1 to 10000)',
  options: { limit: { type: 'string' } },
  async run(ctx) {
    const query = ctx.positionals.join(' ').trim();
    if (!query) throw new UsageError('search needs a query, e.g. `cairn search "climate change"`.', ctx.usage);
    const limit = parseLimit(ctx.options.limit, ctx.usage);
    return withArchive(ctx, 'read', async (archive) => {
      const result = archive.search(query, limit);
      if (ctx.json) {
        printJson(ctx.io.stdout, { total: result.total, hits: result.hits.map((h) => ({ id: h.id, title: h.title, score: h.score, snippet: h.snippet })) });
        return EXIT_OK;
      }
      if (result.total === 0) {
        printLine(ctx.io.stdout, `No records match “${query}”.`);
        return EXIT_OK;
      }
      const idLength = shortIdLength(archive.list().items.map((s) => s.id));
      for (const hit of result.hits) {
        printLine(ctx.io.stdout, `${hit.id.slice(0, idLength)}  ${hit.score.toFixed(2).padStart(6)}  ${hit.title}`);
        printLine(ctx.io.stdout, `    ${hit.snippet}`);
      }
      const shown = result.hits.length < result.total ? ` (showing ${result.hits.length}; use --limit to see more)` : '';
      printLine(ctx.io.stdout, `${result.total} ${result.total === 1 ? 'record matches' : 'records match'} “${query}”${shown}.`);
      return EXIT_OK;
    });
  },
};

function parseLimit(raw: string | boolean | undefined, usage: string): number {
  if (raw === undefined) return 20;
  const n = Number(raw);
  if (typeof raw !== 'string' || !/^\d+$/.test(raw) || n < 1 || n > 10_000) {
    throw new UsageError(`--limit takes a whole number from 1 to 10000, not “${String(raw)}”.`, usage);
  }
  return n;
}
