// What changed between two states of a record, as change-log entries; and putting such changes
// back (undo, restore) or forward again (redo) onto a record.
import { EDITABLE_FIELDS, type CairnRecord, type ChangeEntry, type ChangeValue, type EditableField, type ReviewMark } from '../../contract';
import { tagKey } from '../model/record';

/** An entry before it has an id, a clock and an author. */
export interface ChangeDraft {
  field: string;
  item?: string;
  before: ChangeValue;
  after: ChangeValue;
}

/** The fields whose whole value an entry holds. */
export const VALUE_FIELDS: readonly string[] = [...EDITABLE_FIELDS, 'text', 'status'];

const isValueField = (field: string): field is EditableField | 'text' | 'status' => VALUE_FIELDS.includes(field);

/** Lists of items with an identity of their own: an entry per item added, changed or removed, holding the whole item. */
const KEYED_LISTS = {
  annotations: (a: { id: string }) => a.id,
  notes: (n: { id: string }) => n.id,
  entities: (l: { entity: string }) => l.entity,
} as const;
type KeyedField = keyof typeof KEYED_LISTS;
export const KEYED_FIELDS = Object.keys(KEYED_LISTS) as KeyedField[];
const isKeyedField = (field: string): field is KeyedField => field in KEYED_LISTS;

type Keyed = { id?: string; entity?: string };
const keyedItems = (record: CairnRecord, field: KeyedField): Keyed[] => (record[field] ?? []) as Keyed[];
const keyOf = (field: KeyedField, item: Keyed): string => (KEYED_LISTS[field] as (x: Keyed) => string)(item);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** What a 'record' entry keeps of a record that was created (imported) or removed. */
export function recordSnapshot(r: CairnRecord): ChangeValue {
  return { title: r.title, fileName: r.source?.fileName ?? null, textHash: r.textHash };
}

/**
 * One draft per field whose value differs, one per tag added or removed and one per proposal
 * confirmed or brought back; for a new record, one 'record' draft. Revisions and times are not changes.
 */
export function diffRecords(before: CairnRecord | null, after: CairnRecord | null): ChangeDraft[] {
  if (!before) return after ? [{ field: 'record', before: null, after: recordSnapshot(after) }] : [];
  if (!after) return [{ field: 'record', before: recordSnapshot(before), after: null }];
  const drafts: ChangeDraft[] = [];
  for (const field of VALUE_FIELDS) {
    const a = before[field as keyof CairnRecord] as ChangeValue;
    const b = after[field as keyof CairnRecord] as ChangeValue;
    if (a !== b) drafts.push({ field, before: a, after: b });
  }
  // Who set the status, when and why: its own entry, so that undo and redo put the mark back with it.
  const markBefore = (before.review ?? null) as ChangeValue;
  const markAfter = (after.review ?? null) as ChangeValue;
  if (JSON.stringify(markBefore) !== JSON.stringify(markAfter)) drafts.push({ field: 'review', before: markBefore, after: markAfter });
  const had = new Map(before.tags.map((t) => [tagKey(t), t]));
  const has = new Map(after.tags.map((t) => [tagKey(t), t]));
  for (const [key, tag] of had) {
    const now = has.get(key);
    if (now === undefined) drafts.push({ field: 'tags', item: tag, before: tag, after: null });
    else if (now !== tag) drafts.push({ field: 'tags', item: tag, before: tag, after: now });
  }
  for (const [key, tag] of has) if (!had.has(key)) drafts.push({ field: 'tags', item: tag, before: null, after: tag });
  // The encoding its original is read with (a person re-decoded it): undone with the text it gave.
  if (before.source && after.source && before.source.encoding !== after.source.encoding) drafts.push({ field: 'encoding', before: before.source.encoding, after: after.source.encoding });
  for (const f of before.proposed) if (!after.proposed.includes(f)) drafts.push({ field: 'proposed', item: f, before: true, after: false });
  for (const f of after.proposed) if (!before.proposed.includes(f)) drafts.push({ field: 'proposed', item: f, before: false, after: true });
  for (const field of KEYED_FIELDS) {
    const was = new Map(keyedItems(before, field).map((x) => [keyOf(field, x), x]));
    const is = new Map(keyedItems(after, field).map((x) => [keyOf(field, x), x]));
    for (const [key, item] of was) {
      const now = is.get(key);
      if (!same(item, now ?? null)) drafts.push({ field, item: key, before: item as ChangeValue, after: (now ?? null) as ChangeValue });
    }
    for (const [key, item] of is) if (!was.has(key)) drafts.push({ field, item: key, before: null, after: item as ChangeValue });
  }
  return drafts;
}

type Side = 'before' | 'after';

/** Whether the record holds the value `side` of a change (the current value an undo expects to find). */
export function holds(record: CairnRecord, change: ChangeDraft, side: Side): boolean {
  const value = change[side];
  if (isValueField(change.field)) return record[change.field] === value;
  if (change.field === 'tags') {
    const key = tagKey(change.item ?? '');
    const present = record.tags.find((t) => tagKey(t) === key);
    return value === null ? present === undefined : present !== undefined;
  }
  if (change.field === 'proposed') return record.proposed.includes(change.item as EditableField) === (value === true);
  if (change.field === 'review') return JSON.stringify(record.review ?? null) === JSON.stringify(value);
  if (change.field === 'encoding') return (record.source?.encoding ?? null) === value;
  if (isKeyedField(change.field)) return same(keyedItems(record, change.field).find((x) => keyOf(change.field as KeyedField, x) === change.item) ?? null, value);
  return true;
}

/** The record with each change set to its value on `side`, in the order given (newest first when going back). */
export function applyChanges(record: CairnRecord, changes: readonly ChangeDraft[], side: Side): CairnRecord {
  const next: CairnRecord = { ...record, tags: [...record.tags], proposed: [...record.proposed], annotations: [...(record.annotations ?? [])], notes: [...(record.notes ?? [])], entities: [...(record.entities ?? [])] };
  for (const change of changes) {
    const value = change[side];
    if (isValueField(change.field)) {
      (next as unknown as Record<string, ChangeValue>)[change.field] = value;
    } else if (change.field === 'tags' && change.item !== undefined) {
      const key = tagKey(change.item);
      const other = change[side === 'before' ? 'after' : 'before'];
      const at = next.tags.findIndex((t) => tagKey(t) === key || (typeof other === 'string' && tagKey(t) === tagKey(other)));
      if (value === null) {
        if (at >= 0) next.tags.splice(at, 1);
      } else if (at >= 0) next.tags[at] = String(value);
      else next.tags.push(String(value));
    } else if (change.field === 'review') {
      next.review = value as unknown as ReviewMark | null;
    } else if (change.field === 'encoding' && next.source && typeof value === 'string') {
      next.source = { ...next.source, encoding: value };
    } else if (change.field === 'proposed' && change.item !== undefined) {
      const f = change.item as EditableField;
      next.proposed = next.proposed.filter((p) => p !== f);
      if (value === true) next.proposed = EDITABLE_FIELDS.filter((e) => e === f || next.proposed.includes(e));
    } else if (isKeyedField(change.field) && change.item !== undefined) {
      const field = change.field;
      const list = next[field] as Keyed[];
      const at = list.findIndex((x) => keyOf(field, x) === change.item);
      if (value === null) {
        if (at >= 0) list.splice(at, 1);
      } else if (at >= 0) list[at] = value as Keyed;
      else list.push(value as Keyed);
    }
  }
  return next;
}

export function isChangeEntry(v: unknown): v is ChangeEntry {
  if (typeof v !== 'object' || v === null) return false;
  const e = v as Partial<ChangeEntry>;
  return (
    typeof e.change === 'string' &&
    typeof e.op === 'string' &&
    typeof e.record === 'string' &&
    typeof e.rev === 'number' &&
    typeof e.clock === 'string' &&
    typeof e.at === 'string' &&
    typeof e.field === 'string' &&
    typeof e.who === 'object' &&
    e.who !== null &&
    typeof e.who.name === 'string' &&
    typeof e.who.replica === 'string' &&
    'before' in e &&
    'after' in e
  );
}
