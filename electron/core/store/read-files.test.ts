// Many small files read at once: every file's contents (or its error) in the files' order, whether
// a worker reads them (a large folder) or this thread does (a few).
import { mkdir, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempFolders } from '../testing/fixtures';
import { readFilesInLanes, SETTLED_MS } from './read-files';

const tempFolder = useTempFolders();

describe('readFilesInLanes', () => {
  for (const count of [7, 450]) {
    it(`reads ${count} files in order, each unreadable one with its own error, Cyrillic intact`, async () => {
      const dir = await tempFolder();
      const files: string[] = [];
      for (let i = 0; i < count; i++) {
        const file = path.join(dir, `f${i}.json`);
        if (i % 97 === 3) await mkdir(file);
        else if (i % 89 === 5) {
          // never written: missing
        } else await writeFile(file, `{"n":${i},"t":"Ташкент ${i}"}`);
        files.push(file);
      }
      const read = await readFilesInLanes(files, (file, content) => (typeof content === 'string' ? (JSON.parse(content) as { n: number; t: string }) : { file, code: content.code }));
      expect(read).toHaveLength(count);
      read.forEach((r, i) => {
        if (i % 97 === 3) expect(r).toEqual({ file: files[i], code: 'EISDIR' });
        else if (i % 89 === 5) expect(r).toEqual({ file: files[i], code: 'ENOENT' });
        else expect(r).toEqual({ n: i, t: `Ташкент ${i}` });
      });
    });
  }

  it('gives each file’s key when asked: another once the file is written again, even as long and with its times put back', async () => {
    const dir = await tempFolder();
    const files = Array.from({ length: 300 }, (_, i) => path.join(dir, `f${i}.json`));
    for (const [i, file] of files.entries()) await writeFile(file, `{"n":${i}}`);
    // Whole seconds, so that putting them back below restores them to the nanosecond.
    const whole = Math.floor(Date.now() / 1000) - 60;
    await utimes(files[7]!, whole, whole);
    const keysOf = (settledMs?: number) => readFilesInLanes(files, (_file, content, key) => ({ content, key }), { keys: true, settledMs });
    // Just written: not settled, no keys (a file changed again within its clock's tick could keep its key).
    expect(SETTLED_MS).toBe(3_000);
    expect((await keysOf()).every((r) => r.key === null)).toBe(true);
    const first = await keysOf(0);
    expect(first.every((r) => typeof r.key === 'string' && r.key.startsWith(`${(r.content as string).length}:`))).toBe(true);
    expect((await keysOf(0)).map((r) => r.key)).toEqual(first.map((r) => r.key));
    // f7 changed by hand to as many bytes, its times put back: its change time is not, so its key differs.
    await new Promise((resolve) => setTimeout(resolve, 20));
    await writeFile(files[7]!, '{"n":8}');
    await utimes(files[7]!, whole, whole);
    expect((await stat(files[7]!, { bigint: true })).mtimeNs).toBe(BigInt(whole) * 1_000_000_000n);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const again = await keysOf(0);
    expect(again[7]!.content).toBe('{"n":8}');
    expect(again[7]!.key).toMatch(/^7:/);
    expect(again[7]!.key).not.toBe(first[7]!.key);
    expect(again.filter((r, i) => r.key !== first[i]!.key)).toHaveLength(1);
    // Never asked, or read here (a few files): none.
    expect((await readFilesInLanes(files, (_f, _c, key) => key)).every((k) => k === null)).toBe(true);
    expect((await readFilesInLanes(files.slice(0, 5), (_f, _c, key) => key, { keys: true, settledMs: 0 })).every((k) => k === null)).toBe(true);
  });
});
