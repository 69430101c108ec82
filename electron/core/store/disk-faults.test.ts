// Failing disks, for real: a small tmpfs filled up, a read-only bind mount switched on under an open
// archive, and the archive folder renamed away (a pulled stick). Each save fails with a clear error,
// nothing already saved is damaged, reading goes on, and the same save succeeds once the disk is back.
import { open, readdir, rename, stat, truncate, unlink } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Archive } from '../archive';
import { toErrorShape } from '../errors';
import { bindMount, mountingUnavailable, smallDisk } from '../testing/disk-faults';
import { createArchiveFolder } from './archive-folder';
import { listTree, readSampleFiles, useTempFolders } from '../testing/fixtures';

const tempFolder = useTempFolders();
const app = 'Cairn (test)';
const unavailable = mountingUnavailable();
const skipped = unavailable ? ` (skipped: ${unavailable})` : '';
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const undo = cleanups.splice(0).reverse(); undo.length; ) undo.shift()!();
});

/** Fills the disk that holds `dir` until it refuses another byte; returns the filler file. */
async function fillDisk(dir: string): Promise<string> {
  const file = path.join(dir, 'filler.bin');
  const handle = await open(file, 'w');
  try {
    for (const size of [1 << 16, 1 << 12, 1 << 9, 1]) {
      const chunk = Buffer.alloc(size, 7);
      for (;;) {
        try {
          const { bytesWritten } = await handle.write(chunk);
          if (bytesWritten < size) break;
        } catch {
          break;
        }
      }
    }
  } finally {
    await handle.close();
  }
  return file;
}

const saveError = (e: unknown) => toErrorShape(e);
const tempFilesIn = async (root: string) => (await listTree(root)).filter((f) => /\.tmp|~$/.test(f));

describe.skipIf(unavailable !== null)(`a full disk${skipped}`, () => {
  it('refuses a save with "the disk is full" at every fill level, damages nothing saved, keeps reading, and takes the save once there is room', { timeout: 120_000 }, async () => {
    const disk = smallDisk(4 << 20);
    cleanups.push(disk.remove);
    const root = path.join(disk.dir, 'archive');
    const archive = await Archive.create(root, { app, person: 'Aigerim Bekova' });
    await archive.importFiles(await readSampleFiles(), { entities: false });
    const id = archive.list().items[0]!.id;
    const filler = await fillDisk(disk.dir);
    const full = (await stat(filler)).size;

    let saved = '';
    let refused = 0;
    // Leave 0, 1, 2 … pages free: each save is cut at another point (the log line, the temp file, its fsync, the rename).
    for (let pages = 0; pages <= 14; pages++) {
      await truncate(filler, Math.max(0, full - pages * 4096));
      const description = `Summary written with ${pages} pages free. ${'Notes from the field office. '.repeat(120)}`;
      try {
        await archive.update({ id, changes: { description } });
        saved = description;
      } catch (e) {
        refused++;
        expect(saveError(e)).toMatchObject({ code: 'E_IO', text: { key: 'error_disk_full' } });
        expect(saveError(e).message).toMatch(/disk is full/i);
      }
      // Reading goes on, and shows what was saved last.
      expect(archive.get(id).description).toBe(saved);
      expect(archive.list().items).toHaveLength(5);
      expect(archive.search('Ashgabat', 5).hits.length).toBeGreaterThan(0);
      // Full again for the next level.
      await truncate(filler, full);
    }
    expect(refused).toBeGreaterThan(3);

    // An import is refused whole too: no original without its record.
    const report = await archive.importFiles([{ name: 'new.txt', bytes: Buffer.from('A report that arrives while the disk is full.\n'.repeat(200)) }]);
    expect(report.failed).toEqual([expect.objectContaining({ code: 'E_IO', text: expect.objectContaining({ key: 'error_disk_full' }) as unknown })]);

    // Work can go on elsewhere meanwhile: a copy on another disk takes the save.
    const elsewhere = path.join(await tempFolder(), 'copy on another disk');
    await archive.copyTo(elsewhere);
    const copy = await Archive.open(elsewhere, { app });
    await copy.update({ id, changes: { description: 'Saved in the copy.' } });
    expect(copy.info().problems).toEqual([]);
    await copy.close();

    await unlink(filler);
    // Room again: the same save goes through, and nothing before it was damaged.
    await archive.update({ id, changes: { description: 'Saved once there was room.' } });
    expect((await archive.importFiles([{ name: 'new.txt', bytes: Buffer.from('A report that arrives while the disk is full.\n'.repeat(200)) }])).imported).toHaveLength(1);
    await archive.close();
    expect(await tempFilesIn(root)).toEqual([]);
    const reopened = await Archive.open(root, { app });
    expect(reopened.info()).toMatchObject({ problems: [], recordCount: 6 });
    expect(reopened.get(id).description).toBe('Saved once there was room.');
    const history = (await reopened.history(id)).entries.filter((e) => e.field === 'description');
    expect(history.at(-1)?.after ?? history[0]?.after).toBeDefined();
    expect((await reopened.verify()).findings).toEqual([]);
    await reopened.close();
  });
});

describe.skipIf(unavailable !== null)(`a disk that turns read-only under an open archive${skipped}`, () => {
  it('refuses the save naming the read-only disk, keeps reading, and saves once it is writable again', async () => {
    const source = path.join(await tempFolder(), 'stick');
    await (await Archive.create(source, { app })).close();
    const mount = bindMount(source);
    cleanups.push(mount.remove);
    const archive = await Archive.open(mount.dir, { app });
    await archive.importFiles(await readSampleFiles(), { entities: false });
    const id = archive.list().items[0]!.id;
    await archive.update({ id, changes: { place: 'Ashgabat' } });

    mount.readOnly(true);
    cleanups.push(() => mount.readOnly(false));
    const error = await archive.update({ id, changes: { place: 'Dushanbe' } }).catch((e: unknown) => saveError(e));
    expect(error).toMatchObject({ code: 'E_IO', text: { key: 'error_may_not_write', params: { code: 'EROFS' } } });
    expect(archive.get(id).place).toBe('Ashgabat');
    expect(archive.search('Ashgabat', 5).hits.length).toBeGreaterThan(0);

    mount.readOnly(false);
    await archive.update({ id, changes: { place: 'Dushanbe' } });
    await archive.close();
    const reopened = await Archive.open(mount.dir, { app });
    expect(reopened.info().problems).toEqual([]);
    expect(reopened.get(id).place).toBe('Dushanbe');
    await reopened.close();
  });
});

describe('an archive folder renamed or removed while open (a pulled stick)', () => {
  it('refuses the save saying the folder is gone, never makes a new folder at the old place, and saves once the folder is back', async () => {
    const parent = await tempFolder();
    const root = path.join(parent, 'stick-archive');
    const archive = await Archive.create(root, { app });
    await archive.importFiles(await readSampleFiles(), { entities: false });
    const id = archive.list().items[0]!.id;

    await rename(root, `${root}-elsewhere`);
    const error = await archive.update({ id, changes: { title: 'Typed after the stick was pulled' } }).catch((e: unknown) => saveError(e));
    expect(error).toMatchObject({ code: 'E_IO', text: { key: 'archive_folder_gone' } });
    expect(await readdir(parent)).toEqual(['stick-archive-elsewhere']);
    const report = await archive.importFiles([{ name: 'late.txt', bytes: Buffer.from('A late report.\n') }]);
    expect(report.failed).toEqual([expect.objectContaining({ code: 'E_IO' })]);
    expect(await readdir(parent)).toEqual(['stick-archive-elsewhere']);
    // Reading goes on from what was loaded.
    expect(archive.get(id).title).not.toBe('Typed after the stick was pulled');
    expect(archive.list().items).toHaveLength(5);

    await rename(`${root}-elsewhere`, root);
    await archive.update({ id, changes: { title: 'Typed after the stick was pulled' } });
    await archive.close();
    const reopened = await Archive.open(root, { app });
    expect(reopened.get(id).title).toBe('Typed after the stick was pulled');
    expect(reopened.info().problems).toEqual([]);
    await reopened.close();
  });

  it('refuses to write into another folder put at the same place (another stick with an archive of the same name)', async () => {
    const parent = await tempFolder();
    const root = path.join(parent, 'archive');
    const archive = await Archive.create(root, { app });
    await archive.importFiles(await readSampleFiles(), { entities: false });
    const id = archive.list().items[0]!.id;
    await rename(root, `${root}-first-stick`);
    await createArchiveFolder(root, 'archive', 'Cairn on another laptop');

    const error = await archive.update({ id, changes: { title: 'Into the wrong archive?' } }).catch((e: unknown) => saveError(e));
    expect(error).toMatchObject({ code: 'E_IO', text: { key: 'archive_folder_gone' } });
    expect(await listTree(root)).toEqual(['cairn-archive.json']);
    await archive.close();
  });
});
