// `cairn bulk --query Q | --all [--add-tag T]… [--remove-tag T]… [--set FIELD=VALUE]… [--comment C]`: one
// change to every record a search finds, as one operation (one `cairn undo`), the count said first
// and after. A query that finds nothing, or no change asked, changes nothing and says so.
import { BULK_FIELDS, type BulkChanges } from '../../contract';
import { text } from '../../common/i18n/text';
import { CairnError } from '../../core/errors';
import { validateArgs } from '../../core/schemas';
import { checkQuery, EXIT_OK, printJson, printLine, QueryError, UsageError, say } from '../cli-io';
import type { Command } from '../command';
import { withArchive } from '../open-archive';
import { parseAssignments } from './edit-record';

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : typeof value === 'string' ? [value] : []);

export const bulkCommand: Command = {
  name: 'bulk',
  summary: 'cli_bulk_summary',
  synopsis: '--query Q | --all [--add-tag T]… [--remove-tag T]… [--set FIELD=VALUE]… [--comment TEXT]',
  details: text('cli_bulk_details', { fields: [...BULK_FIELDS, 'status'].join(', ') }),
  options: {
    query: { type: 'string' },
    all: { type: 'boolean' },
    'add-tag': { type: 'string', multiple: true },
    'remove-tag': { type: 'string', multiple: true },
    set: { type: 'string', multiple: true },
    comment: { type: 'string' },
  },
  async run(ctx) {
    const query = typeof ctx.options.query === 'string' ? ctx.options.query.trim() : '';
    const all = ctx.options.all === true;
    if (!query === !all) throw new UsageError(text('cli_bulk_needs_query'), ctx.usage);
    if (ctx.positionals.length > 0) throw new UsageError(text('cli_bulk_no_positionals', { given: ctx.positionals.join(' ') }), ctx.usage);
    const addTags = strings(ctx.options['add-tag']);
    const removeTags = strings(ctx.options['remove-tag']);
    const assignments = parseAssignments(strings(ctx.options.set), ctx.usage);
    const settable: readonly string[] = [...BULK_FIELDS, 'status'];
    for (const field of Object.keys(assignments)) {
      if (!settable.includes(field)) throw new UsageError(text('cli_bulk_no_field', { field, fields: settable.join(', ') }), ctx.usage);
    }
    const changes: BulkChanges = { ...assignments, ...(addTags.length ? { addTags } : {}), ...(removeTags.length ? { removeTags } : {}) };
    if (Object.keys(changes).length === 0) throw new UsageError(text('cli_bulk_needs_change'), ctx.usage);
    if (query) checkQuery(query);
    const comment = typeof ctx.options.comment === 'string' ? ctx.options.comment : undefined;
    return withArchive(
      ctx,
      'write',
      async (archive) => {
        const found = archive.list(query ? { query } : {});
        if (found.problem) throw new QueryError(found.problem, query);
        if (found.items.length === 0) throw new CairnError('E_VALIDATION', query ? text('cli_bulk_nothing_found', { query }) : text('cli_bulk_empty_archive'));
        if (!ctx.json) printLine(ctx.io.stderr, say(ctx.io, query ? text('cli_bulk_found', { count: found.items.length, query }) : text('cli_bulk_found_all', { count: found.items.length })));
        // The same schema every door validates with, then the one bulk change (one operation).
        const args = validateArgs('records.updateMany', { ids: found.items.map((s) => s.id), changes, ...(comment ? { comment } : {}) });
        const result = await archive.updateMany(args);
        if (ctx.json) printJson(ctx.io.stdout, { matched: found.items.length, ...result });
        else printLine(ctx.io.stdout, say(ctx.io, result.changed === 0 ? text('cli_bulk_unchanged', { count: result.unchanged }) : text('cli_bulk_done', { count: result.changed, unchanged: result.unchanged })));
        return EXIT_OK;
      },
      { search: query !== '' },
    );
  },
};
