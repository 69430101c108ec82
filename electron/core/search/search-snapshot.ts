// The search index kept on disk, so that opening an archive does not build it again from every
// record. One file, written whole and atomically (temp file, fsync, rename):
//
//   search/index.snapshot   line 1: a header {format, version, scheme, createdAt, records, bytes, sha256, postingsAt}
//                           then the body: {"records":[record id…],"stamps":[stamp…],"keys":[file key or null…],
//                                           "index":<the index's state, compact-index.ts>}, the lists in the same order
//                           and from postingsAt (a multiple of 4 within the body): every posting, as 32-bit numbers
//
// Never trusted blindly. A header of another version or index scheme makes it outdated (rebuilt);
// a body cut off, with other bytes than its checksum, or that does not load, makes it damaged
// (put in quarantine, then rebuilt). Even a whole one is only a starting point: the stamps say which
// records it holds as they were, and the keeper indexes again every record whose stamp differs. The
// keys say which record files those stamps were taken of (see store/read-files.ts): a record read
// from a file with the same key is the same, and its words need not be hashed again to know it.
// Version 2 kept the stamps as objects by record id; it is still read (without keys).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { LocalText } from '../../contract';
import { text } from '../../common/i18n/text';
import { reasonOf } from '../errors';
import { syncDirectory, writeDurably } from '../store/durable-json-file';
import { INDEX_SCHEME, RecordIndex } from './record-index';
import { blocksOf, checkDocuments, isCompactMeta, type CompactMeta } from './compact-index';

export const SNAPSHOT_FORMAT = 'cairn-search-index';
/**
 * 3: the stamps and keys as lists beside the records' ids (2 kept them as objects by id, which took
 * 0.6 s more to read and check at 100,000 records; it is still read). 2 was the compact form (1 was
 * MiniSearch's JSON: 1.2 s to parse and 1 s more to load at 20,000 records).
 */
export const SNAPSHOT_VERSION = 3;
/** The versions this Cairn reads (it writes SNAPSHOT_VERSION); any other is outdated, and rebuilt. */
const READABLE_VERSIONS: readonly number[] = [2, 3];
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
  /** Where the postings start in the body. */
  postingsAt: number;
}

export type SnapshotRead =
  | { kind: 'missing' }
  /** Made by another version of Cairn or under another index scheme: rebuilt, and nothing is wrong. */
  | { kind: 'outdated' }
  | { kind: 'damaged'; problem: LocalText }
  | { kind: 'loaded'; index: RecordIndex; stamps: Map<string, string>; keys: Map<string, string>; createdAt: string; version: number };

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Writes the index, the stamps of what it holds and the keys of the files they were taken of; returns the snapshot's size in bytes. */
export async function writeSearchSnapshot(root: string, index: RecordIndex, stamps: ReadonlyMap<string, string>, options: { keys?: ReadonlyMap<string, string>; now?: Date } = {}): Promise<number> {
  const { keys = new Map<string, string>(), now = new Date() } = options;
  const { meta, postings } = index.toCompact();
  const ids = [...stamps.keys()];
  const json = `{"records":${JSON.stringify(ids)},"stamps":${JSON.stringify(ids.map((id) => stamps.get(id)))},"keys":${JSON.stringify(ids.map((id) => keys.get(id) ?? null))},"index":${JSON.stringify(meta)}}\n`;
  // Spaces after the JSON so that the postings start at a multiple of 4 (read in place when the file is).
  const postingsAt = Math.ceil(Buffer.byteLength(json) / 4) * 4;
  const body = Buffer.concat([Buffer.from(json.padEnd(json.length + postingsAt - Buffer.byteLength(json), ' ')), Buffer.from(postings.buffer, postings.byteOffset, postings.byteLength)]);
  const header: Header = { format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, scheme: INDEX_SCHEME, createdAt: now.toISOString(), records: stamps.size, bytes: body.length, sha256: sha256(body), postingsAt };
  const file = snapshotPath(root);
  // Only search/ itself: were the archive's folder gone (a stick pulled out), it must not be made again.
  await mkdir(path.dirname(file)).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== 'EEXIST') throw e;
  });
  await syncDirectory(root);
  // The header line padded to a multiple of 4 as well: the postings then start at one in the file,
  // and are read in place, not copied (54 ms at 20,000 records).
  const line = JSON.stringify(header);
  const content = Buffer.concat([Buffer.from(`${line.padEnd(Math.ceil((Buffer.byteLength(line) + 1) / 4) * 4 - 1 - Buffer.byteLength(line) + line.length, ' ')}\n`), body]);
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
  // Other work in between checking (a few hundred ms at 20,000 records) and putting the words in.
  await new Promise<void>((resolve) => setImmediate(resolve));
  return loaded(checked);
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
  return loaded(checked);
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

type Checked =
  | Exclude<SnapshotRead, { kind: 'loaded' }>
  | { kind: 'whole'; meta: CompactMeta; postings: Uint32Array; bounds: Uint32Array; stamps: Map<string, string>; keys: Map<string, string>; createdAt: string; version: number };

const unreadable = (e: unknown): SnapshotRead =>
  (e as NodeJS.ErrnoException).code === 'ENOENT' ? { kind: 'missing' } : { kind: 'damaged', problem: text('search_snapshot_unreadable', { reason: reasonOf(e) }) };

/** The header, the length and checksum of the body, and the body's shape; the index itself is loaded after. */
function check(content: Buffer): Checked {
  const newline = content.indexOf(0x0a);
  const header = parseHeader(newline < 0 ? content : content.subarray(0, newline));
  if (!header) return { kind: 'damaged', problem: text('search_snapshot_not_one') };
  if (!READABLE_VERSIONS.includes(header.version) || header.scheme !== INDEX_SCHEME) return { kind: 'outdated' };
  const body = content.subarray(newline + 1);
  if (newline < 0 || body.length !== header.bytes) return { kind: 'damaged', problem: text('search_snapshot_cut', { bytes: String(Math.max(0, body.length)), expected: String(header.bytes) }) };
  if (sha256(body) !== header.sha256) return { kind: 'damaged', problem: text('search_snapshot_checksum') };
  try {
    const at = header.postingsAt;
    if (!Number.isInteger(at) || at < 0 || at > body.length || at % 4 !== 0 || (body.length - at) % 4 !== 0) throw new Error('no postings');
    const parsed = JSON.parse(body.subarray(0, at).toString('utf8')) as { records?: unknown; stamps?: unknown; keys?: unknown; index?: unknown };
    const { stamps: stamped, keys } = header.version === 2 ? stampsOf2(parsed) : stampsOf(parsed);
    if (!isCompactMeta(parsed.index)) throw new Error('no index');
    // Written on a machine that keeps numbers in the other byte order: made again here, nothing is wrong.
    if (parsed.index.endianness !== os.endianness()) return { kind: 'outdated' };
    const postings = uint32sOf(body.subarray(at));
    const bounds = blocksOf(parsed.index, postings);
    checkDocuments(parsed.index, stamped);
    return { kind: 'whole', meta: parsed.index, postings, bounds, stamps: stamped, keys, createdAt: header.createdAt, version: header.version };
  } catch (e) {
    return { kind: 'damaged', problem: text('search_snapshot_unreadable', { reason: reasonOf(e) }) };
  }
}

/** The bytes as 32-bit numbers: in place when they start at a multiple of 4 in memory, else copied. */
function uint32sOf(bytes: Buffer): Uint32Array {
  if (bytes.byteOffset % 4 === 0) return new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return new Uint32Array(copy.buffer);
}

function loaded(checked: Extract<Checked, { kind: 'whole' }>): SnapshotRead {
  let index: RecordIndex;
  try {
    index = RecordIndex.fromCompact(checked.meta, checked.postings, checked.bounds);
  } catch (e) {
    return { kind: 'damaged', problem: text('search_snapshot_unreadable', { reason: reasonOf(e) }) };
  }
  if (index.size !== checked.stamps.size) return { kind: 'damaged', problem: text('search_snapshot_unreadable', { reason: 'stamps and index disagree' }) };
  return { kind: 'loaded', index, stamps: checked.stamps, keys: checked.keys, createdAt: checked.createdAt, version: checked.version };
}

type Stamped = { stamps: Map<string, string>; keys: Map<string, string> };

/** The stamps and keys of a version 3 body: three lists of one length, ids each once, keys a string or null. */
function stampsOf(parsed: { records?: unknown; stamps?: unknown; keys?: unknown }): Stamped {
  const { records: ids, stamps: list, keys: keyList } = parsed;
  if (!Array.isArray(ids) || !Array.isArray(list) || list.length !== ids.length) throw new Error('no stamps');
  if (!Array.isArray(keyList) || keyList.length !== ids.length) throw new Error('no keys');
  const stamps = new Map<string, string>();
  const keys = new Map<string, string>();
  for (let i = 0; i < ids.length; i++) {
    const id: unknown = ids[i];
    const stamp: unknown = list[i];
    const key: unknown = keyList[i];
    if (typeof id !== 'string' || typeof stamp !== 'string' || stamps.has(id)) throw new Error('no stamps');
    stamps.set(id, stamp);
    if (typeof key === 'string') keys.set(id, key);
    else if (key !== null) throw new Error('no keys');
  }
  return { stamps, keys };
}

/** The same of a version 2 body: the stamps as an object by record id, and no keys. */
function stampsOf2(parsed: { stamps?: unknown }): Stamped {
  if (!isStringMap(parsed.stamps)) throw new Error('no stamps');
  return { stamps: new Map(Object.entries(parsed.stamps)), keys: new Map() };
}

const isStringMap = (value: unknown): value is Record<string, string> =>
  !!value && typeof value === 'object' && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string');

function parseHeader(line: Buffer): Header | null {
  try {
    const h = JSON.parse(line.toString('utf8')) as Partial<Header>;
    if (h?.format !== SNAPSHOT_FORMAT || typeof h.version !== 'number' || typeof h.scheme !== 'string' || typeof h.bytes !== 'number' || typeof h.sha256 !== 'string') return null;
    // An older version's header has no postingsAt: it is outdated (check looks at the version first).
    if (READABLE_VERSIONS.includes(h.version) && typeof h.postingsAt !== 'number') return null;
    return h as Header;
  } catch {
    return null;
  }
}
