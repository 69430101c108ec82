// Reads a file a person named for import: regular files only, without blocking, never past the size limit.
import { constants } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { MAX_IMPORT_FILE_BYTES } from '../../contract';
import { CairnError } from '../errors';

const megabytes = (n: number) => `${(n / 1048576).toFixed(1)} MB`;

/**
 * Reads `abs` (links resolved). Named pipes, sockets, devices and folders are refused before they
 * are opened; the open is non-blocking, so a pipe swapped in meanwhile cannot hang the import (which
 * holds the archive's lock), and the opened handle is checked again.
 * The limit is enforced while reading, because stat cannot be trusted (0 for /proc files, and a file
 * may grow while it is read).
 */
export async function readImportFile(abs: string, name: string, limit = MAX_IMPORT_FILE_BYTES): Promise<Uint8Array> {
  let handle: FileHandle;
  try {
    // Checked before opening too: opening some devices has effects of its own (a tape rewinds, a
    // terminal could become this process's controlling terminal).
    const seen = await stat(abs);
    if (!seen.isFile()) throw new CairnError('E_NOT_A_FILE', `${name} is ${kindOf(seen)}, not a file; there is nothing to import from it.`);
    handle = await open(abs, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (e) {
    throw fileError(e, name);
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) throw new CairnError('E_NOT_A_FILE', `${name} is ${kindOf(st)}, not a file; there is nothing to import from it.`);
    if (st.size > limit) throw tooLarge(name, st.size, limit);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1 << 20, limit + 1 - total));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > limit) throw tooLarge(name, total, limit, true);
      chunks.push(chunk.subarray(0, bytesRead));
    }
    return Buffer.concat(chunks, total);
  } catch (e) {
    throw fileError(e, name);
  } finally {
    await handle.close();
  }
}

function tooLarge(name: string, size: number, limit: number, growing = false): CairnError {
  const what = growing ? `gives more than ${megabytes(limit)} when read` : `is ${megabytes(size)}`;
  return new CairnError('E_TOO_LARGE', `${name} ${what}; the limit is ${megabytes(limit)}.`);
}

function kindOf(st: Stats): string {
  if (st.isFIFO()) return 'a named pipe';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice()) return 'a device (like /dev/zero)';
  if (st.isBlockDevice()) return 'a disk device';
  if (st.isDirectory()) return 'a folder';
  return 'something other than a file';
}

/** File-system errors for a named file, in words: a link loop, a missing file, no permission. */
export function fileError(error: unknown, name: string): unknown {
  if (error instanceof CairnError) return error;
  switch ((error as NodeJS.ErrnoException | null)?.code) {
    case 'ELOOP':
      return new CairnError('E_NOT_A_FILE', `${name} is a symbolic link that leads round in a loop, so there is no file to import.`);
    case 'ENOENT':
      return new CairnError('E_NOT_FOUND', `${name} does not exist (or is a link to a file that does not).`);
    case 'ENOTDIR':
      return new CairnError('E_NOT_FOUND', `${name} does not exist: part of its path is a file, not a folder.`);
    case 'EISDIR':
      return new CairnError('E_NOT_A_FILE', `${name} is a folder, not a file; there is nothing to import from it.`);
    case 'EACCES':
    case 'EPERM':
      return new CairnError('E_IO', `Cairn may not read ${name} (no permission).`);
    default:
      return error;
  }
}
