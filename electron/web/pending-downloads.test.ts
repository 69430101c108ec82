// Pending web-mode downloads: written chunk by chunk, served once, and never left behind on disk.
import { existsSync } from 'node:fs';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { PendingDownloads } from './pending-downloads';

const output = (parts: string[]) => ({ fileName: 'export.json', count: parts.length, chunks: parts });

describe('PendingDownloads', () => {
  it('stores an export as it is generated, counts its bytes, serves it once and deletes it', async () => {
    const downloads = new PendingDownloads();
    const { token, bytes } = await downloads.add(output(['{"records":[', '"Jenča"', ']}']));
    expect(bytes).toBe(Buffer.byteLength('{"records":["Jenča"]}'));

    const item = (await downloads.peek(token))!;
    expect(existsSync(item.file)).toBe(true);
    expect(await downloads.peek(token)).not.toBeNull(); // peeking (HEAD) does not use it up
    expect(await text(downloads.take(token, item))).toBe('{"records":["Jenča"]}');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(existsSync(item.file)).toBe(false);
    expect(await downloads.peek(token)).toBeNull();
    await downloads.removeAll();
  });

  it('leaves no file behind when the export fails half-way, or when the server closes', async () => {
    const downloads = new PendingDownloads();
    function* failing() {
      yield '{"records":[';
      throw new Error('disk went away');
    }
    await expect(downloads.add({ fileName: 'x.json', count: 1, chunks: failing() })).rejects.toThrow('disk went away');
    const { token } = await downloads.add(output(['{}']));
    const file = (await downloads.peek(token))!.file;
    await downloads.removeAll();
    expect(existsSync(file)).toBe(false);
    expect(await downloads.peek(token)).toBeNull();
  });
});
