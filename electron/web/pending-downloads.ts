// Web-mode exports waiting to be downloaded: streamed to a temp file, served once, then deleted.
import { mkdtemp, rm, stat, unlink } from 'node:fs/promises';
import { createReadStream, type ReadStream } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ExportOutput } from '../core/archive';
import { writeExportFile } from '../core/export/write-export-file';

const TTL_MS = 5 * 60 * 1000;

interface Pending {
  file: string;
  fileName: string;
  bytes: number;
  expires: number;
}

/** An export of 20,000 records is ~170 MB: it goes to disk chunk by chunk, never into one string. */
export class PendingDownloads {
  #dir: Promise<string> | null = null;
  #items = new Map<string, Pending>();

  async add(output: ExportOutput): Promise<{ token: string; bytes: number }> {
    await this.#sweep();
    this.#dir ??= mkdtemp(path.join(tmpdir(), 'cairn-downloads-'));
    const token = randomBytes(18).toString('base64url');
    const file = path.join(await this.#dir, `${token}.json`);
    // A throw-away file in a private temp folder: no fsync needed.
    const bytes = await writeExportFile(file, output.chunks, { replace: false, durable: false });
    this.#items.set(token, { file, fileName: output.fileName, bytes, expires: Date.now() + TTL_MS });
    return { token, bytes };
  }

  /** The download for `token`, if it is still there; `consume` makes this its one use. */
  async peek(token: string): Promise<Pending | null> {
    const item = this.#items.get(token);
    if (!item || item.expires < Date.now()) return null;
    return (await stat(item.file).catch(() => null)) ? item : null;
  }

  /** Streams the file and deletes it once sent (or once the connection is gone). */
  take(token: string, item: Pending): ReadStream {
    this.#items.delete(token);
    const stream = createReadStream(item.file);
    stream.once('close', () => void unlink(item.file).catch(() => undefined));
    return stream;
  }

  async removeAll(): Promise<void> {
    this.#items.clear();
    if (this.#dir) await rm(await this.#dir, { recursive: true, force: true });
    this.#dir = null;
  }

  async #sweep(): Promise<void> {
    const now = Date.now();
    for (const [token, item] of this.#items) {
      if (item.expires < now) {
        this.#items.delete(token);
        await unlink(item.file).catch(() => undefined);
      }
    }
  }
}
