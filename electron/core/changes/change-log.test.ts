import { describe, expect, it } from 'vitest';
import type { ChangeEntry, Operation } from '../../contract';
import { undoRedoTargets, validEntries } from './change-log';

const entry = (op: string, rev: number, n = 1): ChangeEntry => ({
  change: `${op}.${n}`,
  op,
  record: 'r1',
  rev,
  clock: '2026-11-23T10:00:00.000Z-0000-a1',
  at: '2026-11-23T10:00:00.000Z',
  who: { name: 'A', replica: 'a1' },
  field: 'title',
  before: 'x',
  after: 'y',
});

const op = (id: string, kind: Operation['kind'] = 'edit', reverses?: string, at = '2026-11-23T10:00:00.000Z', records = ['r1']): Operation => ({
  op: id,
  kind,
  clock: '',
  at,
  who: { name: 'A', replica: 'a1' },
  records,
  fields: ['title'],
  ...(reverses ? { reverses: [reverses] } : {}),
});

describe('valid entries', () => {
  it('keeps every entry of writes that completed, several per operation', () => {
    const entries = [entry('a', 1), entry('b', 2, 1), entry('b', 2, 2), entry('c', 3)];
    expect(validEntries(entries, 3)).toEqual(entries);
  });

  it('drops the entries of a write the record never reached, whether or not a later change reused its revision', () => {
    expect(validEntries([entry('a', 1), entry('ghost', 2)], 1).map((e) => e.op)).toEqual(['a']);
    expect(validEntries([entry('a', 1), entry('ghost', 2), entry('b', 2)], 2).map((e) => e.op)).toEqual(['a', 'b']);
  });
});

describe('undo and redo targets', () => {
  it('undo takes the newest operation not undone; redo the newest undo not redone', () => {
    expect(undoRedoTargets([])).toEqual({ undo: [], redo: null });
    const a = op('a', 'edit', undefined, '2026-11-23T10:00:00.000Z');
    const b = op('b', 'edit', undefined, '2026-11-23T11:00:00.000Z');
    expect(undoRedoTargets([a, b]).undo).toEqual([b]);
    const undoB = op('u1', 'undo', 'b');
    expect(undoRedoTargets([a, b, undoB])).toEqual({ undo: [a], redo: undoB });
    const undoA = op('u2', 'undo', 'a');
    expect(undoRedoTargets([a, b, undoB, undoA])).toEqual({ undo: [], redo: undoA });
    const redoA = op('r1', 'redo', 'u2');
    expect(undoRedoTargets([a, b, undoB, undoA, redoA])).toEqual({ undo: [redoA], redo: undoB });
  });

  it('a new change after an undo leaves nothing to redo', () => {
    expect(undoRedoTargets([op('a'), op('u', 'undo', 'a'), op('c', 'bulk')])).toEqual({ undo: [expect.objectContaining({ op: 'c' })], redo: null });
  });

  it('saves of one field made while typing are one step; a pause, another field or record ends the run', () => {
    const saves = ['10:00:00', '10:00:03', '10:00:09'].map((t, i) => op(`t${i}`, 'edit', undefined, `2026-11-23T${t}.000Z`));
    expect(undoRedoTargets(saves).undo.map((o) => o.op)).toEqual(['t2', 't1', 't0']);
    const afterPause = op('t3', 'edit', undefined, '2026-11-23T10:01:00.000Z');
    expect(undoRedoTargets([...saves, afterPause]).undo.map((o) => o.op)).toEqual(['t3']);
    const otherRecord = op('t4', 'edit', undefined, '2026-11-23T10:00:10.000Z', ['r2']);
    expect(undoRedoTargets([...saves, otherRecord]).undo.map((o) => o.op)).toEqual(['t4']);
  });
});
