// What an undo or redo changes: for each record the reversed operations touched, the record as it
// was before them, worked out from their log entries newest first.
import type { CairnRecord, ChangeEntry, ChangeValue, Entity, ErrorCode, LocalText, Operation } from '../../contract';
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

/** What an entity's log entry keeps of it: everything but its revision and time. */
export function entitySnapshot(e: Entity | null): ChangeValue {
  return e ? { kind: e.kind, name: e.name, aliases: e.aliases, createdAt: e.createdAt } : null;
}

/** Two snapshots name the same state: kind, name and aliases (a re-created entity's times may differ). */
const sameSnapshot = (a: ChangeValue, b: ChangeValue) => {
  const key = (v: ChangeValue) => (v === null ? 'null' : JSON.stringify([(v as Record<string, ChangeValue>).kind, (v as Record<string, ChangeValue>).name, (v as Record<string, ChangeValue>).aliases]));
  return key(a) === key(b);
};

export interface EntityReversalSource {
  current(id: string): Entity | null;
  /** The entity's valid log entries, oldest first. */
  entries(id: string, rev: number): Promise<ChangeEntry[]>;
}

/** A change to an entity for reversal: `after` null takes it away; a re-created one carries the revision it had. */
export interface EntityReversalStep {
  before: Entity | null;
  after: Entity | null;
}

/** The entity steps that take back `targets`, as planReversal does for records; refuses when an entity has moved on since. */
export async function planEntityReversal(targets: readonly Operation[], source: EntityReversalSource): Promise<EntityReversalStep[]> {
  const ops = new Set(targets.map((t) => t.op));
  const steps: EntityReversalStep[] = [];
  for (const id of new Set(targets.flatMap((t) => t.entities ?? []))) {
    const current = source.current(id);
    const all = await source.entries(id, current?.rev ?? Number.MAX_SAFE_INTEGER);
    const entries = all.filter((e) => ops.has(e.op) && e.field === 'entity').reverse();
    if (entries.length === 0) continue;
    const name = current?.name ?? String((entries[0]!.before as { name?: string } | null)?.name ?? id);
    // Put back already (an undo cut short, then tried again).
    if (sameSnapshot(entitySnapshot(current), entries.at(-1)!.before)) continue;
    let state: ChangeValue = entitySnapshot(current);
    for (const e of entries) {
      if (!sameSnapshot(state, e.after)) throw new CairnError('E_CONFLICT', text('undo_entity_changed_since', { name }));
      state = e.before;
    }
    const lastRev = all.at(-1)?.rev ?? current?.rev ?? 0;
    if (state === null) steps.push({ before: current, after: null });
    else {
      const s = state as { kind: Entity['kind']; name: string; aliases: string[]; createdAt: string };
      const base: Entity = current ?? { formatVersion: 1, id, rev: lastRev, kind: s.kind, name: s.name, aliases: [], createdAt: s.createdAt, updatedAt: s.createdAt };
      steps.push({ before: current, after: { ...base, kind: s.kind, name: s.name, aliases: [...s.aliases] } });
    }
  }
  return steps;
}
