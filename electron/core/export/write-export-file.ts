// Writes an export's chunks to a file: the target ends up either as it was or complete, never half-written.
import { open, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { text } from '../../common/i18n/text';
import { CairnError } from '../errors';
import { syncDirectory } from '../store/durable-json-file';
import { writeFully } from '../store/write-fully';

export interface WriteExportOptions {
  /** Replace an existing file (the person already agreed, e.g. in a save dialog). */
  replace: boolean;
  /** fsync the file and its folder before returning (default); off for throw-away temp files. */
  durable?: boolean;
}

/**
 * Streams the chunks into a temp file beside the target in ~1 MB writes, then renames it into
 * place (after fsync, unless `durable` is false). Returns the number of bytes written.
 */
export async function writeExportFile(target: string, chunks: Iterable<string>, options: WriteExportOptions): Promise<number> {
  const durable = options.durable ?? true;
  const dir = path.dirname(target);
  try {
    if (!(await stat(dir)).isDirectory()) throw new Error('not a folder');
  } catch {
    throw new CairnError('E_NOT_FOUND', text('export_folder_missing', { dir }));
  }
  const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.export.tmp`);
  const handle = await open(temp, 'wx', 0o644);
  let bytes = 0;
  try {
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const flush = async () => {
      if (pendingBytes === 0) return;
      await writeFully(handle, Buffer.concat(pending, pendingBytes));
      pending = [];
      pendingBytes = 0;
    };
    for (const chunk of chunks) {
      const buffer = Buffer.from(chunk, 'utf8');
      bytes += buffer.length;
      pending.push(buffer);
      pendingBytes += buffer.length;
      if (pendingBytes >= 1 << 20) await flush();
    }
    await flush();
    if (durable) await handle.sync();
    await handle.close();
    if (!options.replace && (await exists(target))) {
      throw new CairnError('E_VALIDATION', text('export_target_exists', { target }));
    }
    await rename(temp, target);
  } catch (e) {
    await handle.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw e;
  }
  if (durable) await syncDirectory(dir);
  return bytes;
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}
