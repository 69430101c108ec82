// The archive's lock: taken on open, refused to a second writer, stale ones taken over, unknowable ones named.
import { execFileSync } from 'node:child_process';
import { cp, lstat, mkdir, readFile, symlink, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { currentBootId, currentPidNamespace, processStartTicks } from './process-identity';
import { Archive } from '../archive';
import { holdArchiveLock, type LockHolderProcess } from '../testing/child-process';
import { useTempFolders } from '../testing/fixtures';
import { closedArchive } from '../testing/archive-folders';
import { LOCK_FILE } from './archive-folder';
import { acquireLock } from './archive-lock';

const tempFolder = useTempFolders();
const app = 'Cairn (test)';

const newArchiveFolder = async (withRecords = false) => closedArchive(path.join(await tempFolder(), 'archive'), { samples: withRecords, name: 'Field office' });

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

  it('takes over a lock that came along when an open archive was copied, and leaves the original’s alone', async () => {
    const root = await newArchiveFolder(true);
    holder = await holdArchiveLock(root);
    const copy = path.join(await tempFolder(), 'copy-of-archive');
    await cp(root, copy, { recursive: true });
    // The copy's lock names the live process holding the original: it holds nothing in the copy.
    const archive = await Archive.open(copy, { app });
    expect(archive.size).toBe(5);
    await archive.close();
    await expect(Archive.open(root, { app })).rejects.toMatchObject({ code: 'E_ARCHIVE_LOCKED' });
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

  describe('what the identity cannot decide: another pid namespace on this machine, or a renamed machine', () => {
    const pidns = currentPidNamespace();
    const identityKnown = processStartTicks(process.pid) !== null && currentBootId() !== null && pidns !== null;
    const aliveElsewhere = { pid: process.ppid, host: hostname(), user: 'x', app: 'Cairn 0.1.0', since: '2020-01-01T00:00:00.000Z' };

    // A sandbox (Flatpak) or a container keeps the host name but numbers its processes afresh: its
    // pid 2 is not our pid 2, so neither a running nor a missing pid here says anything about it.
    it.skipIf(!identityKnown)('a lock taken in another pid namespace is refused, not judged by the pids seen here, and says how to take it over', async () => {
      const root = await newArchiveFolder();
      for (const pid of [process.ppid, 4_194_001]) {
        const lock = { ...aliveElsewhere, pid, boot: currentBootId(), started: '12345', pidns: 'pid:[4026531000]' };
        await writeFile(path.join(root, LOCK_FILE), JSON.stringify(lock));
        const error = await Archive.open(root, { app }).catch((e: unknown) => e);
        expect(error, `pid ${pid}`).toMatchObject({ code: 'E_ARCHIVE_LOCKED', message: expect.stringContaining('another process namespace') as string });
        expect((error as Error).message).toContain('cairn unlock --force');
        expect((error as Error).message).toContain(path.join(root, LOCK_FILE));
        expect(JSON.parse(await readFile(path.join(root, LOCK_FILE), 'utf8'))).toEqual(lock);
      }
    });

    it.skipIf(!identityKnown)('a lock from this very boot and pid namespace is judged even if the machine was renamed since', async () => {
      const root = await newArchiveFolder(true);
      const renamed = { user: 'x', app: 'Cairn 0.1.0', since: '2020-01-01T00:00:00.000Z', host: 'old-name-of-this-machine', boot: currentBootId(), pidns };
      await writeFile(path.join(root, LOCK_FILE), JSON.stringify({ ...renamed, pid: process.ppid, started: '12345' }));
      const archive = await Archive.open(root, { app });
      await archive.close();

      holder = await holdArchiveLock(root);
      await writeFile(path.join(root, LOCK_FILE), JSON.stringify({ ...renamed, pid: holder.pid, started: processStartTicks(holder.pid) }));
      await expect(Archive.open(root, { app })).rejects.toMatchObject({ code: 'E_ARCHIVE_LOCKED', message: expect.stringContaining('Close it there first') as string });
    });

    it.skipIf(!identityKnown)('a new lock records the pid namespace beside the boot and start time', async () => {
      const root = await newArchiveFolder();
      const archive = await Archive.open(root, { app });
      expect(JSON.parse(await readFile(path.join(root, LOCK_FILE), 'utf8'))).toMatchObject({ boot: currentBootId(), started: processStartTicks(process.pid), pidns });
      await archive.close();
    });
  });

  describe('a lock file no Cairn wrote', () => {
    it.each([
      ['process 0 (the signal would go to our own process group)', { pid: 0 }],
      ['process -1 (the signal would go to every process)', { pid: -1 }],
      ['no host', { pid: process.ppid, host: undefined }],
      ['a pid that is not a whole number', { pid: 12.5 }],
    ])('naming %s is damaged: waited for while it may still be being written, then taken over', async (_what, fields) => {
      const root = await newArchiveFolder();
      const lockFile = path.join(root, LOCK_FILE);
      await writeFile(lockFile, JSON.stringify({ host: hostname(), user: 'x', app: 'Odd', since: '2020-01-01T00:00:00.000Z', ...fields }));
      // Nearly old enough: the open waits out the rest, then takes it over.
      const nearlyStale = new Date(Date.now() - 4_700);
      await utimes(lockFile, nearlyStale, nearlyStale);
      const started = Date.now();
      const archive = await Archive.open(root, { app });
      expect(Date.now() - started).toBeGreaterThanOrEqual(150);
      expect(JSON.parse(await readFile(lockFile, 'utf8'))).toMatchObject({ pid: process.pid });
      await archive.close();
    });

    it('that is a named pipe is refused at once, saying what it is, instead of hanging the open; it is left alone', async () => {
      const root = await newArchiveFolder();
      execFileSync('mkfifo', [path.join(root, LOCK_FILE)]);
      const error = await Archive.open(root, { app }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'E_ARCHIVE_LOCKED', message: expect.stringContaining('named pipe') as string });
      expect((error as Error).message).toContain(path.join(root, LOCK_FILE));
      expect((await lstat(path.join(root, LOCK_FILE))).isFIFO()).toBe(true);
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

  it('takes over an unreadable lock file once it is old', async () => {
    const root = await newArchiveFolder();
    const lockFile = path.join(root, LOCK_FILE);
    const aMinuteAgo = new Date(Date.now() - 60_000);
    await writeFile(lockFile, 'garbage{');
    await utimes(lockFile, aMinuteAgo, aMinuteAgo);
    const archive = await Archive.open(root, { app });
    expect(JSON.parse(await readFile(lockFile, 'utf8'))).toMatchObject({ pid: process.pid });
    await archive.close();
  });

  it('waits for a lock still empty to get its holder’s name, and judges that holder', async () => {
    const root = await newArchiveFolder();
    const lockFile = path.join(root, LOCK_FILE);
    // Just created and still empty: its taker is writing its name into it.
    await writeFile(lockFile, '');
    // …and then writes it: a Cairn on the laptop the stick was just in.
    setTimeout(() => void writeFile(lockFile, JSON.stringify({ pid: 4242, host: 'field-laptop-7', user: 'aigul', app: 'Cairn (desktop)', since: new Date().toISOString() })), 150);
    await expect(Archive.open(root, { app })).rejects.toMatchObject({ code: 'E_ARCHIVE_LOCKED', message: expect.stringContaining('field-laptop-7') });
  });

  it('opens right after a crash that left the lock empty (killed between creating and writing it): once the lock is old enough, not refused', async () => {
    const root = await newArchiveFolder();
    const lockFile = path.join(root, LOCK_FILE);
    await writeFile(lockFile, '');
    const nearlyStale = new Date(Date.now() - 4_600);
    await utimes(lockFile, nearlyStale, nearlyStale);
    const started = Date.now();
    const archive = await Archive.open(root, { app });
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
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
