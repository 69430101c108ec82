// What a killed worker said it did (BEGIN before a write, ACK after it was durable), and checking it.
import { existsSync } from 'node:fs';
import type { Archive } from '../../../electron/core/archive';
import { layout } from '../../../electron/core/store/archive-folder';

export type Operation = 'import' | 'tag' | 'set';
export const OPERATIONS: readonly Operation[] = ['import', 'tag', 'set'];

export interface JournalEntry {
  phase: 'BEGIN' | 'ACK';
  op: Operation;
  /** The record (tag, set) or the imported file's name (import). */
  target: string;
  /** The tag added, the description set, or the marker inside the imported text. */
  value: string;
}

/** Parses the worker's complete lines; a line cut off by the kill is ignored. */
export function parseJournal(output: string): JournalEntry[] {
  const complete = output.slice(0, output.lastIndexOf('\n') + 1);
  const out: JournalEntry[] = [];
  for (const line of complete.split('\n')) {
    const m = /^(BEGIN|ACK) (import|tag|set) (\S+) (\S+)$/.exec(line);
    if (m) out.push({ phase: m[1] as JournalEntry['phase'], op: m[2] as Operation, target: m[3]!, value: m[4]! });
  }
  return out;
}

export interface CheckResult {
  acknowledged: number;
  /** Acknowledged operations whose effect is not in the archive: must be 0. */
  lost: string[];
  /** Operations begun but not acknowledged before the kill whose effect is there anyway (fine). */
  landedUnacknowledged: number;
}

/** Checks every acknowledged operation against the archive as it opened after the kill. */
export function checkJournal(archive: Archive, journal: JournalEntry[]): CheckResult {
  const acked = journal.filter((e) => e.phase === 'ACK');
  const begun = journal.filter((e) => e.phase === 'BEGIN' && !acked.some((a) => a.op === e.op && a.target === e.target && a.value === e.value));
  const records = archive.list().items.map((s) => archive.get(s.id));
  const byFile = new Map(records.filter((r) => r.source).map((r) => [r.source!.fileName, r]));
  const landed = (e: JournalEntry): boolean => {
    if (e.op === 'import') {
      const r = byFile.get(e.target);
      return !!r && r.text.includes(e.value) && existsSync(layout.original(archive.root, r.source!.sha256));
    }
    const r = records.find((x) => x.id === e.target);
    if (!r) return false;
    return e.op === 'tag' ? r.tags.includes(e.value) : r.description === e.value;
  };
  const lost: string[] = [];
  for (const [i, e] of acked.entries()) {
    if (landed(e)) continue;
    // A set may be overwritten by a later set of the same record (acknowledged or still in flight).
    const later = e.op === 'set' && journal.slice(journal.indexOf(e) + 1).some((x) => x.op === 'set' && x.target === e.target && landed(x));
    if (!later) lost.push(`${e.op} ${e.target} ${e.value} (acknowledged #${i + 1})`);
  }
  return { acknowledged: acked.length, lost, landedUnacknowledged: begun.filter(landed).length };
}
