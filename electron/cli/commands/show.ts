// `cairn show ID`: one record, metadata then full text (--json: the record exactly as stored).
import type { CairnRecord } from '../../contract';
import { EXIT_OK, printJson, printLine, UsageError } from '../cli-io';
import type { Command } from '../command';
import { resolveRecordId, withArchive } from '../open-archive';

export const showCommand: Command = {
  name: 'show',
  summary: 'show one record: its metadata, then its full text',
  synopsis: 'ID',
  options: {},
  async run(ctx) {
    const [given, ...extra] = ctx.positionals;
    if (!given || extra.length) throw new UsageError(given ? 'show takes one record id.' : 'show needs a record id (see `cairn list`).', ctx.usage);
    return withArchive(ctx, 'read', async (archive) => {
      const record = archive.get(resolveRecordId(archive, given));
      if (ctx.json) printJson(ctx.io.stdout, record);
      else for (const line of describeRecord(record)) printLine(ctx.io.stdout, line);
      return EXIT_OK;
    });
  },
};

/** Metadata as "Label: value" lines, a blank line, then the text as imported. */
export function describeRecord(r: CairnRecord): string[] {
  const proposal = (field: CairnRecord['proposed'][number]) => (r.proposed.includes(field) ? '  (proposed by the importer, not yet confirmed)' : '');
  const rows: [string, string][] = [
    ['Id', r.id],
    ['Title', r.title + proposal('title')],
    ['Date', (r.date ?? '—') + (r.date ? proposal('date') : '')],
    ['Place', (r.place || '—') + (r.place ? proposal('place') : '')],
    ['Identifier', (r.identifier || '—') + (r.identifier ? proposal('identifier') : '')],
    ['Creator', r.creator || '—'],
    ['Language', r.language || '—'],
    ['Status', r.status],
    ['Tags', r.tags.length ? r.tags.join(', ') : '—'],
    ['Source', r.source ? `${r.source.fileName} (${r.source.encoding}, ${r.source.bytes} bytes, sha256 ${r.source.sha256})` : '—'],
    ['Revision', `${r.rev}, updated ${r.updatedAt}, created ${r.createdAt}`],
  ];
  const width = Math.max(...rows.map(([label]) => label.length)) + 1;
  const lines = rows.map(([label, value]) => `${`${label}:`.padEnd(width)} ${value}`);
  if (r.description) lines.push('', 'Description:', r.description);
  lines.push('', r.text.replace(/\r\n?/g, '\n').replace(/\n+$/, ''));
  return lines;
}
