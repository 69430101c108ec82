// The archive folder's guards: the manifest and its format version, empty-folder creation.
import { execFileSync } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Archive } from '../archive';
import { snapshotTree, useTempFolders } from '../testing/fixtures';
import { closedArchive } from '../testing/archive-folders';
import { FORMAT_VERSION, LOCK_FILE, MANIFEST_FILE, readManifest } from './archive-folder';

const tempFolder = useTempFolders();
const app = 'Cairn (test)';

const newArchiveFolder = async (withRecords = false) => closedArchive(path.join(await tempFolder(), 'archive'), { samples: withRecords, name: 'Field office' });

async function rewriteManifest(root: string, change: (m: Record<string, unknown>) => void): Promise<void> {
  const file = path.join(root, MANIFEST_FILE);
  const manifest = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  change(manifest);
  await writeFile(file, JSON.stringify(manifest, null, 2));
}

describe('the manifest and the format version', () => {
  it('is written at creation with this format version and read back', async () => {
    const root = await newArchiveFolder();
    const manifest = await readManifest(root);
    expect(manifest).toMatchObject({ format: 'cairn-archive', version: FORMAT_VERSION, name: 'Field office', createdBy: app });
    expect(manifest.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses to read a newer format unless asked to (Archive.open then opens it read-only; see repair/manifest-repair.test.ts)', async () => {
    const root = await newArchiveFolder(true);
    await rewriteManifest(root, (m) => (m.version = FORMAT_VERSION + 1));
    const before = await snapshotTree(root);

    const error = await readManifest(root).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'E_ARCHIVE_TOO_NEW' });
    expect((error as Error).message).toContain(`format version ${FORMAT_VERSION + 1}`);
    expect(await readManifest(root, { allowNewer: true })).toMatchObject({ version: FORMAT_VERSION + 1 });
    const archive = await Archive.open(root, { app });
    expect(archive.info()).toMatchObject({ readOnly: true, recordCount: 5 });
    await archive.close();

    expect(await snapshotTree(root)).toEqual(before);
    expect(Object.keys(before)).not.toContain(LOCK_FILE);
  });

  it('refuses a manifest that is not valid JSON with E_ARCHIVE_CORRUPT (Archive.open then opens the records read-only) and leaves it untouched', async () => {
    const root = await newArchiveFolder(true);
    await writeFile(path.join(root, MANIFEST_FILE), '{"format": "cairn-archive", "vers');
    const before = await snapshotTree(root);
    await expect(readManifest(root)).rejects.toMatchObject({ code: 'E_ARCHIVE_CORRUPT' });
    const archive = await Archive.open(root, { app });
    expect(archive.info()).toMatchObject({ readOnly: true, recordCount: 5, repair: { problem: { key: 'manifest_problem_not_json' } } });
    await archive.close();
    expect(await snapshotTree(root)).toEqual(before);
  });

  it('refuses a manifest of another format, or without a name, with E_ARCHIVE_CORRUPT', async () => {
    const root = await newArchiveFolder();
    await rewriteManifest(root, (m) => (m.format = 'something-else'));
    await expect(readManifest(root)).rejects.toMatchObject({ code: 'E_ARCHIVE_CORRUPT' });
    await rewriteManifest(root, (m) => {
      m.format = 'cairn-archive';
      delete m.name;
    });
    await expect(readManifest(root)).rejects.toMatchObject({ code: 'E_ARCHIVE_CORRUPT' });
  });

  it('refuses a folder without a manifest with E_NOT_AN_ARCHIVE, and a missing folder too', async () => {
    const folder = await tempFolder();
    await writeFile(path.join(folder, 'notes.txt'), 'not an archive');
    await expect(Archive.open(folder, { app })).rejects.toMatchObject({ code: 'E_NOT_AN_ARCHIVE' });
    await expect(Archive.open(path.join(folder, 'missing'), { app })).rejects.toMatchObject({ code: 'E_NOT_AN_ARCHIVE' });
    expect(await snapshotTree(folder)).toEqual({ 'notes.txt': expect.anything() });
  });

  it('a manifest that is a named pipe is refused at once with E_ARCHIVE_CORRUPT instead of hanging the open', async () => {
    const root = await newArchiveFolder();
    await rm(path.join(root, MANIFEST_FILE));
    execFileSync('mkfifo', [path.join(root, MANIFEST_FILE)]);
    await expect(readManifest(root)).rejects.toMatchObject({ code: 'E_ARCHIVE_CORRUPT', message: expect.stringContaining('named pipe') as string });
  });
});

describe('creating an archive', () => {
  it('refuses a folder that holds other files with E_FOLDER_NOT_EMPTY and writes nothing there', async () => {
    const folder = await tempFolder();
    await writeFile(path.join(folder, 'thesis.docx'), 'precious');
    const before = await snapshotTree(folder);
    await expect(Archive.create(folder, { app })).rejects.toMatchObject({ code: 'E_FOLDER_NOT_EMPTY' });
    expect(await snapshotTree(folder)).toEqual(before);
  });

  it('refuses to create over an existing archive', async () => {
    const root = await newArchiveFolder();
    await expect(Archive.create(root, { app })).rejects.toMatchObject({ code: 'E_FOLDER_NOT_EMPTY', message: expect.stringContaining('open it instead') });
  });

  it('accepts an empty existing folder and a folder holding only hidden files', async () => {
    const folder = await tempFolder();
    await writeFile(path.join(folder, '.DS_Store'), '');
    const archive = await Archive.create(folder, { app });
    expect(archive.info()).toMatchObject({ name: path.basename(folder), recordCount: 0, readOnly: false, formatVersion: FORMAT_VERSION });
    await archive.close();
  });

  it('refuses a path that is a file with E_VALIDATION', async () => {
    const file = path.join(await tempFolder(), 'file.txt');
    await writeFile(file, 'x');
    await expect(Archive.create(file, { app })).rejects.toMatchObject({ code: 'E_VALIDATION' });
  });
});
