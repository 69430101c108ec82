// `cairn search QUERY [--limit N] [--offset N] [--sort FIELD[:asc|desc]]`: the query language of
// the window's search box (see core/query), best matches first, with a snippet each; the same hits
// in the same order as the window's list.
import type { Facets, SearchResult, SortField, SortOrder } from '../../contract';
import { FirstAnswers, openFirstAnswers } from '../../core/catalogue/first-answers';
import { text } from '../../common/i18n/text';
import { checkQuery, EXIT_OK, printJson, printLine, QueryError, UsageError, say } from '../cli-io';
import type { Command } from '../command';
import { withArchive } from '../open-archive';
import { shortIdLength } from '../short-id';

/** How the searches of this process were answered (for tests: both ways print the same). */
export const answeredFrom = { catalogue: 0, archive: 0 };

export const searchCommand: Command = {
  name: 'search',
  summary: 'cli_search_summary',
  synopsis: 'QUERY… [--limit N] [--offset N] [--sort FIELD[:asc|desc]] [--facets]',
  details: text('cli_search_details'),
  options: { limit: { type: 'string' }, offset: { type: 'string' }, sort: { type: 'string' }, facets: { type: 'boolean' } },
  async run(ctx) {
    const query = ctx.positionals.join(' ').trim();
    if (!query) throw new UsageError(text('cli_search_needs_query'), ctx.usage);
    const limit = parseLimit(ctx.options.limit, ctx.usage);
    const offset = parseOffset(ctx.options.offset, ctx.usage);
    const sort = parseSort(ctx.options.sort, ctx.usage);
    checkQuery(query);
    const facets = ctx.options.facets === true;
    // Answered from the catalogue and the index's snapshot when they can answer exactly as the whole
    // archive would (see core/catalogue/first-answers.ts); the archive is opened whole otherwise.
    const first = await firstAnswers(ctx);
    let early: SearchResult | null = null;
    try {
      early = first?.search(query, limit, { offset, sort, facets }) ?? null;
    } catch {
      // Whatever went wrong there, the archive opened whole answers (or says what is wrong).
    }
    if (first && early) {
      answeredFrom.catalogue++;
      return printResult(ctx, query, offset, early, () => first.ids());
    }
    answeredFrom.archive++;
    return withArchive(ctx, 'read', async (archive) => printResult(ctx, query, offset, archive.search(query, limit, { offset, sort, facets }), () => archive.list().items.map((s) => s.id)), { search: true });
  },
};

/** The answers from the catalogue, or null when the archive must be opened whole (which then says what is wrong, if anything). */
async function firstAnswers(ctx: Parameters<Command['run']>[0]): Promise<FirstAnswers | null> {
  if (!ctx.dataDir) return null;
  const opened = await openFirstAnswers(ctx.dataDir).catch(() => null);
  return opened instanceof FirstAnswers ? opened : null;
}

function printResult(ctx: Parameters<Command['run']>[0], query: string, offset: number, result: SearchResult, ids: () => string[]): number {
  if (result.problem) throw new QueryError(result.problem, query);
  if (ctx.json) {
    printJson(ctx.io.stdout, { total: result.total, offset, hits: result.hits.map((h) => ({ id: h.id, title: h.title, score: h.score, snippet: h.snippet })), ...(result.facets ? { facets: result.facets } : {}) });
    return EXIT_OK;
  }
  if (result.total === 0) {
    printLine(ctx.io.stdout, say(ctx.io, text('list_no_match', { query })));
    return EXIT_OK;
  }
  const idLength = shortIdLength(ids());
  for (const hit of result.hits) {
    printLine(ctx.io.stdout, `${hit.id.slice(0, idLength)}  ${hit.score.toFixed(2).padStart(6)}  ${hit.title}`);
    printLine(ctx.io.stdout, `    ${hit.snippet}`);
  }
  const said = result.hits.length < result.total
    ? text('cli_search_matches_some_shown', { count: result.total, query, from: offset + 1, to: offset + result.hits.length })
    : text('cli_search_matches', { count: result.total, query });
  printLine(ctx.io.stdout, say(ctx.io, said));
  if (result.facets) printFacets(ctx, result.facets);
  return EXIT_OK;
}

function parseLimit(raw: unknown, usage: string): number {
  if (raw === undefined) return 20;
  const n = Number(raw);
  if (typeof raw !== 'string' || !/^\d+$/.test(raw) || n < 1 || n > 10_000) {
    throw new UsageError(text('cli_search_bad_limit', { given: String(raw) }), usage);
  }
  return n;
}

function parseOffset(raw: unknown, usage: string): number {
  if (raw === undefined) return 0;
  if (typeof raw !== 'string' || !/^\d{1,8}$/.test(raw)) throw new UsageError(text('cli_search_bad_offset', { given: String(raw) }), usage);
  return Number(raw);
}

const SORT_FIELDS: Record<string, SortField> = { relevance: 'relevance', date: 'date', title: 'title', place: 'place', status: 'status', updated: 'updatedAt' };

/** relevance (the default, best first), date, title, place, status or updated; :desc or :asc after it. */
function parseSort(raw: unknown, usage: string): SortOrder | undefined {
  if (raw === undefined) return undefined;
  const m = typeof raw === 'string' ? /^([a-z]+)(?::(asc|desc))?$/.exec(raw.trim().toLowerCase()) : null;
  const field = m ? SORT_FIELDS[m[1]!] : undefined;
  if (!m || !field) throw new UsageError(text('cli_search_bad_sort', { given: String(raw), fields: Object.keys(SORT_FIELDS).join(', ') }), usage);
  return { field, direction: (m[2] as 'asc' | 'desc' | undefined) ?? (field === 'relevance' ? 'desc' : 'asc') };
}

/** Each facet on a line of its own: the filter that narrows to a value, and how many records have it. */
function printFacets(ctx: Parameters<Command['run']>[0], facets: Facets): void {
  const groups = [
    ['facet_status', facets.status],
    ['facet_tags', facets.tags],
    ['facet_place', facets.place],
    ['facet_language', facets.language],
    ['facet_year', facets.year],
  ] as const;
  printLine(ctx.io.stdout);
  for (const [key, group] of groups) {
    const values = group.values.filter((v) => v.count > 0);
    if (values.length === 0) continue;
    const more = group.more ? ` ${say(ctx.io, text('facet_more', { count: group.more }))}` : '';
    printLine(ctx.io.stdout, `${say(ctx.io, text(key))}: ${values.map((v) => `${v.filter} (${v.count})`).join('  ')}${more}`);
  }
}
