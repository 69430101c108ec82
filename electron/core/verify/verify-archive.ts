// `cairn verify`: reads every file of an archive and names each one that is missing, damaged or
// unexpected. The recorded checksums are the newest backup's: a file whose size and date are what
// that backup recorded must still have its bytes (else it was damaged on disk: bit rot, a bad
// sector, a hand edit that kept the date); a file Cairn changed since is checked by what it must
// be (a record that parses and fits the schema, a log whose every line reads, an original whose
// bytes hash to its name). Cross-references find what is missing: the original of every record, the
// entity of every link, the record file of every record its log says exists.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ArchiveProblem, BackupInfo, LocalText, VerifyFinding, VerifyReport } from '../../contract';
import { renderText, text } from '../../common/i18n/text';
import { reasonOf } from '../errors';
import { archiveFiles, onDisk } from '../backup/archive-files';
import { backupDir, listSnapshots, readSnapshotFiles, type SnapshotFile } from '../backup/backup-store';
import { parseLines } from '../changes/log-file';
import { entitySchema, parseRecord, RECORD_FORMAT_VERSION } from '../model/record-schema';
import { ARCHIVE_FORMAT, MANIFEST_FILE } from '../store/archive-folder';
import { validateVocabulary } from '../vocab/vocabulary-file';
import { readTagColours, TAG_COLOURS_FILE } from '../tags/tag-colours';
import { checkSavedSearches, SAVED_SEARCHES_FILE } from '../query/saved-searches';
import { checkSearchSnapshot, SNAPSHOT_FILE } from '../search/search-snapshot';

/** What operating systems leave in folders they show: never reported. */
const OS_LITTER = new Set(['.DS_Store', 'Thumbs.db', 'desktop.ini', '.directory']);

type Kind = 'manifest' | 'record' | 'removed' | 'entity' | 'vocabulary' | 'tags' | 'searches' | 'original' | 'log' | 'unknown';

const HEX2 = '[0-9a-f]{2}';
const PATTERNS: [RegExp, Kind][] = [
  [new RegExp(`^${MANIFEST_FILE.replace('.', '\\.')}$`), 'manifest'],
  [new RegExp(`^records/(${HEX2})/(\\1[^/]*)\\.json$`), 'record'],
  [new RegExp(`^removed/(${HEX2})/(\\1[^/]*)\\.json$`), 'removed'],
  [/^entities\/([0-9a-z]{2})\/(\1[^/]*)\.json$/, 'entity'],
  [/^vocabularies\/([^/]+)\.json$/, 'vocabulary'],
  [new RegExp(`^originals/(${HEX2})/(\\1[0-9a-f]{62})$`), 'original'],
  [/^changes\/operations\.jsonl$/, 'log'],
  [/^changes\/([0-9a-z]{2})\/(\1[^/]*)\.jsonl$/, 'log'],
  [/^changes\/entities\/([0-9a-z]{2})\/(\1[^/]*)\.jsonl$/, 'log'],
  [/^changes\/vocabularies\/([^/]+)\.jsonl$/, 'log'],
  [/^changes\/tags\.jsonl$/, 'log'],
  [new RegExp(`^${TAG_COLOURS_FILE.replace('.', '\\.')}$`), 'tags'],
  [new RegExp(`^${SAVED_SEARCHES_FILE.replace('.', '\\.')}$`), 'searches'],
];

const kindOf = (rel: string): { kind: Kind; id?: string } => {
  for (const [pattern, kind] of PATTERNS) {
    const m = pattern.exec(rel);
    if (m) return { kind, id: m[2] ?? m[1] };
  }
  return { kind: 'unknown' };
};

export interface VerifyOptions {
  /** Called as files are read: done of total. */
  progress?: (done: number, total: number) => void;
}

export async function verifyArchive(root: string, options: VerifyOptions = {}): Promise<VerifyReport> {
  const started = performance.now();
  const findings: VerifyFinding[] = [];
  const add = (problem: VerifyFinding['problem'], file: string, message: LocalText) => findings.push({ problem, file, text: message, message: renderText(message) });

  const { files, odd } = await archiveFiles(root);
  for (const o of odd) add('unexpected', o.path, text('verify_not_a_file'));
  const store = backupDir(root);
  const backup: BackupInfo | null = (await listSnapshots(store).catch(() => []))[0] ?? null;
  const recorded: Map<string, SnapshotFile> = backup ? await readSnapshotFiles(store, backup.id).catch(() => new Map()) : new Map();

  const present = new Set(files.map((f) => f.path));
  const originalsNeeded = new Map<string, string>(); // sha → the title of a record that needs it
  const entitiesLinked = new Map<string, string>(); // entity id → the title of a record linking it
  const recordLogs = new Map<string, boolean>(); // record id → whether its log says it exists now
  const entityLogs = new Map<string, boolean>();
  let bytes = 0;
  let matched = 0;

  const check = async (file: (typeof files)[number]): Promise<void> => {
    const name = path.posix.basename(file.path);
    if (OS_LITTER.has(name)) return;
    const { kind, id } = kindOf(file.path);
    if (kind === 'unknown') {
      add('unexpected', file.path, text('verify_unexpected'));
      return;
    }
    let content: Buffer;
    try {
      content = await readFile(onDisk(root, file.path));
    } catch (e) {
      add('damaged', file.path, text('verify_unreadable', { reason: reasonOf(e) }));
      return;
    }
    bytes += content.length;
    const sha = createHash('sha256').update(content).digest('hex');
    const before = recorded.get(file.path);
    if (before && before.sha256 === sha) matched++;
    else if (before && before.size === file.size && Math.abs(before.mtimeMs - file.mtimeMs) < 1) {
      // Same size and date (to the millisecond some file systems keep) as the backup recorded, other bytes: nothing Cairn did.
      add('damaged', file.path, text('verify_checksum_differs', { backup: backup!.createdAt }));
      return;
    }
    const problem = whatIsWrong(kind, id, content, sha);
    if (problem) {
      add('damaged', file.path, problem);
      return;
    }
    if (kind === 'record') {
      const record = JSON.parse(content.toString('utf8')) as { title?: string; source?: { sha256?: string }; entities?: { entity: string }[] };
      if (record.source?.sha256) originalsNeeded.set(record.source.sha256, record.title ?? id!);
      for (const link of record.entities ?? []) entitiesLinked.set(link.entity, record.title ?? id!);
    }
    if (kind === 'log' && (file.path.startsWith('changes/entities/') || /^changes\/[0-9a-z]{2}\//.test(file.path))) {
      // Whether the record (or entity) exists, by its log's last creation or removal entry.
      const entityLog = file.path.startsWith('changes/entities/');
      let exists: boolean | undefined;
      for (const entry of parseLines(content.toString('utf8'), isEntry).values) {
        if (entry.field === (entityLog ? 'entity' : 'record')) exists = entry.after !== null;
      }
      if (exists !== undefined) (entityLog ? entityLogs : recordLogs).set(id!, exists);
    }
  };
  for (let i = 0; i < files.length; i += 32) {
    await Promise.all(files.slice(i, i + 32).map(check));
    options.progress?.(Math.min(files.length, i + 32), files.length);
  }

  if (!present.has(MANIFEST_FILE)) add('missing', MANIFEST_FILE, text('verify_missing_manifest'));
  for (const [sha, title] of originalsNeeded) {
    const rel = `originals/${sha.slice(0, 2)}/${sha}`;
    if (!present.has(rel)) add('missing', rel, text('verify_missing_original', { title }));
  }
  for (const [entity, title] of entitiesLinked) {
    const rel = `entities/${entity.slice(0, 2)}/${entity}.json`;
    if (!present.has(rel)) add('missing', rel, text('verify_missing_entity', { title }));
  }
  for (const [record, exists] of recordLogs) {
    const rel = `records/${record.slice(0, 2)}/${record}.json`;
    if (exists && !present.has(rel) && !present.has(`removed/${record.slice(0, 2)}/${record}.json`)) add('missing', rel, text('verify_missing_record'));
  }
  for (const [entity, exists] of entityLogs) {
    const rel = `entities/${entity.slice(0, 2)}/${entity}.json`;
    if (exists && !present.has(rel) && !entitiesLinked.has(entity)) add('missing', rel, text('verify_missing_entity_file'));
  }
  // Vocabularies are never removed by Cairn: one the backup had and the folder lacks went missing.
  for (const rel of recorded.keys()) {
    if (rel.startsWith('vocabularies/') && !present.has(rel)) add('missing', rel, text('verify_missing_vocabulary', { backup: backup!.createdAt }));
  }

  // The search index's snapshot is not among the archive's files (it is made from them), but a
  // damaged one is named too: the next opening puts it in quarantine and builds the index again.
  const snapshot = await checkSearchSnapshot(root);
  if (snapshot) add('damaged', SNAPSHOT_FILE, text('verify_search_snapshot', { problem: snapshot }));

  const order = { missing: 0, damaged: 1, unexpected: 2 };
  findings.sort((a, b) => order[a.problem] - order[b.problem] || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return {
    ok: findings.length === 0,
    files: files.length,
    bytes,
    backup: backup && { id: backup.id, createdAt: backup.createdAt },
    matchedBackup: matched,
    findings,
    seconds: Math.round((performance.now() - started) / 100) / 10,
  };
}

interface LogLine {
  field?: string;
  after?: unknown;
}
const isEntry = (v: unknown): v is LogLine => typeof v === 'object' && v !== null && !Array.isArray(v);

function whatIsWrong(kind: Kind, id: string | undefined, content: Buffer, sha: string): LocalText | null {
  if (kind === 'original') return sha === id ? null : text('verify_original_hash');
  const body = content.toString('utf8');
  if (kind === 'log') {
    if (body.length > 0 && !body.endsWith('\n')) return text('verify_log_cut');
    const { damaged } = parseLines(body, isEntry);
    return damaged > 0 ? text('verify_log_lines', { count: damaged }) : null;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    return content.length === 0 ? text('verify_empty') : content.every((b) => b === 0) ? text('verify_zeroed') : text('verify_not_json');
  }
  try {
    if (kind === 'manifest') {
      const m = raw as { format?: unknown; version?: unknown; id?: unknown };
      if (m.format !== ARCHIVE_FORMAT || typeof m.version !== 'number' || typeof m.id !== 'string') return text('verify_manifest_foreign');
    } else if (kind === 'record' || kind === 'removed') {
      // A record a newer Cairn wrote is not damaged: this one cannot judge it.
      if (((raw as { formatVersion?: unknown }).formatVersion as number) > RECORD_FORMAT_VERSION) return null;
      const record = parseRecord(raw);
      if (record.id !== id) return text('verify_wrong_id', { id: record.id });
    } else if (kind === 'entity') {
      const entity = entitySchema.parse(raw) as { id: string };
      if (entity.id !== id) return text('verify_wrong_id', { id: entity.id });
    } else if (kind === 'vocabulary') {
      validateVocabulary(raw);
    } else if (kind === 'searches') {
      const wrong = checkSavedSearches(raw);
      if (typeof wrong === 'string') return text('verify_schema', { reason: wrong });
    } else if (kind === 'tags') {
      const problems: ArchiveProblem[] = [];
      readTagColours(raw, problems);
      if (problems[0]) return problems[0].text;
    }
  } catch (e) {
    return text('verify_schema', { reason: reasonOf(e) });
  }
  return null;
}
