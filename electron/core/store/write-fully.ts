// A write(2) may take fewer bytes than it was given (a disk filling up takes what fits) without
// failing, and FileHandle.write passes that on. Every byte or an error: this writes the rest until the
// disk either takes it or says why not (ENOSPC), so nothing is ever acknowledged half-written.
import type { FileHandle } from 'node:fs/promises';

/** Writes all of `data` at `position` (or at the current position when null); throws if the disk refuses any of it. */
export async function writeFully(handle: FileHandle, data: Buffer | string, position: number | null = null): Promise<void> {
  const buffer = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let done = 0;
  while (done < buffer.length) {
    const { bytesWritten } = await handle.write(buffer, done, buffer.length - done, position === null ? null : position + done);
    if (bytesWritten === 0) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
    done += bytesWritten;
  }
}
