// Backups of an archive: snapshots of every file, deduplicated by content. A snapshot is a list of
// (path, SHA-256) and each distinct content is stored once, under its hash, as a copy Cairn never
// writes again: 20,000 unchanged records cost one list line each, not a copy a day. Copies, not
// hard links: a file damaged in place (truncated, zeroed) would damage a hard-linked backup with it,
// and the FAT and exFAT of USB sticks have no hard links at all.
//
//   backups/objects/<xx>/<sha256>          one stored content (read-only copy)
//   backups/snapshots/<id>.files.jsonl.gz  the snapshot's files: [path, sha256, size, mtimeMs, ctimeMs, ino]
//   backups/snapshots/<id>.json            its summary, written last: a snapshot without one never finished
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, unlink } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { BackupInfo, BackupReason } from '../../contract';
import { text } from '../../common/i18n/text';
import { CairnError } from '../errors';
import { makeDirectory, syncDirectory, writeDurably } from '../store/durable-json-file';
import { archiveFiles, onDisk, type ArchiveFile } from './archive-files';
import { snapshotsToKeep } from './rotation';

export const BACKUP_FORMAT = 'cairn-backup';
export const BACKUP_FORMAT_VERSION = 1;

/** The archive's own backup store, inside its folder. */
export const backupDir = (root: string): string => path.join(root, 'backups');

const snapshotsDir = (store: string) => path.join(store, 'snapshots');
const objectFile = (store: string, sha: string) => path.join(store, 'objects', sha.slice(0, 2), sha);
const summaryFile = (store: string, id: string) => path.join(snapshotsDir(store), `${id}.json`);
const FILES_SUFFIX = '.files.jsonl.gz';
const filesFile = (store: string, id: string) => path.join(snapshotsDir(store), `${id}${FILES_SUFFIX}`);

/** One file as a snapshot holds it. */
export interface SnapshotFile {
  path: string;
  sha256: string;
  size: number;
  /** What the file looked like when hashed: unchanged size, times and inode mean unchanged content. */
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

interface SummaryOnDisk extends BackupInfo {
  format: typeof BACKUP_FORMAT;
  version: number;
}

export interface SnapshotOptions {
  reason: BackupReason;
  archive: { id: string; name: string; formatVersion: number };
  now?: Date;
  /** Called as files are read, for a progress bar. */
  progress?: (done: number, total: number) => void;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const sameStat = (a: SnapshotFile, b: ArchiveFile) => a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.ino === b.ino;

/** A snapshot id: its time (sortable, and a file name on every system) and a few random letters. */
function snapshotId(now: Date): string {
  return `${now.toISOString().replace(/[-:.]/g, '')}-${randomBytes(3).toString('hex')}`;
}

/**
 * What a first pass stored ahead of a snapshot, outside the archive's queue of changes: the files as
 * it found them and the contents it wrote and synced. The snapshot itself then only stores what
 * changed since, so changes wait for seconds at most, not for a whole first copy.
 */
export interface PreparedSnapshot {
  files: Map<string, SnapshotFile>;
  synced: Set<string>;
}

/** Copies every content a snapshot of `root` would need into the store, without taking the snapshot. */
export async function prepareSnapshot(root: string, store: string): Promise<PreparedSnapshot> {
  const { previous, stored } = await storeState(store);
  const { taken, written } = await storeContents(root, store, previous, stored);
  await syncAll(written);
  return { files: new Map(taken.map((f) => [f.path, f])), synced: new Set(taken.map((f) => f.sha256)) };
}

/** Takes a snapshot of every file of the archive at `root` into the store at `store`. */
export async function createSnapshot(root: string, store: string, options: SnapshotOptions & { prepared?: PreparedSnapshot }): Promise<BackupInfo> {
  const { newest, previous, stored } = await storeState(store, options.prepared);
  let now = options.now ?? new Date();
  // Two snapshots within a second still list in the order they were taken.
  const last = newest ? Date.parse(newest.createdAt) : -Infinity;
  if (now.getTime() <= last && last - now.getTime() < 1000) now = new Date(last + 1);
  const { taken, written } = await storeContents(root, store, previous, stored, options.progress);
  await syncAll(written);
  const info: BackupInfo = {
    id: snapshotId(now),
    createdAt: now.toISOString(),
    reason: options.reason,
    archive: options.archive,
    files: taken.length,
    bytes: taken.reduce((n, f) => n + f.size, 0),
    records: taken.filter((f) => /^records\/[^/]+\/[^/]+\.json$/.test(f.path)).length,
  };
  await makeDirectory(snapshotsDir(store));
  const lines = taken.map((f) => JSON.stringify([f.path, f.sha256, f.size, f.mtimeMs, f.ctimeMs, f.ino])).join('\n');
  await writeDurably(filesFile(store, info.id), gzipSync(lines));
  const summary: SummaryOnDisk = { format: BACKUP_FORMAT, version: BACKUP_FORMAT_VERSION, ...info };
  await writeDurably(summaryFile(store, info.id), JSON.stringify(summary, null, 2) + '\n');
  return info;
}

/**
 * What the store already holds: the files of its newest snapshot (or of a prepared pass), whose
 * contents are on disk, and a test for any other content (every finished snapshot's, read on need).
 */
async function storeState(store: string, prepared?: PreparedSnapshot) {
  const newest = (await listSnapshots(store))[0];
  const listed = newest ? await readSnapshotFiles(store, newest.id).catch(() => new Map<string, SnapshotFile>()) : new Map<string, SnapshotFile>();
  const onDiskNow = new Set([...listed.values()].map((f) => f.sha256));
  if (prepared) {
    // A rotation between the pass and the snapshot may have collected what the pass stored: only what is still there counts.
    const present = await storedNames(store);
    for (const sha of prepared.synced) if (present.has(sha)) onDiskNow.add(sha);
  }
  let inAny: Set<string> | null = null;
  const stored = async (sha: string) => onDiskNow.has(sha) || (inAny ??= await knownObjects(store)).has(sha);
  // A prepared file whose content went meanwhile is read and stored again, not taken on trust.
  const previous = prepared ? new Map([...prepared.files].filter(([, f]) => onDiskNow.has(f.sha256))) : listed;
  return { newest, previous, stored };
}

/**
 * Hashes every file of the archive (those unchanged since `previous`, by size, times and inode,
 * keep its hash, unread) and stores each content the store lacks. Several files at a time: reading,
 * hashing and writing overlap, and the disk waits instead of Cairn.
 */
async function storeContents(root: string, store: string, previous: Map<string, SnapshotFile>, stored: (sha: string) => Promise<boolean>, progress?: (done: number, total: number) => void) {
  const { files } = await archiveFiles(root);
  await makeDirectory(path.join(store, 'objects'));
  const taken: (SnapshotFile | null)[] = new Array(files.length).fill(null);
  const written: string[] = [];
  const writing = new Set<string>();
  const folders = new Set<string>();
  let done = 0;
  const take = async (i: number) => {
    const file = files[i]!;
    const before = previous.get(file.path);
    if (before && sameStat(before, file)) {
      taken[i] = { ...before, path: file.path };
    } else {
      let bytes: Buffer;
      try {
        bytes = await readFile(onDisk(root, file.path));
      } catch (e) {
        // Gone between listing and reading (a file the archive no longer has): not part of this snapshot.
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
        throw e;
      }
      const sha = sha256(bytes);
      if (!writing.has(sha) && !(await stored(sha))) {
        writing.add(sha);
        written.push(await writeObject(store, sha, bytes, folders));
      }
      taken[i] = { path: file.path, sha256: sha, size: bytes.length, mtimeMs: file.mtimeMs, ctimeMs: file.ctimeMs, ino: file.ino };
    }
    progress?.(++done, files.length);
  };
  const width = 16;
  for (let i = 0; i < files.length; i += width) await Promise.all(files.slice(i, i + width).map((_, j) => take(i + j)));
  return { taken: taken.filter((f): f is SnapshotFile => f !== null), written };
}

/**
 * Stores one content under its hash: a temp file renamed into place, not yet synced (syncAll does
 * that for all of them at once, before any snapshot names them).
 */
async function writeObject(store: string, sha: string, bytes: Uint8Array, made: Set<string>): Promise<string> {
  const file = objectFile(store, sha);
  if (!made.has(path.dirname(file))) {
    // objects/ itself is made durably (see storeContents); its shard folders are fsynced with the
    // contents, by syncAll, before any snapshot names them.
    await mkdir(path.dirname(file), { recursive: true });
    made.add(path.dirname(file));
  }
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.part`;
  await writeFileNoSync(temp, bytes);
  await rename(temp, file);
  return file;
}

async function writeFileNoSync(file: string, bytes: Uint8Array): Promise<void> {
  const handle = await open(file, 'w', 0o444);
  try {
    await handle.writeFile(bytes);
  } finally {
    await handle.close();
  }
}

/** fsyncs files and then their folders, many at a time: one wait for the disk instead of one per file. */
export async function syncAll(files: readonly string[]): Promise<void> {
  const width = 32;
  for (let i = 0; i < files.length; i += width) {
    await Promise.all(
      files.slice(i, i + width).map(async (f) => {
        const handle = await open(f, 'r');
        try {
          await handle.sync();
        } finally {
          await handle.close();
        }
      }),
    );
  }
  const dirs = [...new Set(files.map((f) => path.dirname(f)))];
  if (dirs.length) dirs.push(path.dirname(dirs[0]!));
  for (let i = 0; i < dirs.length; i += width) await Promise.all(dirs.slice(i, i + width).map(syncDirectory));
}

/**
 * The contents stored under a snapshot's summary. Only these are trusted to be on disk: an object
 * no finished snapshot names may be what a power cut left of one, and is written again.
 */
async function knownObjects(store: string): Promise<Set<string>> {
  const known = new Set<string>();
  for (const id of await finishedIds(store)) {
    const files = await readSnapshotFiles(store, id).catch(() => null);
    for (const f of files?.values() ?? []) known.add(f.sha256);
  }
  return known;
}

/**
 * Snapshots whose summary was written (the last step), readable or not: a summary damaged later
 * must not let its contents be taken for garbage.
 */
async function finishedIds(store: string): Promise<string[]> {
  const names = await readdir(snapshotsDir(store)).catch(() => [] as string[]);
  const lists = new Set(names.filter((n) => n.endsWith(FILES_SUFFIX)).map((n) => n.slice(0, -FILES_SUFFIX.length)));
  return names.filter((n) => n.endsWith('.json') && lists.has(n.slice(0, -'.json'.length))).map((n) => n.slice(0, -'.json'.length));
}

/** Every finished snapshot in the store, newest first; a summary that cannot be read is passed over. */
export async function listSnapshots(store: string): Promise<BackupInfo[]> {
  let names: string[];
  try {
    names = await readdir(snapshotsDir(store));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const out: BackupInfo[] = [];
  for (const name of names) {
    if (!/^[0-9TZ]+-[0-9a-f]+\.json$/.test(name)) continue;
    try {
      const s = JSON.parse(await readFile(path.join(snapshotsDir(store), name), 'utf8')) as Partial<SummaryOnDisk>;
      if (s.format !== BACKUP_FORMAT || typeof s.id !== 'string' || typeof s.createdAt !== 'string') continue;
      out.push({ id: s.id, createdAt: s.createdAt, reason: s.reason ?? 'manual', archive: s.archive!, files: s.files ?? 0, bytes: s.bytes ?? 0, records: s.records ?? 0 });
    } catch {
      // A damaged summary: that snapshot is not offered (its objects stay until no other names them).
    }
  }
  return out.sort((a, b) => (a.id < b.id ? 1 : -1));
}

/** A snapshot's files by path. */
export async function readSnapshotFiles(store: string, id: string): Promise<Map<string, SnapshotFile>> {
  const raw = gunzipSync(await readFile(filesFile(store, id))).toString('utf8');
  const files = new Map<string, SnapshotFile>();
  for (const line of raw.split('\n')) {
    if (!line) continue;
    const [p, sha, size, mtimeMs, ctimeMs, ino] = JSON.parse(line) as [string, string, number, number, number, number];
    files.set(p, { path: p, sha256: sha, size, mtimeMs, ctimeMs, ino });
  }
  return files;
}

/** A snapshot by id, or the newest when no id is given. */
export async function findSnapshot(store: string, id?: string): Promise<BackupInfo> {
  const all = await listSnapshots(store);
  const found = id ? all.find((s) => s.id === id || s.id.startsWith(id)) : all[0];
  if (!found) throw new CairnError('E_NOT_FOUND', id ? text('backup_not_found', { id: id.slice(0, 60) }) : text('backup_none_yet'));
  return found;
}

/** The content a snapshot holds for one file, checked against its hash; null when the snapshot has no such file. */
export async function readBackedUpFile(store: string, id: string, rel: string): Promise<Buffer | null> {
  const entry = (await readSnapshotFiles(store, id)).get(rel);
  if (!entry) return null;
  return readObject(store, entry.sha256, rel);
}

async function readObject(store: string, sha: string, rel: string): Promise<Buffer> {
  const bytes = await readFile(objectFile(store, sha)).catch(() => null);
  if (!bytes || sha256(bytes) !== sha) throw new CairnError('E_ARCHIVE_CORRUPT', text('backup_copy_damaged', { file: rel }));
  return bytes;
}

/** The newest snapshot holding `rel`, or null. */
export async function newestHolding(store: string, rel: string): Promise<BackupInfo | null> {
  return (await newestHoldingEach(store, [rel])).get(rel) ?? null;
}

/** For each of `rels`, the newest snapshot holding it; each snapshot's list is read once, and only while some file is still unfound. */
export async function newestHoldingEach(store: string, rels: readonly string[]): Promise<Map<string, BackupInfo>> {
  const found = new Map<string, BackupInfo>();
  if (rels.length === 0) return found;
  for (const s of await listSnapshots(store)) {
    const files = await readSnapshotFiles(store, s.id).catch(() => null);
    for (const rel of rels) if (!found.has(rel) && files?.has(rel)) found.set(rel, s);
    if (found.size === rels.length) break;
  }
  return found;
}

/**
 * Puts the whole archive back as a snapshot holds it: each file that differs is written back
 * durably, and files the snapshot does not have are taken away (take a snapshot first: that is
 * what brings them back). Every stored copy is checked before any file is touched.
 */
export async function restoreSnapshot(root: string, store: string, id: string): Promise<{ written: number; removed: number }> {
  const wanted = await readSnapshotFiles(store, id);
  const contents = new Map<string, Buffer>();
  for (const f of wanted.values()) contents.set(f.path, await readObject(store, f.sha256, f.path));
  const { files: present } = await archiveFiles(root);
  let written = 0;
  let removed = 0;
  for (const [rel, bytes] of contents) {
    const live = await readFile(onDisk(root, rel)).catch(() => null);
    if (live && live.equals(bytes)) continue;
    await makeDirectory(path.dirname(onDisk(root, rel)));
    await writeDurably(onDisk(root, rel), bytes);
    written++;
  }
  for (const f of present) {
    if (wanted.has(f.path)) continue;
    await unlink(onDisk(root, f.path)).catch(() => undefined);
    await syncDirectory(path.dirname(onDisk(root, f.path)));
    removed++;
  }
  return { written, removed };
}

/**
 * Removes the snapshots rotation does not keep, then every stored content no kept snapshot names
 * (and any half-written one). Returns how many snapshots went.
 */
export async function rotateSnapshots(store: string, now = new Date()): Promise<number> {
  const all = await listSnapshots(store);
  const keep = snapshotsToKeep(all, now);
  let dropped = 0;
  for (const s of all) {
    if (keep.has(s.id)) continue;
    // The summary first: a snapshot without one is not offered, whatever else of it is left.
    await rm(summaryFile(store, s.id), { force: true });
    await rm(filesFile(store, s.id), { force: true });
    dropped++;
  }
  if (dropped > 0) await syncDirectory(snapshotsDir(store));
  await collectGarbage(store);
  return dropped;
}

/** The names of every stored content (one folder read per shard). */
async function storedNames(store: string): Promise<Set<string>> {
  const objects = path.join(store, 'objects');
  const names = new Set<string>();
  for (const shard of await readdir(objects).catch(() => [] as string[])) {
    for (const name of await readdir(path.join(objects, shard)).catch(() => [] as string[])) names.add(name);
  }
  return names;
}

/** Deletes stored contents that no finished snapshot names, and leftovers of unfinished writes. */
async function collectGarbage(store: string): Promise<void> {
  const known = await knownObjects(store);
  const objects = path.join(store, 'objects');
  const shards = await readdir(objects).catch(() => [] as string[]);
  for (const shard of shards) {
    const names = await readdir(path.join(objects, shard)).catch(() => [] as string[]);
    for (const name of names) if (!known.has(name)) await rm(path.join(objects, shard, name), { force: true });
  }
  // Files lists whose summary never got written (a snapshot cut short).
  const names = await readdir(snapshotsDir(store)).catch(() => [] as string[]);
  const finished = new Set(names.filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -'.json'.length)));
  for (const n of names) {
    if (n.endsWith(FILES_SUFFIX) && !finished.has(n.slice(0, -FILES_SUFFIX.length))) await rm(path.join(snapshotsDir(store), n), { force: true });
  }
}
