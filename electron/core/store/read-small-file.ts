// Reads a small file Cairn keeps in an archive folder (manifest, lock, vocabularies): regular files only, never blocking, never past a limit.
import { constants, type Stats } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import type { LocalText } from '../../contract';
import { text } from '../../common/i18n/text';
import { megabytes } from '../../common/i18n/sizes';
import { CairnError } from '../errors';

/**
 * Reads `abs` (links followed). Anyone who can write the archive folder can put a named pipe, a
 * device or a folder where a file belongs; reading a pipe waits forever for a writer and /dev/zero
 * never ends, so either would hang the open (possibly holding the lock). Those are refused with
 * E_NOT_A_FILE before and after a non-blocking open; more than `limit` bytes is E_TOO_LARGE, checked
 * while reading because stat can be wrong. Other file-system errors (ENOENT…) pass through.
 */
export async function readSmallFile(abs: string, name: string, limit: number): Promise<Buffer> {
  return (await readSmallFileWithStats(abs, name, limit)).bytes;
}

/** As readSmallFile, with the stats of the very file read (its identity: inode, size, mtime). */
export async function readSmallFileWithStats(abs: string, name: string, limit: number): Promise<{ bytes: Buffer; stats: Stats }> {
  // Checked before opening too: opening some devices has effects of its own (a tape rewinds).
  assertRegular(await stat(abs), name);
  const handle: FileHandle = await open(abs, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  try {
    const stats = await handle.stat();
    assertRegular(stats, name);
    if (stats.size > limit) throw new CairnError('E_TOO_LARGE', text('error_file_too_large', { name, size: megabytes(stats.size), limit: megabytes(limit) }));
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1 << 20, limit + 1 - total));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > limit) throw new CairnError('E_TOO_LARGE', text('error_file_grows_too_large', { name, limit: megabytes(limit) }));
      chunks.push(chunk.subarray(0, bytesRead));
    }
    return { bytes: Buffer.concat(chunks, total), stats };
  } finally {
    await handle.close();
  }
}

function assertRegular(st: Stats, name: string): void {
  if (!st.isFile()) throw new CairnError('E_NOT_A_FILE', text('error_not_a_file', { name, kind: kindOf(st) }));
}

function kindOf(st: Stats): LocalText {
  if (st.isFIFO()) return text('file_kind_named_pipe');
  if (st.isSocket()) return text('file_kind_socket');
  if (st.isCharacterDevice()) return text('file_kind_device');
  if (st.isBlockDevice()) return text('file_kind_disk_device');
  if (st.isDirectory()) return text('file_kind_folder');
  return text('file_kind_other');
}
