// Keeps each record in its own lowdb file, so saving one edit costs that record, not the archive.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Low } from 'lowdb';
import type { ArchiveProblem, CairnRecord, ErrorCode, LocalText } from '../../contract';
import { text } from '../../common/i18n/text';
import { problem, reasonOf } from '../errors';
import { parseRecord, RECORD_FORMAT_VERSION } from '../model/record-schema';
import { DurableJSONFile, makeDirectory } from './durable-json-file';
import { layout } from './archive-folder';
import { shardFiles } from './shard-files';
import { readFilesInLanes } from './read-files';
import { damaged, relativeOf } from '../backup/quarantine';
import { APP_VERSION } from '../app-version';

export interface LoadedRecords {
  records: CairnRecord[];
  problems: ArchiveProblem[];
  /**
   * Records that can be read but must not be written, and the error a write gets: two files hold
   * the record (a write would go to one and the next open could read the other), it is kept under
   * another file name, or a newer Cairn wrote it.
   */
  frozen: Map<string, { code: ErrorCode; text: LocalText }>;
}

/**
 * The key of the file each record was read from (see read-files.ts), for the record object read
 * from it: an edit makes a new object, which has none (a record is never changed in place: see
 * Archive's #records). The search index checks a record by it rather than hashing its words when its
 * file is the one it indexed. The key names the Cairn that read it: another Cairn may read the same
 * bytes into another record (its parsing changed), so its keys are not taken for this one's.
 */
const fileKeys = new WeakMap<CairnRecord, string>();
const KEYS_OF = `${APP_VERSION}/${RECORD_FORMAT_VERSION}/`;

/** The key of the file this very record object was read from, when the reading gave one. */
export const fileKeyOf = (record: CairnRecord): string | undefined => fileKeys.get(record);

/** A file's key (see read-files.ts) as the records read by this Cairn carry it. */
export const recordFileKey = (key: string): string => KEYS_OF + key;

/**
 * Says that this record object is the one in the file of that key (a key recordFileKey made): for a
 * record taken from the catalogue, which was made of that very file (see catalogue/first-answers.ts).
 */
export function knownByFileKey(record: CairnRecord, key: string): void {
  fileKeys.set(record, key);
}

export interface RecordFile {
  /** Relative to the archive folder. */
  file: string;
  record: CairnRecord;
}

/** Reads every record file under records/. A file that cannot be read or is not a valid record is reported and left alone. */
export async function loadRecords(root: string): Promise<LoadedRecords> {
  const loaded: LoadedRecords = { records: [], problems: [], frozen: new Map() };
  const byId = new Map<string, RecordFile[]>();
  for (const f of await readRecordFiles(root, loaded.problems)) {
    const copies = byId.get(f.record.id);
    if (copies) copies.push(f);
    else byId.set(f.record.id, [f]);
  }
  for (const [id, copies] of byId) {
    // Named as the files are (forward slashes), so that a record where it belongs is not taken for one kept elsewhere.
    const canonical = relativeOf(root, layout.record(root, id));
    const shown = copies.find((c) => c.file === canonical) ?? copies[0]!;
    loaded.records.push(shown.record);
    const title = shown.record.title;
    if (copies.length > 1 || shown.file !== canonical) {
      const names = copies.map((c) => c.file);
      const how =
        copies.length > 1
          ? text('record_held_by_several_files', { title, count: copies.length, files: names.join(', '), copies: describeCopies(root, copies), shown: shown.file })
          : text('record_kept_elsewhere', { title, file: shown.file, canonical });
      loaded.problems.push(problem(shown.file, how, { recordId: id }));
      loaded.frozen.set(id, { code: 'E_RECORD_CONFLICT', text: how });
    } else if (shown.record.formatVersion > RECORD_FORMAT_VERSION) {
      const why = text('record_too_new', { title, version: String(shown.record.formatVersion), supported: String(RECORD_FORMAT_VERSION) });
      loaded.problems.push(problem(shown.file, why, { recordId: id }));
      loaded.frozen.set(id, { code: 'E_RECORD_TOO_NEW', text: why });
    }
  }
  return loaded;
}

function describeCopies(root: string, copies: RecordFile[]): LocalText {
  // Read again here, the rare time a record has several files: keeping every file's text while the
  // archive loads would hold 100 MB more at 20,000 records, for the garbage collector to walk.
  const contents = copies.map((c) => {
    try {
      return readFileSync(path.join(root, c.file), 'utf8');
    } catch {
      return null;
    }
  });
  if (contents[0] !== null && contents.every((c) => c === contents[0])) return text('record_copies_identical');
  return text('record_copies_differ', { revisions: copies.map((c) => c.record.rev).join(', '), times: copies.map((c) => c.record.updatedAt).join(', ') });
}

/** Every readable, valid record file; the others become problems. */
async function readRecordFiles(root: string, problems: ArchiveProblem[]): Promise<RecordFile[]> {
  const files = await shardFiles(layout.recordsDir(root), root, problems);
  // Read and parsed as each file comes (see readFilesInLanes); problems said in the files' order.
  const read = await readFilesInLanes(files, (path, content, key) => recordFileOf(root, path, content, key), { keys: true });
  const out: RecordFile[] = [];
  for (const r of read) {
    if ('record' in r) out.push(r);
    else problems.push(r);
  }
  return out;
}

/** One file's record, or the problem that stops it being read (its key kept with the record: see fileKeyOf). */
export function recordFileOf(root: string, path: string, content: string | Error, key: string | null): RecordFile | ArchiveProblem {
  const file = relativeOf(root, path);
  if (content instanceof Error) return problem(file, text('record_file_unreadable', { reason: content.message }));
  try {
    const record = readRecord(content);
    if (key !== null) fileKeys.set(record, KEYS_OF + key);
    return { file, record };
  } catch (e) {
    // A record from a newer Cairn is not damaged: it is left where it is, for that Cairn.
    if (e instanceof NewerRecordError) return problem(file, text('record_file_newer_unreadable', { version: String(e.version), supported: String(RECORD_FORMAT_VERSION) }));
    return problem(file, text('record_file_unreadable', { reason: reasonOf(e) }), damaged(file));
  }
}

/** A record file from a newer Cairn that this one cannot parse: not damaged, left for that Cairn. */
class NewerRecordError extends Error {
  constructor(readonly version: number, options: ErrorOptions) {
    super(`record format ${version}`, options);
  }
}

function readRecord(content: string): CairnRecord {
  const raw = JSON.parse(content) as unknown;
  try {
    return parseRecord(raw);
  } catch (e) {
    const version = (raw as { formatVersion?: unknown } | null)?.formatVersion;
    if (typeof version === 'number' && version > RECORD_FORMAT_VERSION) {
      throw new NewerRecordError(version, { cause: e });
    }
    throw e;
  }
}

/** Writes one record durably (fsync + atomic rename) through lowdb. */
export async function saveRecord(root: string, record: CairnRecord): Promise<void> {
  const file = layout.record(root, record.id);
  await makeDirectory(path.dirname(file));
  const db = new Low<CairnRecord>(new DurableJSONFile(file), record);
  await db.write();
}
