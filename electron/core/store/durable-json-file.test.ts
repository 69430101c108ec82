// The durable lowdb adapter: round trips, ordered concurrent writes, and no temp files left behind.
import { chmod, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { describe, expect, it } from 'vitest';
import { useTempFolders } from '../testing/fixtures';
import { DurableJSONFile, makeDirectory, writeDurably } from './durable-json-file';

const tempFolder = useTempFolders();

describe('DurableJSONFile', () => {
  it('writes pretty JSON ending in a newline and reads it back', async () => {
    const file = path.join(await tempFolder(), 'data.json');
    const value = { name: 'Jenča', list: [1, 2, 3], nested: { ok: true, none: null } };
    await new DurableJSONFile<typeof value>(file).write(value);
    expect(await readFile(file, 'utf8')).toBe(JSON.stringify(value, null, 2) + '\n');
    expect(await new DurableJSONFile<typeof value>(file).read()).toEqual(value);
  });

  it('reads a missing file as null and refuses a damaged one', async () => {
    const dir = await tempFolder();
    expect(await new DurableJSONFile(path.join(dir, 'missing.json')).read()).toBeNull();
    await writeFile(path.join(dir, 'bad.json'), '{"half":');
    await expect(new DurableJSONFile(path.join(dir, 'bad.json')).read()).rejects.toThrow(SyntaxError);
  });

  it('works as a lowdb adapter', async () => {
    const file = path.join(await tempFolder(), 'db.json');
    const db = new Low<{ n: number }>(new DurableJSONFile(file), { n: 0 });
    db.data.n = 42;
    await db.write();
    const again = new Low<{ n: number }>(new DurableJSONFile(file), { n: 0 });
    await again.read();
    expect(again.data).toEqual({ n: 42 });
  });

  it('ends concurrent writes with the last value and leaves no temp files', async () => {
    const dir = await tempFolder();
    const file = path.join(dir, 'counter.json');
    const adapter = new DurableJSONFile<{ n: number }>(file);
    await Promise.all(Array.from({ length: 50 }, (_, n) => adapter.write({ n })));
    expect(await adapter.read()).toEqual({ n: 49 });
    expect(await readdir(dir)).toEqual(['counter.json']);
  });

  // root may write into read-only folders, so this one only runs as an ordinary user.
  it.skipIf(process.getuid?.() === 0)('leaves the old content and no temp file when the folder is read-only', async () => {
    const dir = await tempFolder();
    const file = path.join(dir, 'kept.json');
    const adapter = new DurableJSONFile<{ v: string }>(file);
    await adapter.write({ v: 'old' });
    await chmod(dir, 0o500);
    try {
      await expect(adapter.write({ v: 'new' })).rejects.toMatchObject({ code: 'EACCES' });
    } finally {
      await chmod(dir, 0o700);
    }
    expect(await adapter.read()).toEqual({ v: 'old' });
    expect(await readdir(dir)).toEqual(['kept.json']);
    // A failed write does not block the next one.
    await adapter.write({ v: 'newer' });
    expect(await adapter.read()).toEqual({ v: 'newer' });
  });
});

describe('writeDurably', () => {
  it('leaves no temp file when the final rename fails', async () => {
    const dir = await tempFolder();
    const target = path.join(dir, 'taken');
    await mkdir(target);
    await writeFile(path.join(target, 'inside.txt'), 'x');
    await expect(writeDurably(target, 'content')).rejects.toMatchObject({ code: expect.stringMatching(/^(EISDIR|ENOTEMPTY|EEXIST|EPERM)$/) });
    expect(await readdir(dir)).toEqual(['taken']);
  });

  it('writes bytes exactly and replaces an existing file whole', async () => {
    const dir = await tempFolder();
    const file = path.join(dir, 'original.bin');
    const bytes = new Uint8Array([0, 1, 2, 250, 255, 0xef, 0xbb, 0xbf]);
    await writeDurably(file, 'a much longer previous content that must not leave a tail');
    await writeDurably(file, bytes);
    expect(new Uint8Array(await readFile(file))).toEqual(bytes);
    expect(await readdir(dir)).toEqual(['original.bin']);
  });

  it('leaves no temp files behind after many concurrent writes to different files', async () => {
    const dir = await tempFolder();
    await Promise.all(Array.from({ length: 30 }, (_, i) => writeDurably(path.join(dir, `f${i}.json`), `{"i":${i}}`)));
    const names = (await readdir(dir)).sort();
    expect(names).toHaveLength(30);
    expect(names.every((n) => /^f\d+\.json$/.test(n))).toBe(true);
  });
});

describe('makeDirectory', () => {
  it('makes a folder and its missing parents, and is quiet when they are there', async () => {
    const root = await tempFolder();
    const deep = path.join(root, 'a', 'b', 'c');
    await Promise.all([makeDirectory(deep), makeDirectory(path.join(root, 'a', 'x'))]);
    expect((await stat(deep)).isDirectory()).toBe(true);
    expect((await stat(path.join(root, 'a', 'x'))).isDirectory()).toBe(true);
    await makeDirectory(deep);
    await writeFile(path.join(deep, 'file.txt'), 'x');
    await expect(makeDirectory(path.join(deep, 'file.txt', 'inside'))).rejects.toThrow(/ENOTDIR/);
    // A failed call does not stop the next one.
    await makeDirectory(path.join(deep, 'd'));
    expect((await stat(path.join(deep, 'd'))).isDirectory()).toBe(true);
  });
});
