// `cairn list`: every record's summary, sorted by date (or --sort FIELD, --desc).
import type { SortField } from '../../contract';
import { EXIT_OK, printJson, printLine, UsageError } from '../cli-io';
import type { Command } from '../command';
import { withArchive } from '../open-archive';
import { shortIdLength } from '../short-id';
import { fit, formatTable } from '../text-table';

const SORT_FIELDS: readonly SortField[] = ['date', 'title', 'place', 'status', 'updatedAt'];

export const listCommand: Command = {
  name: 'list',
  summary: 'list the records (id, date, status, title, place, tags)',
  synopsis: '[--sort date|title|place|status|updatedAt] [--desc]',
  details: `  --sort FIELD  order by date (default), title, place, status or updatedAt
  --desc        reverse the order`,
  options: { sort: { type: 'string' }, desc: { type: 'boolean' } },
  async run(ctx) {
    const field = (ctx.options.sort ?? 'date') as SortField;
    if (!SORT_FIELDS.includes(field)) throw new UsageError(`--sort takes one of ${SORT_FIELDS.join(', ')}, not “${String(field)}”.`, ctx.usage);
    const direction = ctx.options.desc ? 'desc' : 'asc';
    return withArchive(ctx, 'read', async (archive) => {
      const { items } = archive.list({ sort: { field, direction } });
      if (ctx.json) {
        printJson(ctx.io.stdout, items.map((s) => ({ id: s.id, title: s.title, date: s.date, place: s.place, status: s.status, tags: s.tags })));
        return EXIT_OK;
      }
      if (items.length === 0) {
        printLine(ctx.io.stdout, 'The archive has no records yet. Add some with `cairn import PATH…`.');
        return EXIT_OK;
      }
      const idLength = shortIdLength(items.map((s) => s.id));
      const rows = items.map((s) => [s.id.slice(0, idLength), s.date ?? '', s.status, fit(s.title, 60), fit(s.place, 24), fit(s.tags.join(', '), 60)]);
      for (const line of formatTable(['ID', 'DATE', 'STATUS', 'TITLE', 'PLACE', 'TAGS'], rows)) printLine(ctx.io.stdout, line);
      printLine(ctx.io.stdout, `${items.length} ${items.length === 1 ? 'record' : 'records'}`);
      return EXIT_OK;
    });
  },
};
