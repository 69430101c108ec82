// An archive is a folder: a versioned manifest, a lock (see archive-lock), one file per record, originals as evidence.
import { mkdir, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Low } from 'lowdb';
import { CairnError } from '../errors';
import { DurableJSONFile } from './durable-json-file';
import { readSmallFile } from './read-small-file';

export const ARCHIVE_FORMAT = 'cairn-archive';
/** Bump with a migration whenever the on-disk layout or the record format changes. */
export const FORMAT_VERSION = 1;

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
}

export const layout = {
  manifest: (root: string) => path.join(root, MANIFEST_FILE),
  lock: (root: string) => path.join(root, LOCK_FILE),
  recordsDir: (root: string) => path.join(root, 'records'),
  record: (root: string, id: string) => path.join(root, 'records', id.slice(0, 2), `${id}.json`),
  original: (root: string, sha256: string) => path.join(root, 'originals', sha256.slice(0, 2), sha256),
  vocabulariesDir: (root: string) => path.join(root, 'vocabularies'),
};

async function exists(p: string): Promise<boolean> {
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
    if (!st.isDirectory()) throw new CairnError('E_VALIDATION', `${root} is a file, not a folder.`);
    const entries = (await readdir(root)).filter((e) => !e.startsWith('.'));
    if (entries.includes(MANIFEST_FILE)) throw new CairnError('E_FOLDER_NOT_EMPTY', `${root} already holds a Cairn archive; open it instead.`);
    if (entries.length > 0) throw new CairnError('E_FOLDER_NOT_EMPTY', `${root} is not empty. Choose an empty or new folder for a new archive.`);
  }
  await mkdir(layout.recordsDir(root), { recursive: true });
  const manifest: Manifest = {
    format: ARCHIVE_FORMAT,
    version: FORMAT_VERSION,
    id: randomUUID(),
    name,
    createdAt: new Date().toISOString(),
    createdBy,
  };
  const db = new Low<Manifest>(new DurableJSONFile(layout.manifest(root)), manifest);
  await db.write();
  return manifest;
}

/** Reads and checks the manifest; refuses folders that are not archives, corrupt or too new. */
export async function readManifest(root: string): Promise<Manifest> {
  let text: string;
  try {
    text = (await readSmallFile(layout.manifest(root), MANIFEST_FILE, MAX_MANIFEST_BYTES)).toString('utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new CairnError('E_NOT_AN_ARCHIVE', `${root} is not a Cairn archive (it has no ${MANIFEST_FILE}).`);
    }
    if (code === 'E_NOT_A_FILE' || code === 'E_TOO_LARGE') {
      throw new CairnError('E_ARCHIVE_CORRUPT', `In ${root}, ${(e as Error).message.replace(/\.$/, '')}, so it cannot be this archive's manifest; Cairn left the archive untouched.`);
    }
    throw e;
  }
  let manifest: Partial<Manifest>;
  try {
    manifest = JSON.parse(text) as Partial<Manifest>;
  } catch {
    throw new CairnError('E_ARCHIVE_CORRUPT', `${MANIFEST_FILE} in ${root} is damaged (not valid JSON); Cairn left the archive untouched.`);
  }
  if (manifest.format !== ARCHIVE_FORMAT || typeof manifest.version !== 'number' || typeof manifest.id !== 'string') {
    throw new CairnError('E_ARCHIVE_CORRUPT', `${MANIFEST_FILE} in ${root} is not a Cairn manifest; Cairn left the archive untouched.`);
  }
  if (manifest.version > FORMAT_VERSION) {
    throw new CairnError(
      'E_ARCHIVE_TOO_NEW',
      `This archive uses format version ${manifest.version}, made by a newer Cairn; this Cairn reads up to version ${FORMAT_VERSION}. Update Cairn to open it; the archive was not changed.`,
    );
  }
  return manifest as Manifest;
}
