// `cairn export --format json --out FILE [--query Q] [--force]`: streams an export into a file
// durably (temp file, fsync, rename), or to stdout with --out -.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { text } from '../../common/i18n/text';
import { fileSize } from '../../common/i18n/sizes';
import { CairnError } from '../../core/errors';
import { writeExportFile } from '../../core/export/write-export-file';
import { checkQuery, EXIT_OK, printJson, printLine, UsageError, writeChunk, say } from '../cli-io';
import type { Command } from '../command';
import { displayPath, withArchive } from '../open-archive';

const FORMATS = ['json'] as const;

export const exportCommand: Command = {
  name: 'export',
  summary: 'cli_export_summary',
  synopsis: '[--format json] [--out FILE|-] [--query Q] [--force]',
  details: text('cli_export_details'),
  options: { format: { type: 'string' }, out: { type: 'string' }, query: { type: 'string' }, force: { type: 'boolean' } },
  async run(ctx) {
    const format = (ctx.options.format ?? 'json') as string;
    if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(text('cli_export_bad_format', { formats: FORMATS.join(', '), given: format }), ctx.usage);
    const query = typeof ctx.options.query === 'string' ? ctx.options.query : undefined;
    checkQuery(query);
    const outOption = typeof ctx.options.out === 'string' ? ctx.options.out : undefined;
    const force = ctx.options.force === true;
    if (outOption === '') throw new UsageError(text('cli_export_out_needs_name'), ctx.usage);
    // Refuse early, before any work, when the target exists.
    if (outOption && outOption !== '-' && !force) await refuseExisting(path.resolve(ctx.io.cwd, outOption));

    return withArchive(ctx, 'read', async (archive) => {
      const output = archive.exportRecords({ format: 'json', query });
      if (outOption === '-') {
        for await (const chunk of output.chunks) await writeChunk(ctx.io.stdout, chunk);
        return EXIT_OK;
      }
      const target = path.resolve(ctx.io.cwd, outOption ?? output.fileName);
      const bytes = await writeExportFile(target, output.chunks, { replace: force });
      const shown = displayPath(ctx.io.cwd, target);
      if (ctx.json) printJson(ctx.io.stdout, { out: target, fileName: path.basename(target), count: output.count, bytes });
      else printLine(ctx.io.stdout, say(ctx.io, text('cli_exported', { count: output.count, target: shown, size: fileSize(bytes) })));
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

