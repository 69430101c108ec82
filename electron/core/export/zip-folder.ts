// A bag delivered as one .zip (fflate): every file under one top folder named like the bag, in a
// fixed order with a fixed time, so that the same bag always gives the same bytes.
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { Zip, ZipDeflate } from 'fflate';
import { stat } from 'node:fs/promises';
import { text } from '../../common/i18n/text';
import { fileSize } from '../../common/i18n/sizes';
import { CairnError } from '../errors';
import { streamToFile } from './write-export-file';

/** Sizes and offsets in a zip without Zip64 records are 32-bit. */
const ZIP32_LIMIT = 0xffffffff;

/**
 * A zip stores local wall-clock time, and fflate reads it with the local-time getters: shifted by
 * this machine's offset, the zip holds the export's UTC time whatever the time zone, and so the same
 * bytes everywhere. Zip times start in 1980.
 */
function zipTime(when: Date): Date {
  const t = Math.max(when.getTime(), Date.UTC(1980, 0, 1, 12));
  const shifted = new Date(t);
  return new Date(t + shifted.getTimezoneOffset() * 60_000);
}
import { listFiles } from './bagit';

/** Zips `dir` into `file` (which must not exist) as `top/…`; returns the zip's size. */
export async function zipFolder(dir: string, file: string, top: string, mtime: Date, onFile?: (rel: string) => void): Promise<number> {
  const files = await listFiles(dir);
  // fflate writes no Zip64 records: past 4 GiB a zip would be damaged, so such a bag stays a folder.
  let total = 0;
  for (const rel of files) total += (await stat(path.join(dir, ...rel.split('/')))).size;
  if (total >= ZIP32_LIMIT) throw new CairnError('E_TOO_LARGE', text('export_zip_too_large', { size: fileSize(total) }));
  const when = zipTime(mtime);
  const queue: Uint8Array[] = [];
  const waiting: { wake: (() => void) | null } = { wake: null };
  let finished = false;
  let failure: unknown = null;
  let stopped = false;
  const zip = new Zip((err, chunk, final) => {
    if (err) failure = err;
    else queue.push(chunk);
    if (final || err) finished = true;
    waiting.wake?.();
  });
  // The zip's chunks, as fflate makes them, handed to the file writer as they come.
  async function* output(): AsyncGenerator<Uint8Array> {
    for (;;) {
      while (queue.length > 0) yield queue.shift()!;
      if (failure) throw failure instanceof Error ? failure : new Error(String(failure));
      if (finished) return;
      await new Promise<void>((resolve) => (waiting.wake = resolve));
      waiting.wake = null;
    }
  }
  const feeding = (async () => {
    try {
      for (const rel of files) {
        onFile?.(rel);
        const entry = new ZipDeflate(`${top}/${rel}`, { level: 6 });
        entry.mtime = when;
        zip.add(entry);
        for await (const chunk of createReadStream(path.join(dir, ...rel.split('/'))) as AsyncIterable<Buffer>) {
          entry.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          // Let the writer catch up: fflate calls back synchronously, the disk does not.
          while (queue.length > 8 && !stopped) await new Promise((resolve) => setImmediate(resolve));
          if (stopped) return;
        }
        entry.push(new Uint8Array(0), true);
      }
      zip.end();
    } catch (e) {
      failure = e;
      finished = true;
      waiting.wake?.();
    }
  })();
  try {
    const written = await streamToFile(file, output(), true);
    return written.bytes;
  } finally {
    stopped = true;
    await feeding;
  }
}
