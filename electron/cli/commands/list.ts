// `cairn list`: every record's summary, sorted by date (or --sort FIELD, --desc).
import type { SortField } from '../../contract';
import { text } from '../../common/i18n/text';
import { EXIT_OK, printJson, printLine, UsageError, say } from '../cli-io';
import type { Command } from '../command';
import { withArchive } from '../open-archive';
import { shortIdLength } from '../short-id';
import { fit, formatTable } from '../text-table';

const SORT_FIELDS: readonly SortField[] = ['date', 'title', 'place', 'status', 'updatedAt'];

export const listCommand: Command = {
  name: 'list',
  summary: 'cli_list_summary',
  synopsis: '[--sort date|title|place|status|updatedAt] [--desc]',
  details: text('cli_list_details'),
  options: { sort: { type: 'string' }, desc: { type: 'boolean' } },
  async run(ctx) {
    const field = (ctx.options.sort ?? 'date') as SortField;
    if (!SORT_FIELDS.includes(field)) throw new UsageError(text('cli_list_bad_sort', { fields: SORT_FIELDS.join(', '), given: String(field) }), ctx.usage);
    const direction = ctx.options.desc ? 'desc' : 'asc';
    return withArchive(ctx, 'read', async (archive) => {
      const { items } = archive.list({ sort: { field, direction } });
      if (ctx.json) {
        printJson(ctx.io.stdout, items.map((s) => ({ id: s.id, title: s.title, date: s.date, place: s.place, status: s.status, tags: s.tags })));
        return EXIT_OK;
      }
      if (items.length === 0) {
        printLine(ctx.io.stdout, say(ctx.io, text('cli_list_empty')));
        return EXIT_OK;
      }
      const idLength = shortIdLength(items.map((s) => s.id));
      const rows = items.map((s) => [s.id.slice(0, idLength), s.date ?? '', s.status, fit(s.title, 60), fit(s.place, 24), fit(s.tags.join(', '), 60)]);
      const headings = ['cli_column_id', 'cli_column_date', 'cli_column_status', 'cli_column_title', 'cli_column_place', 'cli_column_tags'] as const;
      for (const line of formatTable(headings.map((key) => say(ctx.io, text(key))), rows)) printLine(ctx.io.stdout, line);
      printLine(ctx.io.stdout, say(ctx.io, text('records_count', { count: items.length })));
      return EXIT_OK;
    });
  },
};
