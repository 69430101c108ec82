// Whether an archive's folder refuses writing (a read-only disk, a write-protected stick, another user's folder), and why, in words.
import { access, constants } from 'node:fs/promises';
import type { LocalText } from '../../contract';
import { text } from '../../common/i18n/text';

/** Why a failed write means the archive can only be read; null for any other failure. */
export function unwritableReason(error: unknown): LocalText | null {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'EROFS') return text('archive_read_only_disk');
  if (code === 'EACCES' || code === 'EPERM') return text('archive_folder_write_protected');
  return null;
}

/**
 * Why `root` cannot be written, or null when it can. Asked when taking the lock failed some other way:
 * a lock already in a write-protected folder (left by the machine that wrote the stick) makes the lock
 * fail as "held" before any write is even tried.
 */
export async function folderUnwritableReason(root: string): Promise<LocalText | null> {
  try {
    await access(root, constants.W_OK);
    return null;
  } catch (e) {
    return unwritableReason(e);
  }
}
