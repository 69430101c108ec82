// Save a copy elsewhere: the archive carried to another folder whole, as a new replica, from a
// disk that can no longer be written; and refused, changing nothing, where a copy cannot go.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Archive } from '../archive';
import { toErrorShape } from '../errors';
import { listTree, readSampleFiles, sampleDir, useTempFolders } from '../testing/fixtures';
import { Workspace } from '../workspace';
import { layout, type Manifest } from './archive-folder';

const tempFolder = useTempFolders();
const app = 'Cairn (test)';

async function sampleArchive(): Promise<Archive> {
  const archive = await Archive.create(path.join(await tempFolder(), 'archive'), { app, person: 'Aigerim Bekova', autoBackup: true });
  await archive.importFiles(await readSampleFiles(), { entities: false });
  await archive.update({ id: archive.list().items[0]!.id, changes: { addTags: ['copied along'] } });
  return archive;
}

describe('copying an archive to another folder', () => {
  it('carries every record, original, history and vocabulary, as a new replica of the same archive, without backups or lock', async () => {
    const archive = await sampleArchive();
    const dest = path.join(await tempFolder(), 'on another disk');
    const outcome = await archive.copyTo(dest);
    const files = await listTree(dest);
    expect(outcome.files).toBe(files.length);
    expect(files.some((f) => f.startsWith('backups') || f === 'cairn.lock')).toBe(false);
    const source = (await listTree(archive.root)).filter((f) => !f.startsWith('backups') && f !== 'cairn.lock');
    expect(files).toEqual(source);
    const [was, copy] = await Promise.all([archive.root, dest].map(async (r) => JSON.parse(await readFile(layout.manifest(r), 'utf8')) as Manifest));
    expect(copy).toMatchObject({ id: was!.id, name: was!.name, version: was!.version });
    expect(copy!.replica).not.toBe(was!.replica);
    await archive.close();

    const opened = await Archive.open(dest, { app });
    expect(opened.info()).toMatchObject({ problems: [], recordCount: 5 });
    const tagged = opened.list().items.find((s) => s.tags.includes('copied along'))!;
    expect((await opened.history(tagged.id)).entries.some((e) => e.field === 'tags')).toBe(true);
    expect((await opened.verify()).findings).toEqual([]);
    await opened.close();
  });

  it('refuses a folder inside the archive, or one that holds files, and writes nothing', async () => {
    const archive = await sampleArchive();
    const before = await listTree(archive.root);
    expect(toErrorShape(await archive.copyTo(path.join(archive.root, 'records', 'copy')).catch((e: unknown) => e))).toMatchObject({ code: 'E_VALIDATION' });
    const busy = await tempFolder();
    await writeFile(path.join(busy, 'thesis.docx'), 'precious');
    expect(toErrorShape(await archive.copyTo(busy).catch((e: unknown) => e))).toMatchObject({ code: 'E_FOLDER_NOT_EMPTY' });
    expect(await listTree(busy)).toEqual(['thesis.docx']);
    expect(await listTree(archive.root)).toEqual(before);
    await archive.close();
  });

  it('through a door (archive.copyTo): the window goes on in the copy, writable', async () => {
    const profileDir = await tempFolder();
    const root = path.join(await tempFolder(), 'archive');
    const ws = await Workspace.start({ profileDir, archivePath: root, app, sampleDir });
    const dest = path.join(await tempFolder(), 'copy');
    const info = (await ws.copyArchiveTo(dest)).info();
    expect(info).toMatchObject({ path: dest, readOnly: false, recordCount: 5 });
    await ws.close();
  });
});
