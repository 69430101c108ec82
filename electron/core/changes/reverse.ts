// What an undo or redo changes: for each record the reversed operations touched, the record as it
// was before them, worked out from their log entries newest first.
import type { CairnRecord, ChangeEntry, ErrorCode, LocalText, Operation } from '../../contract';
import { text } from '../../common/i18n/text';
import { CairnError } from '../errors';
import { applyChanges, holds } from './entries';

/** A change to one record: from `before` to `after`; null before is a new record, null after one taken out. */
export interface Step {
  before: CairnRecord | null;
  after: CairnRecord | null;
}

/** What planning reads from the archive. */
export interface ReversalSource {
  current(id: string): CairnRecord | null;
  /** Why a record may not be changed (two files hold it, a newer Cairn wrote it), if so. */
  frozen(id: string): { code: ErrorCode; text: LocalText } | undefined;
  /** A record an undo took out (kept under removed/). */
  removed(id: string): Promise<CairnRecord | null>;
  /** The record's valid log entries, oldest first. */
  entries(id: string, rev: number): Promise<ChangeEntry[]>;
}

/**
 * The steps that take back `targets` (newest first). Refuses, changing nothing, when a record has
 * moved on since or is gone; passes over a record already put back (an undo cut short, tried again).
 */
export async function planReversal(targets: readonly Operation[], source: ReversalSource): Promise<Step[]> {
  const ops = new Set(targets.map((t) => t.op));
  const steps: Step[] = [];
  for (const id of new Set(targets.flatMap((t) => t.records))) {
    const current = source.current(id);
    const frozen = source.frozen(id);
    if (current && frozen) throw new CairnError(frozen.code, frozen.text);
    const removed = current ? null : await source.removed(id);
    const base = current ?? removed;
    if (!base) throw new CairnError('E_CONFLICT', text('undo_record_gone', { id }));
    // Newest first: each change is taken back from the state the newer ones left.
    const entries = (await source.entries(id, base.rev)).filter((e) => ops.has(e.op)).reverse();
    const lifecycle = entries.find((e) => e.field === 'record');
    if (lifecycle) {
      // The operation created the record (reversing takes it out) or took it out (reversing brings it back).
      if (lifecycle.after !== null && current) steps.push({ before: current, after: null });
      else if (lifecycle.after === null && removed) steps.push({ before: null, after: { ...removed, rev: removed.rev + 1 } });
      else throw new CairnError('E_CONFLICT', text('undo_record_gone', { id }));
      continue;
    }
    if (!current) throw new CairnError('E_CONFLICT', text('undo_record_gone', { id }));
    // Put back already (an undo cut short, then tried again): nothing left to do for this record.
    if (entries.every((e) => holds(current, e, 'before'))) continue;
    let record = current;
    for (const e of entries) {
      if (!holds(record, e, 'after')) throw new CairnError('E_CONFLICT', text('undo_changed_since', { title: current.title }));
      record = applyChanges(record, [e], 'before');
    }
    steps.push({ before: current, after: record });
  }
  return steps;
}
