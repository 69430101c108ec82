// The tag manager's tree order, depths and totals.
import { describe, expect, it } from 'vitest';
import type { TagEntry } from './contract';
import { treeRows } from './tag-tree';

const entry = (name: string, parent: string | null, count: number): TagEntry => ({ name, parent, count, color: null, concept: null });

describe('treeRows', () => {
  it('puts each tag before the tags below it, with its depth and the records of its whole branch', () => {
    const rows = treeRows([entry('A', null, 1), entry('B', null, 0), entry('A › x', 'A', 2), entry('A › x › y', 'A › x', 3), entry('B › z', 'B', 4)]);
    expect(rows.map((r) => [r.entry.name, r.depth, r.total])).toEqual([
      ['A', 0, 6],
      ['A › x', 1, 5],
      ['A › x › y', 2, 3],
      ['B', 0, 4],
      ['B › z', 1, 4],
    ]);
  });
});
