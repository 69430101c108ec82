// Snapshots of an archive folder: deduplicated by content, safe from damage to the live files,
// checked on the way back, rotated 7 daily + 4 weekly, and never trusting a half-written copy.
import { mkdir, readdir, readFile, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BackupInfo } from '../../contract';
import { Archive } from '../archive';
import { closedArchive } from '../testing/archive-folders';
import { snapshotTree, useTempFolders } from '../testing/fixtures';
import { createSnapshot, listSnapshots, prepareSnapshot, readBackedUpFile, readSnapshotFiles, restoreSnapshot, rotateSnapshots } from './backup-store';
import { snapshotsToKeep } from './rotation';

const tempFolder = useTempFolders();
const archive = { id: 'a1', name: 'Test', formatVersion: 3 };
const snap = (root: string, store: string, now?: Date) => createSnapshot(root, store, { reason: 'manual', archive, now });

/** Every stored content in a store. */
async function objects(store: string): Promise<string[]> {
  const dir = path.join(store, 'objects');
  const shards = await readdir(dir).catch(() => [] as string[]);
  return (await Promise.all(shards.map(async (s) => (await readdir(path.join(dir, s))).map((n) => `${s}/${n}`)))).flat().sort();
}

async function sampleArchive(): Promise<{ root: string; store: string }> {
  const root = await closedArchive(path.join(await tempFolder(), 'archive'), { samples: true });
  return { root, store: path.join(await tempFolder(), 'store') };
}

describe('a snapshot', () => {
  it('holds every file of the archive but the lock, its backups and its quarantine, each content once', async () => {
    const { root, store } = await sampleArchive();
    await mkdir(path.join(root, 'quarantine', 'x'), { recursive: true });
    await writeFile(path.join(root, 'quarantine', 'x', 'bad.json'), '{');
    await writeFile(path.join(root, 'cairn.lock'), '{}');
    const info = await snap(root, store);
    const files = await readSnapshotFiles(store, info.id);
    const tree = Object.keys(await snapshotTree(root)).map((p) => p.split(path.sep).join('/'));
    expect([...files.keys()].sort()).toEqual(tree.filter((p) => !p.startsWith('quarantine/') && p !== 'cairn.lock').sort());
    expect(info).toMatchObject({ reason: 'manual', records: 5, files: files.size });
    expect((await objects(store)).length).toBe(new Set([...files.values()].map((f) => f.sha256)).size);
    expect(await listSnapshots(store)).toEqual([info]);
  });

  it('of an unchanged archive stores nothing new; after one edit, only the files that edit changed', async () => {
    const { root, store } = await sampleArchive();
    await snap(root, store);
    const first = await objects(store);
    await snap(root, store);
    expect(await objects(store)).toEqual(first);

    const open = await Archive.open(root, { app: 'test' });
    await open.update({ id: open.list().items[0]!.id, changes: { addTags: ['edited'] } });
    await open.close();
    await snap(root, store);
    // The record file, its log and the operations journal.
    expect((await objects(store)).length).toBe(first.length + 3);
    expect(await listSnapshots(store)).toHaveLength(3);
  });

  it('keeps its own copy: a live file truncated in place does not damage the backup of it', async () => {
    const { root, store } = await sampleArchive();
    const info = await snap(root, store);
    const rel = [...(await readSnapshotFiles(store, info.id)).keys()].find((p) => p.startsWith('records/'))!;
    const good = await readFile(path.join(root, rel));
    await truncate(path.join(root, rel), 10);
    expect((await readBackedUpFile(store, info.id, rel))!.equals(good)).toBe(true);
  });

  it('refuses a stored copy that no longer matches its checksum', async () => {
    const { root, store } = await sampleArchive();
    const info = await snap(root, store);
    const entry = [...(await readSnapshotFiles(store, info.id)).values()].find((f) => f.path.startsWith('records/'))!;
    const object = path.join(store, 'objects', entry.sha256.slice(0, 2), entry.sha256);
    await writeFile(object, 'damaged');
    await expect(readBackedUpFile(store, info.id, entry.path)).rejects.toMatchObject({ code: 'E_ARCHIVE_CORRUPT' });
  });

  it('cut short (no summary yet) is not offered, and a copy only it named is written again, not trusted', async () => {
    const { root, store } = await sampleArchive();
    const info = await snap(root, store);
    const files = await readSnapshotFiles(store, info.id);
    // As a power cut could leave it: the summary never written, a copy renamed into place but empty.
    await import('node:fs/promises').then((fs) => fs.rm(path.join(store, 'snapshots', `${info.id}.json`)));
    const entry = [...files.values()].find((f) => f.path.startsWith('records/'))!;
    await writeFile(path.join(store, 'objects', entry.sha256.slice(0, 2), entry.sha256), '');
    expect(await listSnapshots(store)).toEqual([]);
    const again = await snap(root, store);
    expect((await readBackedUpFile(store, again.id, entry.path))!.toString()).toBe(await readFile(path.join(root, entry.path), 'utf8'));
  });
});

describe('a snapshot prepared beside the changes', () => {
  it('copies the contents first; the snapshot then stores only what changed since, and never names a content that went meanwhile', async () => {
    const { root, store } = await sampleArchive();
    const prepared = await prepareSnapshot(root, store);
    const copied = await objects(store);
    expect(copied.length).toBeGreaterThan(0);
    expect(await listSnapshots(store)).toEqual([]);
    // A rotation in between collects what no finished snapshot names: all of it.
    await rotateSnapshots(store);
    expect(await objects(store)).toEqual([]);
    const info = await createSnapshot(root, store, { reason: 'daily', archive, prepared });
    for (const f of (await readSnapshotFiles(store, info.id)).values()) {
      expect((await readBackedUpFile(store, info.id, f.path))!.equals(await readFile(path.join(root, f.path))), f.path).toBe(true);
    }
  });
});

describe('restoring a snapshot', () => {
  it('puts back every file as it was and takes away the files made since', async () => {
    const { root, store } = await sampleArchive();
    const before = await snapshotTree(root);
    const info = await snap(root, store);
    const open = await Archive.open(root, { app: 'test' });
    await open.update({ id: open.list().items[0]!.id, changes: { title: 'Changed' } });
    await open.importFiles([{ name: 'new.txt', bytes: Buffer.from('A new record, imported after the backup.') }]);
    await open.close();
    const outcome = await restoreSnapshot(root, store, info.id);
    expect(outcome.removed).toBeGreaterThan(0);
    const after = await snapshotTree(root);
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    for (const [p, state] of Object.entries(before)) expect(after[p]!.bytes, p).toBe(state.bytes);
  });
});

describe('rotation', () => {
  const at = (iso: string, n = 0): BackupInfo => ({ id: `${iso}-${n}`, createdAt: iso, reason: 'daily', archive, files: 1, bytes: 1, records: 1 });
  /** One snapshot a day for 60 days, two on the newest day, newest first. */
  const sixtyDays = (now: Date) => {
    const list: BackupInfo[] = [];
    for (let d = 0; d < 60; d++) list.push(at(new Date(now.getTime() - d * 86_400_000 - 3_600_000).toISOString(), d));
    list.splice(1, 0, at(new Date(now.getTime() - 2 * 3_600_000).toISOString(), 99));
    return list;
  };

  it('keeps the newest of each of the last 7 days, of the 4 weeks before them, and all of the last day', () => {
    const now = new Date(2026, 10, 23, 12, 0, 0);
    const list = sixtyDays(now);
    const keep = snapshotsToKeep(list, now);
    const kept = list.filter((s) => keep.has(s.id));
    // 7 days (one of them with two snapshots, both younger than a day), then 4 weeks.
    expect(kept.length).toBe(7 + 1 + 4);
    const olderThanAWeek = kept.filter((s) => now.getTime() - Date.parse(s.createdAt) > 7 * 86_400_000);
    expect(olderThanAWeek).toHaveLength(4);
    const weeks = olderThanAWeek.map((s) => Date.parse(s.createdAt));
    for (let i = 1; i < weeks.length; i++) expect(weeks[i - 1]! - weeks[i]!).toBeGreaterThanOrEqual(86_400_000);
    expect(Math.max(...weeks.map((w) => now.getTime() - w))).toBeLessThan(7 * 86_400_000 + 5 * 7 * 86_400_000);
  });

  it('removes the snapshots it does not keep and every copy only they named', async () => {
    const { root, store } = await sampleArchive();
    const now = Date.now();
    const old = await snap(root, store, new Date(now - 90 * 86_400_000));
    const open = await Archive.open(root, { app: 'test' });
    await open.update({ id: open.list().items[0]!.id, changes: { title: 'Changed since' } });
    await open.close();
    const recent = await snap(root, store, new Date(now));
    const before = await objects(store);
    // The old snapshot stays while fewer than 7 days and 4 weeks have newer ones: give it those.
    for (const d of [1, 2, 3, 4, 5, 6, 10, 17, 24, 31]) await snap(root, store, new Date(now - d * 86_400_000));
    await writeFile(path.join(store, 'objects', before[0]!.slice(0, 2), 'left-by-a-cut.part'), 'half');
    expect(await rotateSnapshots(store, new Date(now))).toBe(1);
    const ids = (await listSnapshots(store)).map((s) => s.id);
    expect(ids).toContain(recent.id);
    expect(ids).not.toContain(old.id);
    // The old record file and log were named only by the old snapshot.
    expect((await objects(store)).length).toBe(before.length - 3);
  });
});
