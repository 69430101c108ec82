// `cairn show ID`: one record, metadata then full text (--json: the record exactly as stored).
import type { CairnRecord } from '../../contract';
import { text, type MessageKey } from '../../common/i18n/text';
import { formatEdtf } from '../../common/i18n/dates';
import { fileSize } from '../../common/i18n/sizes';
import type { Locale } from '../../common/i18n/locale';
import { languageName } from '../../common/languages';
import { EXIT_OK, printJson, printLine, UsageError, say } from '../cli-io';
import type { Command } from '../command';
import { resolveRecordId, withArchive } from '../open-archive';

export const showCommand: Command = {
  name: 'show',
  summary: 'cli_show_summary',
  synopsis: 'ID',
  options: {},
  async run(ctx) {
    const [given, ...extra] = ctx.positionals;
    if (!given || extra.length) throw new UsageError(given ? text('cli_show_one_id') : text('cli_show_needs_id'), ctx.usage);
    return withArchive(ctx, 'read', async (archive) => {
      const record = archive.get(resolveRecordId(archive, given));
      if (ctx.json) printJson(ctx.io.stdout, record);
      else for (const line of describeRecord(record, ctx.io.locale)) printLine(ctx.io.stdout, line);
      return EXIT_OK;
    });
  },
};

/** Metadata as "Label: value" lines, a blank line, then the text as imported. */
export function describeRecord(r: CairnRecord, locale: Locale = 'en'): string[] {
  const io = { locale };
  const said = (key: MessageKey) => say(io, { key });
  const proposal = (field: CairnRecord['proposed'][number]) => (r.proposed.includes(field) ? `  (${said('cli_show_proposed')})` : '');
  const words = r.date ? formatEdtf(r.date, locale) : '';
  const date = r.date ? `${r.date}${words && words !== r.date ? ` (${words})` : ''}` : '—';
  const rows: [string, string][] = [
    [said('cli_show_id'), r.id],
    [said('field_title'), r.title + proposal('title')],
    [said('field_date'), date + (r.date ? proposal('date') : '')],
    [said('field_place'), (r.place || '—') + (r.place ? proposal('place') : '')],
    [said('field_identifier'), (r.identifier || '—') + (r.identifier ? proposal('identifier') : '')],
    [said('field_creator'), r.creator || '—'],
    [said('field_publisher'), r.publisher || '—'],
    [said('field_type'), r.type || '—'],
    [said('field_language'), (r.language ? `${r.language}${languageName(r.language, locale) ? ` (${languageName(r.language, locale)})` : ''}` : '—') + (r.language ? proposal('language') : '')],
    [said('field_derived_from'), r.derivedFrom || '—'],
    [said('field_rights'), r.rights || '—'],
    [said('field_status'), r.status],
    [said('tags_label'), r.tags.length ? r.tags.join(', ') : '—'],
    [said('details_source'), r.source ? say(io, text('cli_show_source', { file: r.source.fileName, encoding: r.source.encoding, size: fileSize(r.source.bytes), sha256: r.source.sha256 })) : '—'],
    [said('cli_show_revision'), say(io, text('cli_show_revision_value', { rev: String(r.rev), updated: r.updatedAt, created: r.createdAt }))],
  ];
  const width = Math.max(...rows.map(([label]) => label.length)) + 1;
  const lines = rows.map(([label, value]) => `${`${label}:`.padEnd(width)} ${value}`);
  if (r.description) lines.push('', `${said('field_description')}:`, r.description);
  lines.push('', r.text.replace(/\r\n?/g, '\n').replace(/\n+$/, ''));
  return lines;
}
