// File sizes in words ("1.5 MB", "1,5 МБ"), for limits and reports in every door.
import type { LocalText } from '../../contract';
import { text } from './text';

export function megabytes(bytes: number): LocalText {
  return text('size_megabytes', { amount: Math.max(bytes / 1048576, bytes > 0 ? 0.1 : 0) });
}
