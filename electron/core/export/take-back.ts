// Taking an export back: a Cairn JSON document, a JSONL file (with entities.json beside it, as in a
// bag) or a bag (folder or .zip, verified first) read back into an empty archive, so that the
// records come back exactly as exported: ids, revisions, tags, statuses and review marks,
// annotations, notes, entity links and the entities, the vocabularies, the originals (from a bag)
// and, when the export carried it, each record's history and the operations it belonged to.
// Every record, entity and vocabulary is checked first; a single bad one refuses the whole export,
// naming it, and nothing is written.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, open, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { unzipSync } from 'fflate';
import type { CairnRecord, ChangeEntry, Entity, Operation, TakenBack, Vocabulary } from '../../contract';

export type { TakenBack };
import { text } from '../../common/i18n/text';
import { CairnError } from '../errors';
import { entitySchema, parseRecord } from '../model/record-schema';
import { validateVocabulary } from '../vocab/vocabulary-file';
import { isChangeEntry } from '../changes/entries';
import { verifyBag } from './verify-bag';
import { safeFileName } from './run-export';

export interface ExportContents {
  from: 'json' | 'jsonl' | 'bagit';
  records: (CairnRecord & { history?: ChangeEntry[] })[];
  entities: Entity[];
  vocabularies: Vocabulary[];
  /** Original files by SHA-256, where the export carried them (a bag), as paths to read. */
  originals: Map<string, string>;
  /** A folder to remove once done (a zip unpacked). */
  cleanup?: string;
}

/** Largest JSON document read whole; larger exports come as JSONL or bags, which are read line by line. */
const MAX_JSON_BYTES = 400 * 1024 * 1024;

const bad = (where: string, reason: string) => new CairnError('E_VALIDATION', text('take_back_bad_item', { where, reason }));

export async function readExport(given: string): Promise<ExportContents> {
  const where = path.resolve(given);
  let st;
  try {
    st = await stat(where);
  } catch {
    throw new CairnError('E_NOT_FOUND', text('take_back_missing', { path: where }));
  }
  if (st.isDirectory()) return readBag(where);
  if (/\.zip$/i.test(where)) return readZippedBag(where);
  if (/\.jsonl$/i.test(where)) {
    const records = await readJsonl(where, path.basename(where));
    const beside = path.join(path.dirname(where), 'entities.json');
    const entities = (await stat(beside).then(() => true, () => false)) ? parseEntities(JSON.parse(await readFile(beside, 'utf8')), 'entities.json') : [];
    return checked({ from: 'jsonl', records, entities, vocabularies: [], originals: new Map() });
  }
  if (st.size > MAX_JSON_BYTES) throw new CairnError('E_TOO_LARGE', text('take_back_json_too_large', { path: where }));
  let doc: unknown;
  try {
    doc = JSON.parse(await readFile(where, 'utf8'));
  } catch (e) {
    throw bad(path.basename(where), (e as Error).message);
  }
  const d = doc as { format?: unknown; records?: unknown; entities?: unknown; vocabularies?: unknown };
  if (d?.format !== 'cairn-export' || !Array.isArray(d.records)) throw new CairnError('E_UNSUPPORTED_FORMAT', text('take_back_not_an_export', { path: where }));
  const records = d.records.map((r, i) => record(r, `records[${i}]`));
  return checked({
    from: 'json',
    records,
    entities: parseEntities(d.entities ?? [], 'entities'),
    vocabularies: parseVocabularies(d.vocabularies ?? [], 'vocabularies'),
    originals: new Map(),
  });
}

async function readBag(dir: string, cleanup?: string): Promise<ExportContents> {
  const report = await verifyBag(dir);
  if (!report.ok) {
    const first = report.problems[0]!;
    throw new CairnError('E_VALIDATION', text('take_back_bag_not_whole', { count: report.problems.length, file: first.file, message: first.message }));
  }
  const data = path.join(dir, 'data');
  const records = await readJsonl(path.join(data, 'records.jsonl'), 'data/records.jsonl');
  const json = async (name: string) => JSON.parse(await readFile(path.join(data, name), 'utf8').catch(() => '[]')) as unknown;
  const originals = new Map<string, string>();
  for (const r of records) {
    if (!r.source) continue;
    const file = path.join(data, 'originals', r.id, safeFileName(r.source.fileName));
    if (await stat(file).then((s) => s.isFile(), () => false)) originals.set(r.source.sha256, file);
  }
  return checked({ from: 'bagit', records, entities: parseEntities(await json('entities.json'), 'data/entities.json'), vocabularies: parseVocabularies(await json('vocabularies.json'), 'data/vocabularies.json'), originals, cleanup });
}

/** A zipped bag is verified as it is, then unpacked into a temp folder to be read. */
async function readZippedBag(file: string): Promise<ExportContents> {
  const report = await verifyBag(file);
  if (!report.ok) {
    const first = report.problems[0]!;
    throw new CairnError('E_VALIDATION', text('take_back_bag_not_whole', { count: report.problems.length, file: first.file, message: first.message }));
  }
  const temp = await mkdtemp(path.join(tmpdir(), 'cairn-take-back-'));
  try {
    const entries = unzipSync(await readFile(file));
    const top = Object.keys(entries).find((n) => n === 'bagit.txt' || /^[^/]+\/bagit\.txt$/.test(n))!;
    const prefix = top.slice(0, -'bagit.txt'.length);
    for (const [name, bytes] of Object.entries(entries)) {
      if (!name.startsWith(prefix) || name.endsWith('/')) continue;
      const rel = name.slice(prefix.length);
      // Only plain relative names: no "..", no backslash (a folder separator on Windows), no drive or colon.
      if (rel.split('/').some((part) => part === '..' || part === '') || /[\\:]/.test(rel)) {
        throw new CairnError('E_VALIDATION', text('take_back_bad_item', { where: name, reason: 'a name that would reach outside the bag' }));
      }
      const out = path.join(temp, ...rel.split('/'));
      if (path.relative(temp, out).startsWith('..')) throw new CairnError('E_VALIDATION', text('take_back_bad_item', { where: name, reason: 'a name that would reach outside the bag' }));
      await mkdir(path.dirname(out), { recursive: true });
      await writeFile(out, bytes);
    }
    return await readBag(temp, temp);
  } catch (e) {
    await rm(temp, { recursive: true, force: true });
    throw e;
  }
}

async function readJsonl(file: string, shown: string): Promise<(CairnRecord & { history?: ChangeEntry[] })[]> {
  const records: (CairnRecord & { history?: ChangeEntry[] })[] = [];
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) {
    n++;
    if (line.trim() === '') continue;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (e) {
      throw bad(`${shown}, line ${n}`, (e as Error).message);
    }
    records.push(record(raw, `${shown}, line ${n}`));
  }
  return records;
}

function record(raw: unknown, where: string): CairnRecord & { history?: ChangeEntry[] } {
  try {
    const { history, ...rest } = raw as Record<string, unknown>;
    const parsed = parseRecord(rest) as CairnRecord & { history?: ChangeEntry[] };
    if (history !== undefined) {
      if (!Array.isArray(history) || !history.every(isChangeEntry) || history.some((e) => e.record !== parsed.id || e.rev > parsed.rev)) {
        throw new Error('its history is not a list of this record\'s changes up to its revision');
      }
      for (let i = 1; i < history.length; i++) if (history[i]!.clock < history[i - 1]!.clock) throw new Error('its history is not in the order the changes were made');
      parsed.history = history;
    }
    return parsed;
  } catch (e) {
    if (e instanceof CairnError) throw e;
    throw bad(where, (e as Error).message);
  }
}

function parseEntities(raw: unknown, where: string): Entity[] {
  if (!Array.isArray(raw)) throw bad(where, 'not a list of entities');
  return raw.map((e, i) => {
    const parsed = entitySchema.safeParse(e);
    if (!parsed.success) throw bad(`${where}[${i}]`, parsed.error.issues[0]?.message ?? 'not an entity');
    return parsed.data as Entity;
  });
}

function parseVocabularies(raw: unknown, where: string): Vocabulary[] {
  if (!Array.isArray(raw)) throw bad(where, 'not a list of vocabularies');
  return raw.map((v, i) => {
    try {
      return validateVocabulary(v);
    } catch (e) {
      throw bad(`${where}[${i}]`, (e as Error).message);
    }
  });
}

/** One id once: two records (or entities) with one id would leave one of them behind. */
function checked(contents: ExportContents): ExportContents {
  const seen = new Set<string>();
  for (const r of contents.records) {
    if (seen.has(r.id)) throw bad(r.id, 'two records in the export have this id');
    seen.add(r.id);
  }
  const entities = new Set<string>();
  for (const e of contents.entities) {
    if (entities.has(e.id)) throw bad(e.id, 'two entities in the export have this id');
    entities.add(e.id);
  }
  return contents;
}

/** The operations a set of exported histories belonged to, rebuilt for the journal, oldest first. */
export function operationsOf(records: readonly { history?: ChangeEntry[] }[]): Operation[] {
  const byOp = new Map<string, Operation & { fieldSet: Set<string>; recordSet: Set<string> }>();
  for (const r of records) {
    for (const e of r.history ?? []) {
      let o = byOp.get(e.op);
      if (!o) {
        o = { op: e.op, kind: e.kind ?? 'edit', clock: e.clock, at: e.at, who: e.who, records: [], fields: [], fieldSet: new Set(), recordSet: new Set(), ...(e.comment ? { comment: e.comment } : {}) };
        byOp.set(e.op, o);
      }
      o.recordSet.add(e.record);
      o.fieldSet.add(e.field);
    }
  }
  return [...byOp.values()]
    .sort((a, b) => (a.clock < b.clock ? -1 : a.clock > b.clock ? 1 : 0))
    .map(({ fieldSet, recordSet, ...o }) => ({ ...o, records: [...recordSet].sort(), fields: [...fieldSet].sort() }));
}

/** Where each kind of file goes in the archive folder (the archive's own layout functions). */
export interface TakeBackTarget {
  saveRecord(record: CairnRecord): Promise<void>;
  saveEntity(entity: Entity): Promise<void>;
  saveVocabulary(vocabulary: Vocabulary): Promise<void>;
  keepOriginal(sha256: string, bytes: Uint8Array): Promise<void>;
  appendHistory(id: string, entries: readonly ChangeEntry[]): Promise<void>;
  appendOperations(operations: readonly Operation[]): Promise<void>;
}

/**
 * Writes what was read: vocabularies and entities first, then each record's history, original and
 * record file (a record is written last, so that a crash leaves no record without its history),
 * then the journal of operations.
 */
export async function writeTakenBack(contents: ExportContents, target: TakeBackTarget): Promise<TakenBack> {
  for (const v of contents.vocabularies) await target.saveVocabulary(v);
  for (const e of contents.entities) await target.saveEntity(e);
  const { originals, changes } = await writeExportedRecords(contents, contents.records, { ...target, writeRecord: (record) => target.saveRecord(record) });
  const operations = operationsOf(contents.records);
  await target.appendOperations(operations);
  return { from: contents.from, into: 'whole', records: contents.records.length, entities: contents.entities.length, matched: 0, vocabularies: contents.vocabularies.length, originals, changes, operations: operations.length, skipped: [] };
}

/** Where an exported record's history, original and file go (taking back whole, or bringing records in). */
export interface ExportedRecordTarget {
  /** Whether its exported history is to be written (default: always). */
  wantsHistory?(id: string): Promise<boolean>;
  appendHistory(id: string, entries: readonly ChangeEntry[]): Promise<void>;
  keepOriginal(sha256: string, bytes: Uint8Array): Promise<void>;
  writeRecord(record: CairnRecord): Promise<void>;
}

/**
 * Each exported record's history, then its original (from a bag), then the record (written last,
 * so that a crash leaves no record without its history); counts what was written.
 */
export async function writeExportedRecords(contents: ExportContents, records: readonly (CairnRecord & { history?: ChangeEntry[] })[], target: ExportedRecordTarget): Promise<{ originals: number; changes: number }> {
  let originals = 0;
  let changes = 0;
  for (const { history, ...record } of records) {
    if (history?.length && (await (target.wantsHistory?.(record.id) ?? true))) {
      await target.appendHistory(record.id, history);
      changes += history.length;
    }
    const bytes = await originalOf(contents, record);
    if (bytes) {
      await target.keepOriginal(record.source!.sha256, bytes);
      originals++;
    }
    await target.writeRecord(record);
  }
  return { originals, changes };
}

/**
 * The original file a bag carries for a record, when its bytes are the ones the record names (an
 * original that is not is never kept: the record says what it was); null otherwise.
 */
export async function originalOf(contents: ExportContents, record: CairnRecord): Promise<Uint8Array | null> {
  const file = record.source ? contents.originals.get(record.source.sha256) : undefined;
  if (!file || !record.source) return null;
  const bytes = await readFile(file);
  return createHash('sha256').update(bytes).digest('hex') === record.source.sha256 ? bytes : null;
}

/** Whether `given` looks like one of Cairn's exports: a bag (folder with bagit.txt, or .zip), a .jsonl, or a JSON document saying "cairn-export". */
export async function isCairnExport(given: string): Promise<boolean> {
  const where = path.resolve(given);
  const st = await stat(where).catch(() => null);
  if (!st) return false;
  if (st.isDirectory()) return stat(path.join(where, 'bagit.txt')).then((s) => s.isFile(), () => false);
  if (/\.(zip|jsonl)$/i.test(where)) return true;
  if (!/\.json$/i.test(where)) return false;
  const handle = await open(where, 'r');
  try {
    const head = Buffer.alloc(512);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return /"format"\s*:\s*"cairn-export"/.test(head.subarray(0, bytesRead).toString('utf8'));
  } finally {
    await handle.close();
  }
}
