// The stream of mixed changes the crash tests drive through the core: every kind of change Cairn
// makes, each saying BEGIN before it starts and ACK only once the core has acknowledged it. What an
// ACK promises is then checked against the archive as it opens after a kill or a power cut.
import { existsSync } from 'node:fs';
import type { Archive } from '../../archive';
import { layout } from '../../store/archive-folder';

export const CRASH_OPERATIONS = ['import', 'tag', 'set', 'annotate', 'note', 'bulk', 'undo', 'entity', 'backup'] as const;
export type CrashOperation = (typeof CRASH_OPERATIONS)[number];

export interface JournalEntry {
  phase: 'BEGIN' | 'ACK';
  op: CrashOperation;
  /** The unique value the change writes: a tag, a description, a note, a marker in an imported text… */
  value: string;
  /** The record changed (bulk: the records). */
  ids?: string[];
  /** import: the file's name; backup: the backup's id (on ACK). */
  name?: string;
}

export interface WorkloadOptions {
  random: () => number;
  /** Makes the values unique across the processes that change one archive (e.g. the worker's seed). */
  prefix: string;
  /** Texts that imported files are made of. */
  texts: readonly string[];
  /** Imports propose entities (more writes per import: the long kill runs of the bench; default false, as in `npm test`). */
  entities?: boolean;
  /** Says one journal line; it must be out of the process before the next change starts. */
  say: (line: string) => void;
  /** Stops after this many changes (the kill tests never reach it). */
  limit?: number;
  /** How often each kind of change comes up (default: all alike, backups rarer). */
  weights?: Partial<Record<CrashOperation, number>>;
}

const DEFAULT_WEIGHTS: Record<CrashOperation, number> = { import: 3, tag: 3, set: 3, annotate: 2, note: 2, bulk: 1, undo: 1, entity: 1, backup: 0.3 };

export const journalLine = (e: JournalEntry): string => `${e.phase} ${JSON.stringify({ ...e, phase: undefined })}`;

/** Drives changes through the archive until `limit` (or forever); each is acknowledged only after the core resolved it. */
export async function runWorkload(archive: Archive, options: WorkloadOptions): Promise<number> {
  const { random, say } = options;
  const weights = { ...DEFAULT_WEIGHTS, ...options.weights };
  const total = CRASH_OPERATIONS.reduce((sum, op) => sum + weights[op], 0);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const log = (phase: JournalEntry['phase'], e: Omit<JournalEntry, 'phase'>) => say(journalLine({ phase, ...e }));
  let done = 0;
  for (let n = 1; options.limit === undefined || done < options.limit; n++) {
    let roll = random() * total;
    const op = CRASH_OPERATIONS.find((o) => (roll -= weights[o]) < 0) ?? 'tag';
    // Ends in a letter, so that no value is the start of another (k1x7z, k1x70z): search matches prefixes.
    const value = `${options.prefix}x${n}z`;
    const ids = archive.list().items.map((s) => s.id);
    if (op !== 'import' && ids.length === 0) continue;
    const id = pick(ids);
    switch (op) {
      case 'import': {
        const name = `${value}.txt`;
        const e = { op, value, name };
        log('BEGIN', e);
        const report = await archive.importFiles([{ name, bytes: Buffer.from(`${value}\n\n${pick(options.texts)}`) }], { entities: options.entities === true });
        if (report.imported.length !== 1) throw new Error(`the import of ${name} failed: ${JSON.stringify(report)}`);
        log('ACK', e);
        break;
      }
      case 'tag':
      case 'set': {
        const e = { op, value, ids: [id] };
        log('BEGIN', e);
        await archive.update({ id, changes: op === 'tag' ? { addTags: [value] } : { description: value } });
        log('ACK', e);
        break;
      }
      case 'annotate': {
        const body = archive.get(id).text;
        const length = body.length;
        // A passage that starts on a letter: white space alone cannot be annotated.
        let start = Math.floor(random() * Math.max(1, length - 40));
        while (start < length - 1 && /\s/.test(body[start]!)) start++;
        const e = { op, value, ids: [id] };
        log('BEGIN', e);
        await archive.annotate({ id, position: { start, end: Math.min(length, start + 1 + Math.floor(random() * 40)) }, note: value });
        log('ACK', e);
        break;
      }
      case 'note': {
        const e = { op, value, ids: [id] };
        log('BEGIN', e);
        await archive.addNote(id, value);
        log('ACK', e);
        break;
      }
      case 'bulk': {
        const chosen = [...new Set(Array.from({ length: 2 + Math.floor(random() * 6) }, () => pick(ids)))];
        const e = { op, value, ids: chosen };
        log('BEGIN', e);
        await archive.updateMany({ ids: chosen, changes: { addTags: [value] } });
        log('ACK', e);
        break;
      }
      case 'undo': {
        // A tag added and then taken back by undo: once the undo is acknowledged the tag must be gone.
        const e = { value, ids: [id] };
        log('BEGIN', { op: 'tag', ...e });
        await archive.update({ id, changes: { addTags: [value] } });
        log('ACK', { op: 'tag', ...e });
        log('BEGIN', { op, ...e });
        await archive.undo();
        log('ACK', { op, ...e });
        break;
      }
      case 'entity': {
        const e = { op, value, ids: [id], name: `Envoy ${value}` };
        log('BEGIN', e);
        await archive.markEntity({ id, name: e.name, kind: 'person' });
        log('ACK', e);
        break;
      }
      case 'backup': {
        log('BEGIN', { op, value });
        const backup = await archive.createBackup('manual');
        log('ACK', { op, value, name: backup.id });
        break;
      }
    }
    done++;
  }
  return done;
}

/** The journal's complete lines; a line cut off by the kill is ignored. */
export function parseJournal(output: string): JournalEntry[] {
  const out: JournalEntry[] = [];
  for (const line of output.slice(0, output.lastIndexOf('\n') + 1).split('\n')) {
    const m = /^(BEGIN|ACK) (\{.*\})$/.exec(line);
    if (!m) continue;
    try {
      out.push({ ...(JSON.parse(m[2]!) as Omit<JournalEntry, 'phase'>), phase: m[1] as JournalEntry['phase'] });
    } catch {
      // not a journal line
    }
  }
  return out;
}

export interface JournalCheck {
  acknowledged: number;
  /** Acknowledged changes whose effect is not in the archive: must be none. */
  lost: string[];
  /** Changes begun but not acknowledged before the kill whose effect is there anyway (fine). */
  landedUnacknowledged: number;
}

/** Checks every acknowledged change against the archive as it opened after the crash. */
export function checkJournal(archive: Archive, journal: readonly JournalEntry[], backupIds: ReadonlySet<string>): JournalCheck {
  const records = new Map(archive.list().items.map((s) => [s.id, archive.get(s.id)]));
  const byFile = new Map([...records.values()].filter((r) => r.source).map((r) => [r.source!.fileName, r]));
  const entities = archive.entities('person');
  const everyRecord = (e: JournalEntry, has: (r: NonNullable<ReturnType<typeof records.get>>) => boolean) =>
    (e.ids ?? []).every((id) => {
      const r = records.get(id);
      return r !== undefined && has(r);
    });
  const landed = (e: JournalEntry): boolean => {
    switch (e.op) {
      case 'import': {
        const r = byFile.get(e.name!);
        return !!r && r.text.startsWith(e.value) && existsSync(layout.original(archive.root, r.source!.sha256));
      }
      case 'tag':
      case 'bulk':
        return everyRecord(e, (r) => r.tags.includes(e.value));
      case 'undo':
        return everyRecord(e, (r) => !r.tags.includes(e.value));
      case 'set':
        return everyRecord(e, (r) => r.description === e.value);
      case 'annotate':
        return everyRecord(e, (r) => r.annotations.some((a) => a.note === e.value));
      case 'note':
        return everyRecord(e, (r) => r.notes.some((n) => n.text === e.value));
      case 'entity': {
        const entity = entities.find((x) => x.name === e.name);
        return !!entity && everyRecord(e, (r) => r.entities.some((l) => l.entity === entity.id));
      }
      case 'backup':
        return e.name !== undefined && backupIds.has(e.name);
    }
  };
  const acked = journal.filter((e) => e.phase === 'ACK');
  const ackedKeys = new Set(acked.map((e) => `${e.op} ${e.value}`));
  const lost: string[] = [];
  for (const [i, e] of acked.entries()) {
    if (landed(e)) continue;
    const later = journal.slice(journal.indexOf(e) + 1);
    // A description may be overwritten by a later one (acknowledged or in flight). A tag may be taken
    // back by a later undo of that record: undo reverses a run of saves of one field made seconds
    // apart as one step, so tags added to the record just before the undo's own go with it.
    if (e.op === 'set' && later.some((x) => x.op === 'set' && x.ids?.[0] === e.ids?.[0] && landed(x))) continue;
    if (e.op === 'tag' && later.some((x) => x.op === 'undo' && x.ids?.[0] === e.ids?.[0])) continue;
    lost.push(`${e.op} ${e.value}${e.ids ? ` on ${e.ids.join(', ')}` : ''} (acknowledged #${i + 1})`);
  }
  const unacknowledged = journal.filter((e) => e.phase === 'BEGIN' && e.op !== 'backup' && !ackedKeys.has(`${e.op} ${e.value}`));
  return { acknowledged: acked.length, lost, landedUnacknowledged: unacknowledged.filter(landed).length };
}
