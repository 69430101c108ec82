// Writes an export's chunks to a file: the target ends up either as it was or complete, never half-written.
import { createHash, randomBytes } from 'node:crypto';
import { open, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { text } from '../../common/i18n/text';
import { CairnError } from '../errors';
import { syncDirectory } from '../store/durable-json-file';
import { writeFully } from '../store/write-fully';

export type Chunks = Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>;

export interface WriteExportOptions {
  /** Replace an existing file (the person already agreed, e.g. in a save dialog). */
  replace: boolean;
  /** fsync the file and its folder before returning (default); off for throw-away temp files. */
  durable?: boolean;
}

export interface Written {
  bytes: number;
  /** SHA-256 of what was written, hex. */
  sha256: string;
}

/**
 * Streams chunks into a new file (which must not exist) in ~1 MB writes, hashing them on the way;
 * fsyncs it when durable. A failure removes the part written.
 */
export async function streamToFile(file: string, chunks: Chunks, durable: boolean): Promise<Written> {
  const handle = await open(file, 'wx', 0o644);
  const hash = createHash('sha256');
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
    for await (const chunk of chunks) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      hash.update(buffer);
      bytes += buffer.length;
      pending.push(buffer);
      pendingBytes += buffer.length;
      if (pendingBytes >= 1 << 20) await flush();
    }
    await flush();
    if (durable) await handle.sync();
    await handle.close();
  } catch (e) {
    await handle.close().catch(() => undefined);
    await unlink(file).catch(() => undefined);
    throw e;
  }
  return { bytes, sha256: hash.digest('hex') };
}

/**
 * Streams the chunks into a temp file beside the target, then renames it into place (after fsync,
 * unless `durable` is false). Returns the bytes written and their SHA-256.
 */
export async function writeExportFile(target: string, chunks: Chunks, options: WriteExportOptions): Promise<Written> {
  const durable = options.durable ?? true;
  const dir = path.dirname(target);
  try {
    if (!(await stat(dir)).isDirectory()) throw new Error('not a folder');
  } catch {
    throw new CairnError('E_NOT_FOUND', text('export_folder_missing', { dir }));
  }
  // A hidden name that does not look like the export: an interrupted export leaves nothing that looks complete.
  const temp = path.join(dir, `.${path.basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.export.tmp`);
  const written = await streamToFile(temp, chunks, durable);
  try {
    if (!options.replace && (await exists(target))) {
      throw new CairnError('E_VALIDATION', text('export_target_exists', { target }));
    }
    await rename(temp, target);
  } catch (e) {
    await unlink(temp).catch(() => undefined);
    throw e;
  }
  if (durable) await syncDirectory(dir);
  return written;
}

export async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}
