// An archive is a folder: a versioned manifest, a lock (see archive-lock), one file per record, originals as evidence.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Low } from 'lowdb';
import { text } from '../../common/i18n/text';
import { megabytes } from '../../common/i18n/sizes';
import { CairnError, reasonOf } from '../errors';
import { DurableJSONFile, makeDirectory } from './durable-json-file';
import { readSmallFile } from './read-small-file';

export const ARCHIVE_FORMAT = 'cairn-archive';
/**
 * Bump with a migration whenever the on-disk layout or the record format changes.
 * 1: records, originals, vocabularies. 2: the change log (changes/), a replica id in the manifest,
 * and the "needs-work" status: a Cairn that knew version 1 would change records without logging it.
 * 3: annotations, record notes and entity links in records (record format 2), archive-wide entities
 * (entities/, their logs in changes/entities/): a Cairn that knew version 2 would correct text
 * without anchoring annotations again, and could not undo an entity merge.
 * 4: the Dublin Core fields publisher, type, derivedFrom and rights (record format 3): a Cairn that
 * knew version 3 would refuse to change every record written since.
 * Upgrading is only this number: records take their new format when next written.
 */
export const FORMAT_VERSION = 4;

export const MANIFEST_FILE = 'cairn-archive.json';
export const LOCK_FILE = 'cairn.lock';
/** A manifest is a few hundred bytes; anything near this is not one. */
const MAX_MANIFEST_BYTES = 1 << 20;

export interface Manifest {
  format: typeof ARCHIVE_FORMAT;
  version: number;
  id: string;
  name: string;
  createdAt: string;
  createdBy: string;
  /** This copy of the archive, in the change log's "who" and clock; absent before version 2. */
  replica?: string;
}

/** A replica id: short, and unique enough among the copies of one archive. */
export const newReplicaId = (): string => randomUUID().replace(/-/g, '').slice(0, 12);

export const layout = {
  manifest: (root: string) => path.join(root, MANIFEST_FILE),
  lock: (root: string) => path.join(root, LOCK_FILE),
  recordsDir: (root: string) => path.join(root, 'records'),
  record: (root: string, id: string) => path.join(root, 'records', id.slice(0, 2), `${id}.json`),
  original: (root: string, sha256: string) => path.join(root, 'originals', sha256.slice(0, 2), sha256),
  vocabulariesDir: (root: string) => path.join(root, 'vocabularies'),
  /** Records an undo took out of the archive (an undone import), kept for redo. */
  removed: (root: string, id: string) => path.join(root, 'removed', id.slice(0, 2), `${id}.json`),
};

/** Whether anything is at `p` (a file, a folder, …). */
export async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}

/** Creates a new, empty archive. The folder must not exist yet or be empty. */
export async function createArchiveFolder(root: string, name: string, createdBy: string): Promise<Manifest> {
  if (await exists(root)) {
    const st = await stat(root);
    if (!st.isDirectory()) throw new CairnError('E_VALIDATION', text('archive_is_a_file', { root }));
    const entries = (await readdir(root)).filter((e) => !e.startsWith('.'));
    if (entries.includes(MANIFEST_FILE)) throw new CairnError('E_FOLDER_NOT_EMPTY', text('archive_already_there', { root }));
    if (entries.length > 0) throw new CairnError('E_FOLDER_NOT_EMPTY', text('archive_folder_not_empty', { root }));
  }
  await makeDirectory(layout.recordsDir(root));
  const manifest: Manifest = {
    format: ARCHIVE_FORMAT,
    version: FORMAT_VERSION,
    id: randomUUID(),
    name,
    createdAt: new Date().toISOString(),
    createdBy,
    replica: newReplicaId(),
  };
  const db = new Low<Manifest>(new DurableJSONFile(layout.manifest(root)), manifest);
  await db.write();
  return manifest;
}

/**
 * Reads and checks the manifest; refuses folders that are not archives, corrupt or (unless
 * `allowNewer`, for opening read-only) made by a newer Cairn.
 */
export async function readManifest(root: string, options: { allowNewer?: boolean } = {}): Promise<Manifest> {
  let content: string;
  try {
    content = (await readSmallFile(layout.manifest(root), MANIFEST_FILE, MAX_MANIFEST_BYTES)).toString('utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new CairnError('E_NOT_AN_ARCHIVE', text('archive_not_an_archive', { root, manifest: MANIFEST_FILE }));
    }
    if (code === 'E_TOO_LARGE') throw new CairnError('E_ARCHIVE_CORRUPT', text('archive_manifest_too_large', { root, manifest: MANIFEST_FILE, limit: megabytes(MAX_MANIFEST_BYTES) }));
    if (code === 'E_NOT_A_FILE') {
      throw new CairnError('E_ARCHIVE_CORRUPT', text('archive_manifest_unusable', { root, reason: reasonOf(e) }));
    }
    throw e;
  }
  let manifest: Partial<Manifest>;
  try {
    manifest = JSON.parse(content) as Partial<Manifest>;
  } catch {
    throw new CairnError('E_ARCHIVE_CORRUPT', text('archive_manifest_damaged', { root, manifest: MANIFEST_FILE }));
  }
  if (manifest.format !== ARCHIVE_FORMAT || typeof manifest.version !== 'number' || typeof manifest.id !== 'string' || typeof manifest.name !== 'string') {
    throw new CairnError('E_ARCHIVE_CORRUPT', text('archive_manifest_foreign', { root, manifest: MANIFEST_FILE }));
  }
  if (manifest.version > FORMAT_VERSION && !options.allowNewer) {
    throw new CairnError('E_ARCHIVE_TOO_NEW', text('archive_too_new', { version: String(manifest.version), supported: String(FORMAT_VERSION) }));
  }
  return manifest as Manifest;
}

/**
 * Brings a writable archive's manifest up to this Cairn's format (called with the lock held). From
 * version 1: a replica id; records keep their files, and their history starts with the next change.
 */
export async function upgradeManifest(root: string, manifest: Manifest): Promise<Manifest> {
  if (manifest.version >= FORMAT_VERSION && manifest.replica) return manifest;
  const upgraded: Manifest = { ...manifest, version: FORMAT_VERSION, replica: manifest.replica ?? newReplicaId() };
  const db = new Low<Manifest>(new DurableJSONFile(layout.manifest(root)), upgraded);
  await db.write();
  return upgraded;
}
