// File sizes in words ("412 bytes", "4.2 KB", "1,5 МБ"), for limits, reports and the details pane in every door.
import type { LocalText } from '../../contract';
import { text } from './text';

export function megabytes(bytes: number): LocalText {
  return text('size_megabytes', { amount: Math.max(bytes / 1048576, bytes > 0 ? 0.1 : 0) });
}

/** A file's size in the unit that reads best: bytes, KB or MB. */
export function fileSize(bytes: number): LocalText {
  if (bytes < 1024) return text('size_bytes', { count: bytes });
  if (bytes < 1024 * 1024) return text('size_kilobytes', { amount: bytes / 1024 });
  return megabytes(bytes);
}
