// Whether an archive's folder refuses writing (a read-only disk, a write-protected stick, another user's folder), and why, in words.
import { access, constants } from 'node:fs/promises';

/** Why a failed write means the archive can only be read; null for any other failure. */
export function unwritableReason(error: unknown): string | null {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'EROFS') return 'This archive is on a read-only disk, so it is open for reading only: you can read, search and export, but not change anything.';
  if (code === 'EACCES' || code === 'EPERM') {
    return 'Cairn may not write in this archive’s folder (it is write-protected, or belongs to another user), so it is open for reading only: you can read, search and export, but not change anything.';
  }
  return null;
}

/**
 * Why `root` cannot be written, or null when it can. Asked when taking the lock failed some other way:
 * a lock already in a write-protected folder (left by the machine that wrote the stick) makes the lock
 * fail as "held" before any write is even tried.
 */
export async function folderUnwritableReason(root: string): Promise<string | null> {
  try {
    await access(root, constants.W_OK);
    return null;
  } catch (e) {
    return unwritableReason(e);
  }
}
