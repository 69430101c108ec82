// The archive folder's guards: the manifest and its format version, empty-folder creation, the lock.
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { currentBootId, processStartTicks } from './process-identity';
import { Archive } from '../archive';
import { holdArchiveLock, type LockHolderProcess } from '../testing/child-process';
import { readSampleFiles, snapshotTree, useTempFolders } from '../testing/fixtures';
import { FORMAT_VERSION, LOCK_FILE, MANIFEST_FILE, acquireLock, readManifest } from './archive-folder';

const tempFolder = useTempFolders();
const app = 'Cairn (test)';

async function newArchiveFolder(withRecords = false): Promise<string> {
  const root = path.join(await tempFolder(), 'archive');
  const archive = await Archive.create(root, { app, name: 'Field office' });
  if (withRecords) await archive.importFiles(await readSampleFiles());
  await archive.close();
  return root;
}

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

  it('refuses an archive from a newer Cairn with E_ARCHIVE_TOO_NEW and leaves every file as it was', async () => {
    const root = await newArchiveFolder(true);
    await rewriteManifest(root, (m) => (m.version = FORMAT_VERSION + 1));
    const before = await snapshotTree(root);

    const error = await Archive.open(root, { app }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'E_ARCHIVE_TOO_NEW' });
    expect((error as Error).message).toContain(`format version ${FORMAT_VERSION + 1}`);
    // Read-only opens are refused too: this Cairn cannot know how to read the newer format.
    await expect(Archive.open(root, { app, readOnly: true })).rejects.toMatchObject({ code: 'E_ARCHIVE_TOO_NEW' });

    expect(await snapshotTree(root)).toEqual(before);
    expect(Object.keys(before)).not.toContain(LOCK_FILE);
  });

  it('refuses a manifest that is not valid JSON with E_ARCHIVE_CORRUPT and leaves it untouched', async () => {
    const root = await newArchiveFolder(true);
    await writeFile(path.join(root, MANIFEST_FILE), '{"format": "cairn-archive", "vers');
    const before = await snapshotTree(root);
    await expect(Archive.open(root, { app })).rejects.toMatchObject({ code: 'E_ARCHIVE_CORRUPT' });
    expect(await snapshotTree(root)).toEqual(before);
  });

  it('refuses a manifest of another format with E_ARCHIVE_CORRUPT', async () => {
    const root = await newArchiveFolder();
    await rewriteManifest(root, (m) => (m.format = 'something-else'));
    await expect(Archive.open(root, { app })).rejects.toMatchObject({ code: 'E_ARCHIVE_CORRUPT' });
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
    await expect(Archive.open(root, { app })).rejects.toMatchObject({ code: 'E_ARCHIVE_CORRUPT', message: expect.stringContaining('named pipe') as string });
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

describe('the lock', () => {
  let holder: LockHolderProcess | null = null;
  afterEach(async () => {
    await holder?.kill();
    holder = null;
  });

  it('is taken on open, names this process, and is removed on close', async () => {
    const root = await newArchiveFolder();
    const archive = await Archive.open(root, { app: 'Cairn 9 (test)' });
    const lock = JSON.parse(await readFile(path.join(root, LOCK_FILE), 'utf8')) as Record<string, unknown>;
    expect(lock).toMatchObject({ pid: process.pid, host: hostname(), app: 'Cairn 9 (test)' });
    await archive.close();
    await expect(readFile(path.join(root, LOCK_FILE))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses a second writer in another live process, naming it, and takes over once it is killed', async () => {
    const root = await newArchiveFolder(true);
    holder = await holdArchiveLock(root);

    const error = await Archive.open(root, { app }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'E_ARCHIVE_LOCKED' });
    expect((error as Error).message).toContain(`process ${holder.pid}`);
    expect((error as Error).message).toContain('Lock holder (test)');

    // SIGKILL leaves the lock file behind: a stale lock, taken over by the next open.
    await holder.kill();
    const staleLock = JSON.parse(await readFile(path.join(root, LOCK_FILE), 'utf8')) as { pid: number };
    expect(staleLock.pid).toBe(holder.pid);

    const archive = await Archive.open(root, { app });
    expect(archive.size).toBe(5);
    const lock = JSON.parse(await readFile(path.join(root, LOCK_FILE), 'utf8')) as { pid: number };
    expect(lock.pid).toBe(process.pid);
    await archive.close();
  });

  it('lets read-only opens in while another process writes, and they refuse every change with E_READ_ONLY', async () => {
    const root = await newArchiveFolder(true);
    holder = await holdArchiveLock(root);
    const lockBefore = await readFile(path.join(root, LOCK_FILE), 'utf8');

    const reader = await Archive.open(root, { app, readOnly: true });
    expect(reader.info()).toMatchObject({ readOnly: true, recordCount: 5 });
    const id = reader.list().items[0]!.id;
    await expect(reader.update({ id, changes: { title: 'Changed' } })).rejects.toMatchObject({ code: 'E_READ_ONLY' });
    await expect(reader.importFiles([{ name: 'new.txt', bytes: Buffer.from('A new text') }])).rejects.toMatchObject({ code: 'E_READ_ONLY' });
    await expect(reader.putVocabulary({ id: 'v', label: 'V', concepts: [] })).rejects.toMatchObject({ code: 'E_READ_ONLY' });
    await reader.close();

    // Closing the reader must not remove the writer's lock.
    expect(await readFile(path.join(root, LOCK_FILE), 'utf8')).toBe(lockBefore);
  });

  it('refuses a second writer in this same process: two Archive objects on one folder would lose edits', async () => {
    const root = await newArchiveFolder(true);
    const first = await Archive.open(root, { app });
    await expect(Archive.open(root, { app })).rejects.toMatchObject({ code: 'E_ARCHIVE_LOCKED' });
    await expect(Archive.open(path.join(root, 'records', '..'), { app })).rejects.toMatchObject({ code: 'E_ARCHIVE_LOCKED' });
    const link = path.join(path.dirname(root), 'link-to-archive');
    await symlink(root, link);
    await expect(Archive.open(link, { app })).rejects.toMatchObject({ code: 'E_ARCHIVE_LOCKED' });
    // The refused open must not have disturbed the first one's lock.
    const lock = JSON.parse(await readFile(path.join(root, LOCK_FILE), 'utf8')) as { pid: number };
    expect(lock.pid).toBe(process.pid);
    await first.close();

    const second = await Archive.open(root, { app });
    expect(second.size).toBe(5);
    await second.close();
  });

  it('takes over a lock this process left behind without holding it (e.g. pid reuse after a crash)', async () => {
    const root = await newArchiveFolder();
    const me = { pid: process.pid, host: hostname(), user: 'x', app: 'Old run', since: '2020-01-01T00:00:00.000Z' };
    await writeFile(path.join(root, LOCK_FILE), JSON.stringify(me));
    const archive = await Archive.open(root, { app });
    const lock = JSON.parse(await readFile(path.join(root, LOCK_FILE), 'utf8')) as { app: string };
    expect(lock.app).toBe(app);
    await archive.close();
  });

  describe('a lock whose pid now belongs to another process (after a reboot, pids are reused)', () => {
    const identityKnown = processStartTicks(process.pid) !== null && currentBootId() !== null;
    const liveStranger = { pid: process.ppid, host: hostname(), user: 'x', app: 'Cairn 0.1.0', since: '2020-01-01T00:00:00.000Z' };

    it.skipIf(!identityKnown)('is taken over when the lock was written in another boot of this machine', async () => {
      const root = await newArchiveFolder();
      await writeFile(path.join(root, LOCK_FILE), JSON.stringify({ ...liveStranger, boot: 'another-boot-id', started: processStartTicks(process.ppid) }));
      const archive = await Archive.open(root, { app });
      expect(JSON.parse(await readFile(path.join(root, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid, boot: currentBootId(), started: processStartTicks(process.pid) });
      await archive.close();
    });

    it.skipIf(!identityKnown)('is taken over when the process with that pid started at another time', async () => {
      const root = await newArchiveFolder();
      await writeFile(path.join(root, LOCK_FILE), JSON.stringify({ ...liveStranger, boot: currentBootId(), started: '12345' }));
      const archive = await Archive.open(root, { app });
      await archive.close();
    });

    it.skipIf(!identityKnown)('is still refused when the holder is that very process', async () => {
      const root = await newArchiveFolder(true);
      holder = await holdArchiveLock(root);
      expect(JSON.parse(await readFile(path.join(root, LOCK_FILE), 'utf8'))).toMatchObject({ pid: holder.pid, started: processStartTicks(holder.pid) });
      await expect(Archive.open(root, { app })).rejects.toMatchObject({ code: 'E_ARCHIVE_LOCKED' });
    });

    it('an older lock (no identity) held by a live pid is refused with the file to delete and the command that takes it over', async () => {
      const root = await newArchiveFolder();
      await writeFile(path.join(root, LOCK_FILE), JSON.stringify(liveStranger));
      const error = await Archive.open(root, { app }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'E_ARCHIVE_LOCKED' });
      expect((error as Error).message).toContain(`process ${process.ppid}`);
      expect((error as Error).message).toContain('cairn unlock --force');
      expect((error as Error).message).toContain(path.join(root, LOCK_FILE));
    });
  });

  it('refuses a lock held on another machine, even by a pid that does not run here', async () => {
    const root = await newArchiveFolder();
    const other = { pid: 999_999, host: 'field-laptop-7', user: 'amina', app: 'Cairn 0.1.0', since: '2024-05-01T10:00:00.000Z' };
    await writeFile(path.join(root, LOCK_FILE), JSON.stringify(other));
    const error = await Archive.open(root, { app }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'E_ARCHIVE_LOCKED' });
    expect((error as Error).message).toContain('field-laptop-7');
    expect((error as Error).message).toContain(LOCK_FILE);
  });

  it('takes over an unreadable lock file once it is old, but not one that is still being written', async () => {
    const root = await newArchiveFolder();
    const lockFile = path.join(root, LOCK_FILE);
    // Just created and still empty: its taker has not written its name yet.
    await writeFile(lockFile, '');
    await expect(Archive.open(root, { app })).rejects.toMatchObject({ code: 'E_ARCHIVE_LOCKED', message: expect.stringContaining('right now') });

    const aMinuteAgo = new Date(Date.now() - 60_000);
    await writeFile(lockFile, 'garbage{');
    await utimes(lockFile, aMinuteAgo, aMinuteAgo);
    const archive = await Archive.open(root, { app });
    expect(JSON.parse(await readFile(lockFile, 'utf8'))).toMatchObject({ pid: process.pid });
    await archive.close();
  });

  it('lets exactly one of two racing opens in this process win', async () => {
    const root = await newArchiveFolder();
    const results = await Promise.allSettled([Archive.open(root, { app }), Archive.open(root, { app })]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ code: 'E_ARCHIVE_LOCKED' });
    await (results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<Archive>).value.close();
  });

  it('release only removes the lock while this process still holds it', async () => {
    const root = await tempFolder();
    await mkdir(root, { recursive: true });
    const release = await acquireLock(root, app);
    const someoneElse = { pid: 999_998, host: hostname(), user: 'x', app: 'Another', since: '2024-01-01T00:00:00.000Z' };
    await writeFile(path.join(root, LOCK_FILE), JSON.stringify(someoneElse));
    await release();
    expect(JSON.parse(await readFile(path.join(root, LOCK_FILE), 'utf8'))).toEqual(someoneElse);
  });
});
