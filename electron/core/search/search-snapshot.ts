// The search index kept on disk, so that opening an archive does not build it again from every
// record. One file, written whole and atomically (temp file, fsync, rename):
//
//   search/index.snapshot   line 1: a header {format, version, scheme, createdAt, records, bytes, sha256}
//                           then:   {"stamps":{record id: stamp},"index":<MiniSearch's serialised index>}
//
// Never trusted blindly. A header of another version or index scheme makes it outdated (rebuilt);
// a body cut off, with other bytes than its checksum, or that does not load, makes it damaged
// (put in quarantine, then rebuilt). Even a whole one is only a starting point: the stamps say which
// records it holds as they were, and the keeper indexes again every record whose stamp differs.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import type { AsPlainObject } from 'minisearch';
import path from 'node:path';
import type { LocalText } from '../../contract';
import { text } from '../../common/i18n/text';
import { reasonOf } from '../errors';
import { syncDirectory, writeDurably } from '../store/durable-json-file';
import { INDEX_SCHEME, RecordIndex } from './record-index';

export const SNAPSHOT_FORMAT = 'cairn-search-index';
export const SNAPSHOT_VERSION = 1;
/** The snapshot's place in the archive folder (relative, forward slashes, as problems name files). */
export const SNAPSHOT_FILE = 'search/index.snapshot';

export const snapshotPath = (root: string): string => path.join(root, ...SNAPSHOT_FILE.split('/'));

interface Header {
  format: typeof SNAPSHOT_FORMAT;
  version: number;
  scheme: string;
  createdAt: string;
  records: number;
  bytes: number;
  sha256: string;
}

export type SnapshotRead =
  | { kind: 'missing' }
  /** Made by another version of Cairn or under another index scheme: rebuilt, and nothing is wrong. */
  | { kind: 'outdated' }
  | { kind: 'damaged'; problem: LocalText }
  | { kind: 'loaded'; index: RecordIndex; stamps: Map<string, string>; createdAt: string };

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Writes the index and the stamps of what it holds; returns the snapshot's size in bytes. */
export async function writeSearchSnapshot(root: string, index: RecordIndex, stamps: ReadonlyMap<string, string>, now = new Date()): Promise<number> {
  const body = Buffer.from(`{"stamps":${JSON.stringify(Object.fromEntries(stamps))},"index":${JSON.stringify(index.toJSON())}}`);
  const header: Header = { format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, scheme: INDEX_SCHEME, createdAt: now.toISOString(), records: stamps.size, bytes: body.length, sha256: sha256(body) };
  const file = snapshotPath(root);
  // Only search/ itself: were the archive's folder gone (a stick pulled out), it must not be made again.
  await mkdir(path.dirname(file)).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== 'EEXIST') throw e;
  });
  await syncDirectory(root);
  const content = Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), body]);
  await writeDurably(file, content);
  return content.length;
}

/** Reads and checks the snapshot, and loads its index (in slices, so other work goes on meanwhile). */
export async function readSearchSnapshot(root: string): Promise<SnapshotRead> {
  let content: Buffer;
  try {
    content = await readFile(snapshotPath(root));
  } catch (e) {
    return unreadable(e);
  }
  const checked = check(content);
  if (checked.kind !== 'whole') return checked;
  return loaded(checked, await RecordIndex.fromJSON(checked.index).catch((e: unknown) => e as Error));
}

/** The same, all at once: for a search that cannot wait (the index is then needed now). */
export function readSearchSnapshotSync(root: string): SnapshotRead {
  let content: Buffer;
  try {
    content = readFileSync(snapshotPath(root));
  } catch (e) {
    return unreadable(e);
  }
  const checked = check(content);
  if (checked.kind !== 'whole') return checked;
  let index: RecordIndex | Error;
  try {
    index = RecordIndex.fromJSONSync(checked.index);
  } catch (e) {
    index = e as Error;
  }
  return loaded(checked, index);
}

/** What is wrong with the snapshot file, if anything (a missing or outdated one is not wrong): for verify. */
export async function checkSearchSnapshot(root: string): Promise<LocalText | null> {
  let content: Buffer;
  try {
    content = await readFile(snapshotPath(root));
  } catch (e) {
    const read = unreadable(e);
    return read.kind === 'damaged' ? read.problem : null;
  }
  const checked = check(content);
  return checked.kind === 'damaged' ? checked.problem : null;
}

type Checked = Exclude<SnapshotRead, { kind: 'loaded' }> | { kind: 'whole'; index: AsPlainObject; stamps: Map<string, string>; createdAt: string };

const unreadable = (e: unknown): SnapshotRead =>
  (e as NodeJS.ErrnoException).code === 'ENOENT' ? { kind: 'missing' } : { kind: 'damaged', problem: text('search_snapshot_unreadable', { reason: reasonOf(e) }) };

/** The header, the length and checksum of the body, and the body's shape; the index itself is loaded after. */
function check(content: Buffer): Checked {
  const newline = content.indexOf(0x0a);
  const header = parseHeader(newline < 0 ? content : content.subarray(0, newline));
  if (!header) return { kind: 'damaged', problem: text('search_snapshot_not_one') };
  if (header.version !== SNAPSHOT_VERSION || header.scheme !== INDEX_SCHEME) return { kind: 'outdated' };
  const body = content.subarray(newline + 1);
  if (newline < 0 || body.length !== header.bytes) return { kind: 'damaged', problem: text('search_snapshot_cut', { bytes: String(Math.max(0, body.length)), expected: String(header.bytes) }) };
  if (sha256(body) !== header.sha256) return { kind: 'damaged', problem: text('search_snapshot_checksum') };
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { stamps?: unknown; index?: unknown };
    const stamps = parsed.stamps;
    if (!stamps || typeof stamps !== 'object' || Array.isArray(stamps) || !Object.values(stamps).every((v) => typeof v === 'string')) throw new Error('no stamps');
    if (!parsed.index || typeof parsed.index !== 'object') throw new Error('no index');
    return { kind: 'whole', index: parsed.index as AsPlainObject, stamps: new Map(Object.entries(stamps as Record<string, string>)), createdAt: header.createdAt };
  } catch (e) {
    return { kind: 'damaged', problem: text('search_snapshot_unreadable', { reason: reasonOf(e) }) };
  }
}

function loaded(checked: Extract<Checked, { kind: 'whole' }>, index: RecordIndex | Error): SnapshotRead {
  if (index instanceof Error) return { kind: 'damaged', problem: text('search_snapshot_unreadable', { reason: reasonOf(index) }) };
  if (index.size !== checked.stamps.size) return { kind: 'damaged', problem: text('search_snapshot_unreadable', { reason: 'stamps and index disagree' }) };
  return { kind: 'loaded', index, stamps: checked.stamps, createdAt: checked.createdAt };
}

function parseHeader(line: Buffer): Header | null {
  try {
    const h = JSON.parse(line.toString('utf8')) as Partial<Header>;
    if (h?.format !== SNAPSHOT_FORMAT || typeof h.version !== 'number' || typeof h.scheme !== 'string' || typeof h.bytes !== 'number' || typeof h.sha256 !== 'string') return null;
    return h as Header;
  } catch {
    return null;
  }
}
