// The catalogue: every record as it stands in its file, but its text, with the key of that file (its
// size and times: store/read-files.ts). Written with the search index's snapshot, from the records
// the index holds; read by first-answers.ts, which answers a search from it and the snapshot before
// the records are read (a record's text is read from its file only for the hits shown). One file,
// written whole and atomically (temp file, fsync, rename):
//
//   search/catalogue   line 1: a header {format, version, createdAt, records, entities, bytes, sha256}
//                      then the body: a line {"ids":[record id…],"titles":[its title…],"keys":[file key…],"entityFiles":[file
//                      in entities/…],"entityKeys":[file key…]}, then a line for each record in that order
//                      (the record without its text, as JSON), then one for each entity (as its file has it)
//
// A line a record, so that a search reads only the records it needs (the hits it orders and shows:
// a third of them for "human rights" at 20,000 records), not all; the checksum covers them all.
//
// Derived, like the snapshot: a missing, outdated or damaged catalogue is no problem of the archive's
// (a search then opens the archive whole, and the catalogue is written again at the next snapshot),
// and an entry is believed only for a record file whose key is still the entry's.
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CairnRecord, Entity } from '../../contract';
import { writeDurably } from '../store/durable-json-file';

export const CATALOGUE_FORMAT = 'cairn-catalogue';
export const CATALOGUE_VERSION = 1;
/** The catalogue's place in the archive folder (relative, forward slashes). */
export const CATALOGUE_FILE = 'search/catalogue';

export const cataloguePath = (root: string): string => path.join(root, ...CATALOGUE_FILE.split('/'));

/** A record as the catalogue keeps it: everything but its text. */
export type CatalogueRecord = Omit<CairnRecord, 'text'>;

/** The catalogue as read: every record's id and file key, and each record made from its line when asked for. */
export interface Catalogue {
  ids: readonly string[];
  /** Each record's title (equal scores are ordered by title: the records need not be made for it). */
  titles: readonly string[];
  /** The key of each record's file when its line was written (store/record-store.ts's recordFileKey). */
  keys: readonly string[];
  /** The i-th record, parsed from its line (throws when the line is not that record: a Cairn's mistake, as the checksum held). */
  record(i: number): CatalogueRecord;
  /** Each entity's file (relative to entities/, forward slashes), and its key when the entity was read. */
  entityFiles: readonly string[];
  entityKeys: readonly string[];
  /** The i-th entity, parsed from its line. */
  entity(i: number): Entity;
  createdAt: string;
}

export type CatalogueRead = { kind: 'missing' } | { kind: 'outdated' } | { kind: 'damaged'; reason: string } | ({ kind: 'loaded' } & Catalogue);

interface Header {
  format: typeof CATALOGUE_FORMAT;
  version: number;
  createdAt: string;
  records: number;
  entities: number;
  bytes: number;
  sha256: string;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Records stringified between two turns of the event loop while the catalogue is written (2,000: about 15 ms). */
const SLICE = 2_000;

/**
 * The catalogue of these records, those of them whose file key is known (a record changed in this
 * session has none: the next reading of its file gives it one) and that `keep` keeps: taken now, so
 * that what is written is the records as they are at this call, whenever the writing it returns runs.
 * A record object is never changed in place (see Archive's #records), so the writing may stringify
 * them a slice at a time, letting calls be answered meanwhile (125 MB at 100,000 records).
 */
export function catalogueOf(
  root: string,
  records: ReadonlyMap<string, CairnRecord>,
  keys: ReadonlyMap<string, string>,
  options: {
    keyOf: (record: CairnRecord) => string | undefined;
    keep?: (record: CairnRecord) => boolean;
    /** The entities read from their files (changed ones have none), with those files and their keys. */
    entities?: readonly { file: string; key: string; entity: Entity }[];
    now?: Date;
  },
): () => Promise<void> {
  const { keyOf, keep = () => true, entities = [], now = new Date() } = options;
  // Without their texts from the start: a record whose text changes meanwhile does not keep the old one alive.
  const taken: { key: string; record: CatalogueRecord }[] = [];
  for (const [id, key] of keys) {
    const record = records.get(id);
    // Only a record that is still the very object read from the file of that key.
    if (record && keyOf(record) === key && keep(record)) {
      const { text: _text, ...rest } = record;
      taken.push({ key, record: rest });
    }
  }
  return async () => {
    const hash = createHash('sha256');
    const chunks: Buffer[] = [];
    const add = (chunk: Buffer) => {
      chunks.push(chunk);
      hash.update(chunk);
    };
    add(Buffer.from(`${JSON.stringify({ ids: taken.map((t) => t.record.id), titles: taken.map((t) => t.record.title), keys: taken.map((t) => t.key), entityFiles: entities.map((e) => e.file), entityKeys: entities.map((e) => e.key) })}\n`));
    for (let at = 0; at < taken.length; at += SLICE) {
      if (at > 0) await new Promise<void>((resolve) => setImmediate(resolve));
      const lines = taken.slice(at, at + SLICE).map(({ record }) => `${JSON.stringify(record)}\n`);
      add(Buffer.from(lines.join('')));
    }
    if (entities.length > 0) add(Buffer.from(entities.map((e) => `${JSON.stringify(e.entity)}\n`).join('')));
    const bytes = chunks.reduce((n, c) => n + c.length, 0);
    const header: Header = { format: CATALOGUE_FORMAT, version: CATALOGUE_VERSION, createdAt: now.toISOString(), records: taken.length, entities: entities.length, bytes, sha256: hash.digest('hex') };
    const file = cataloguePath(root);
    // Only search/ itself: were the archive's folder gone (a stick pulled out), it must not be made again.
    await mkdir(path.dirname(file)).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'EEXIST') throw e;
    });
    await writeDurably(file, Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), ...chunks]));
  };
}

/** Whether the catalogue on disk is of this version and whole in length (its header and size; the checksum is checked when it is read). */
export function catalogueIsCurrent(root: string): boolean {
  let fd: number;
  try {
    fd = openSync(cataloguePath(root), 'r');
  } catch {
    return false;
  }
  try {
    const start = Buffer.alloc(1024);
    const read = readSync(fd, start, 0, start.length, 0);
    const newline = start.subarray(0, read).indexOf(0x0a);
    const header = newline < 0 ? null : parseHeader(start.subarray(0, newline));
    return header !== null && header.version === CATALOGUE_VERSION && fstatSync(fd).size - newline - 1 === header.bytes;
  } catch {
    return false;
  } finally {
    closeSync(fd);
  }
}

/** Reads and checks the catalogue: its header, length, checksum and shape. */
export async function readCatalogue(root: string): Promise<CatalogueRead> {
  let content: Buffer;
  try {
    content = await readFile(cataloguePath(root));
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? { kind: 'missing' } : { kind: 'damaged', reason: String((e as Error).message) };
  }
  const newline = content.indexOf(0x0a);
  const header = newline < 0 ? null : parseHeader(content.subarray(0, newline));
  if (!header) return { kind: 'damaged', reason: 'no header' };
  if (header.version !== CATALOGUE_VERSION) return { kind: 'outdated' };
  const body = content.subarray(newline + 1);
  if (body.length !== header.bytes) return { kind: 'damaged', reason: 'cut off' };
  if (sha256(body) !== header.sha256) return { kind: 'damaged', reason: 'checksum' };
  try {
    const first = body.indexOf(0x0a);
    const parsed = JSON.parse(body.toString('utf8', 0, Math.max(0, first))) as { ids?: unknown; titles?: unknown; keys?: unknown; entityFiles?: unknown; entityKeys?: unknown };
    const { ids, titles, keys, entityFiles, entityKeys } = parsed;
    if (!isStrings(ids) || !isStrings(titles) || !isStrings(keys) || ids.length !== keys.length || ids.length !== titles.length || ids.length !== header.records || new Set(ids).size !== ids.length) throw new Error('no ids');
    if (!isStrings(entityFiles) || !isStrings(entityKeys) || entityFiles.length !== entityKeys.length || entityFiles.length !== header.entities) throw new Error('no entities');
    // Where each line starts (and the next one, or the end): the records', then the entities'.
    const lines = ids.length + entityFiles.length;
    const starts = new Uint32Array(lines + 1);
    let at = first + 1;
    for (let i = 0; i < lines; i++) {
      starts[i] = at;
      const end = body.indexOf(0x0a, at);
      if (end < 0) throw new Error('lines missing');
      at = end + 1;
    }
    starts[lines] = at;
    if (at !== body.length) throw new Error('lines left over');
    const line = (i: number): unknown => JSON.parse(body.toString('utf8', starts[i], starts[i + 1]! - 1));
    const record = (i: number): CatalogueRecord => {
      const made = line(i) as CatalogueRecord | null;
      if (!made || typeof made !== 'object' || made.id !== ids[i] || made.title !== titles[i]) throw new Error(`catalogue line ${i + 2} is not the record ${ids[i]}`);
      return made;
    };
    const entity = (i: number): Entity => {
      const made = line(ids.length + i) as Entity | null;
      if (!made || typeof made !== 'object' || typeof made.id !== 'string') throw new Error(`catalogue line ${ids.length + i + 2} is not an entity`);
      return made;
    };
    return { kind: 'loaded', ids, titles, keys, record, entityFiles, entityKeys, entity, createdAt: header.createdAt };
  } catch (e) {
    return { kind: 'damaged', reason: String((e as Error).message) };
  }
}

const isStrings = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string');

function parseHeader(line: Buffer): Header | null {
  try {
    const h = JSON.parse(line.toString('utf8')) as Partial<Header>;
    if (h?.format !== CATALOGUE_FORMAT || typeof h.version !== 'number' || typeof h.records !== 'number' || typeof h.entities !== 'number' || typeof h.bytes !== 'number' || typeof h.sha256 !== 'string' || typeof h.createdAt !== 'string') return null;
    return h as Header;
  } catch {
    return null;
  }
}
