// `cairn export --format json --out FILE [--query Q] [--force]`: streams an export into a file
// durably (temp file, fsync, rename), or to stdout with --out -.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { CairnError } from '../../core/errors';
import { writeExportFile } from '../../core/export/write-export-file';
import { EXIT_OK, printJson, printLine, UsageError, writeChunk } from '../cli-io';
import type { Command } from '../command';
import { displayPath, withArchive } from '../open-archive';

const FORMATS = ['json'] as const;

export const exportCommand: Command = {
  name: 'export',
  summary: 'export records as one JSON file (all, or those a query finds)',
  synopsis: '[--format json] [--out FILE|-] [--query Q] [--force]',
  details: `  --format json  the export format (json is the only one yet)
  --out FILE     where to write it (default: a dated file name in the current folder); - for stdout
  --query Q      export only the records this search finds
  --force        replace FILE if it exists`,
  options: { format: { type: 'string' }, out: { type: 'string' }, query: { type: 'string' }, force: { type: 'boolean' } },
  async run(ctx) {
    const format = (ctx.options.format ?? 'json') as string;
    if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format takes ${FORMATS.join(', ')}, not “${format}”.`, ctx.usage);
    const query = typeof ctx.options.query === 'string' ? ctx.options.query : undefined;
    const outOption = typeof ctx.options.out === 'string' ? ctx.options.out : undefined;
    const force = ctx.options.force === true;
    if (outOption === '') throw new UsageError('--out needs a file name.', ctx.usage);
    // Refuse early, before any work, when the target exists.
    if (outOption && outOption !== '-' && !force) await refuseExisting(path.resolve(ctx.io.cwd, outOption));

    return withArchive(ctx, 'read', async (archive) => {
      const output = archive.exportRecords({ format: 'json', query });
      if (outOption === '-') {
        for (const chunk of output.chunks) await writeChunk(ctx.io.stdout, chunk);
        return EXIT_OK;
      }
      const target = path.resolve(ctx.io.cwd, outOption ?? output.fileName);
      const bytes = await writeExportFile(target, output.chunks, { replace: force });
      const shown = displayPath(ctx.io.cwd, target);
      if (ctx.json) printJson(ctx.io.stdout, { out: target, fileName: path.basename(target), count: output.count, bytes });
      else printLine(ctx.io.stdout, `Exported ${output.count} ${output.count === 1 ? 'record' : 'records'} to ${shown} (${formatBytes(bytes)}).`);
      return EXIT_OK;
    });
  },
};

async function refuseExisting(target: string): Promise<void> {
  let st;
  try {
    st = await stat(target);
  } catch {
    return;
  }
  if (st.isDirectory()) throw new CairnError('E_VALIDATION', `${target} is a folder; give --out a file name.`);
  throw new CairnError('E_VALIDATION', `${target} already exists; choose another --out file, or add --force to replace it.`);
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1048576).toFixed(1)} MB`;
}
