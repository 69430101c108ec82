// `cairn export --format json|jsonl|csv|dc|annotations|bagit [--zip] [--query Q] [--out PATH]`:
// the same export as the window's Export dialog (core/export), written whole or not at all under
// a hidden temp name, or streamed to stdout with --out - (single-file formats).
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { CSV_FIELDS, EXPORT_FORMATS, type CsvField, type ExportFormat } from '../../contract';
import { text } from '../../common/i18n/text';
import { fileSize } from '../../common/i18n/sizes';
import { CairnError } from '../../core/errors';
import { Jobs, type JobControl } from '../../core/jobs/jobs';
import { exportChunks, settle } from '../../core/export/run-export';
import { startExport } from '../../core/export/start-export';
import { checkQuery, EXIT_OK, printJson, printLine, UsageError, writeChunk, say } from '../cli-io';
import type { Command } from '../command';
import { displayPath, withArchive } from '../open-archive';

export const exportCommand: Command = {
  name: 'export',
  summary: 'cli_export_summary',
  synopsis: '--format json|jsonl|csv|dc|annotations|bagit [--zip] [--query Q] [--out PATH|-] [--force]',
  details: text('cli_export_details', { fields: CSV_FIELDS.join(', ') }),
  options: {
    format: { type: 'string' },
    out: { type: 'string' },
    query: { type: 'string' },
    force: { type: 'boolean' },
    zip: { type: 'boolean' },
    fields: { type: 'string' },
    notes: { type: 'boolean' },
    'without-names': { type: 'boolean' },
    history: { type: 'boolean' },
    'without-originals': { type: 'boolean' },
    bom: { type: 'boolean' },
    'exported-at': { type: 'string' },
    organization: { type: 'string' },
  },
  async run(ctx) {
    const o = ctx.options;
    const format = (o.format ?? 'json') as string;
    if (!(EXPORT_FORMATS as readonly string[]).includes(format)) throw new UsageError(text('cli_export_bad_format', { formats: EXPORT_FORMATS.join(', '), given: format }), ctx.usage);
    const query = typeof o.query === 'string' ? o.query : undefined;
    checkQuery(query);
    const fields = typeof o.fields === 'string' ? o.fields.split(',').map((f) => f.trim()).filter(Boolean) : undefined;
    const unknown = fields?.find((f) => !(CSV_FIELDS as readonly string[]).includes(f));
    if (unknown !== undefined) throw new UsageError(text('cli_export_bad_field', { given: unknown, fields: CSV_FIELDS.join(', ') }), ctx.usage);
    const exportedAt = typeof o['exported-at'] === 'string' ? o['exported-at'] : undefined;
    if (exportedAt !== undefined && (Number.isNaN(Date.parse(exportedAt)) || !/^\d{4}-\d{2}-\d{2}T/.test(exportedAt))) throw new UsageError(text('cli_export_bad_time', { given: exportedAt }), ctx.usage);
    if (o.zip === true && format !== 'bagit') throw new UsageError(text('cli_export_zip_needs_bag'), ctx.usage);
    const options = {
      format: format as ExportFormat,
      query,
      fields: fields as CsvField[] | undefined,
      includeNotes: o.notes === true,
      includeNames: o['without-names'] !== true,
      includeHistory: o.history === true,
      includeOriginals: o['without-originals'] !== true,
      csvBom: o.bom === true,
      zip: o.zip === true,
      exportedAt: exportedAt === undefined ? undefined : new Date(exportedAt).toISOString(),
      organization: typeof o.organization === 'string' ? o.organization : undefined,
    };
    const outOption = typeof o.out === 'string' ? o.out : undefined;
    const force = o.force === true;
    if (outOption === '') throw new UsageError(text('cli_export_out_needs_name'), ctx.usage);
    if (outOption === '-' && format === 'bagit') throw new UsageError(text('export_bag_needs_folder'), ctx.usage);
    // Refuse early, before any work, when the target exists.
    if (outOption && outOption !== '-' && !force) await refuseExisting(path.resolve(ctx.io.cwd, outOption));

    return withArchive(ctx, 'read', async (archive) => {
      if (outOption === '-') {
        const source = archive.exportSource({ query });
        const control: JobControl = { signal: new AbortController().signal, progress: () => undefined, checkCancelled: () => undefined };
        for await (const chunk of exportChunks(source, settle(options, source.archive.name, new Date()), control)) {
          await writeChunk(ctx.io.stdout, typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
        }
        return EXIT_OK;
      }
      const target = outOption ? path.resolve(ctx.io.cwd, outOption) : undefined;
      const jobs = new Jobs();
      const started = await startExport(archive, jobs, {
        ...options,
        folder: target ? path.dirname(target) : ctx.io.cwd,
        name: target ? path.basename(target) : undefined,
        replace: force,
      });
      // Ctrl+C stops the export cleanly: its temp file or folder is removed, nothing half-made is left.
      const interrupt = () => jobs.cancel(started.job);
      process.once('SIGINT', interrupt);
      const end = await jobs.settled(started.job).finally(() => process.removeListener('SIGINT', interrupt));
      if (end.state === 'cancelled') throw new CairnError('E_VALIDATION', text('export_cancelled'));
      if (end.state === 'failed' || !end.result) throw Object.assign(new CairnError(end.error?.code ?? 'E_INTERNAL', end.error?.text ?? text('export_failed', { reason: end.error?.message ?? '' })));
      const result = end.result;
      const shown = displayPath(ctx.io.cwd, result.target);
      if (ctx.json) printJson(ctx.io.stdout, { out: result.target, fileName: path.basename(result.target), format: result.format, count: result.count, bytes: result.bytes, files: result.files ?? 1, annotations: result.annotations });
      else printLine(ctx.io.stdout, say(ctx.io, text('cli_exported', { count: result.count, target: shown, size: fileSize(result.bytes) })));
      return EXIT_OK;
    }, { search: query !== undefined });
  },
};

async function refuseExisting(target: string): Promise<void> {
  let st;
  try {
    st = await stat(target);
  } catch {
    return;
  }
  if (st.isDirectory()) throw new CairnError('E_VALIDATION', text('cli_out_is_folder', { target }));
  throw new CairnError('E_VALIDATION', text('cli_out_exists', { target }));
}
