// `cairn export --format json --out FILE [--query Q] [--force]`: streams an export into a file
// durably (temp file, fsync, rename), or to stdout with --out -.
import { open, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { CairnError } from '../../core/errors';
import type { ExportOutput } from '../../core/archive';
import { syncDirectory } from '../../core/store/durable-json-file';
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
      const bytes = await writeExportDurably(target, output, force);
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

/**
 * Streams the chunks into a temp file beside the target, fsyncs it, renames it into place and
 * fsyncs the folder: the target is either the old file or the complete export, never half of one.
 */
export async function writeExportDurably(target: string, output: ExportOutput, force: boolean): Promise<number> {
  const dir = path.dirname(target);
  try {
    if (!(await stat(dir)).isDirectory()) throw new Error('not a folder');
  } catch {
    throw new CairnError('E_NOT_FOUND', `The folder ${dir} does not exist; create it first or choose another --out.`);
  }
  const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.export.tmp`);
  const handle = await open(temp, 'wx');
  let bytes = 0;
  try {
    // Records arrive one chunk each; gather them into ~1 MB writes.
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const flush = async () => {
      if (pendingBytes === 0) return;
      await handle.write(Buffer.concat(pending, pendingBytes));
      pending = [];
      pendingBytes = 0;
    };
    for (const chunk of output.chunks) {
      const buf = Buffer.from(chunk, 'utf8');
      bytes += buf.length;
      pending.push(buf);
      pendingBytes += buf.length;
      if (pendingBytes >= 1 << 20) await flush();
    }
    await flush();
    await handle.sync();
    await handle.close();
    if (!force) await refuseExisting(target);
    await rename(temp, target);
  } catch (e) {
    await handle.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw e;
  }
  await syncDirectory(dir);
  return bytes;
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1048576).toFixed(1)} MB`;
}
