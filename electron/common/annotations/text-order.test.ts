import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../contract';
import { inTextOrder } from './text-order';

const a = (id: string, position: Annotation['position'], createdAt = ''): Annotation => ({ id, position, quote: { exact: 'x', prefix: '', suffix: '' }, note: '', tags: [], by: { name: '', replica: '' }, createdAt, updatedAt: createdAt });

describe('inTextOrder', () => {
  it('orders by start, the outer of two that start together first, orphaned ones last', () => {
    const list = [a('orphan', null), a('later', { start: 40, end: 50 }), a('inner', { start: 10, end: 20 }), a('outer', { start: 10, end: 60 })];
    expect(inTextOrder(list).map((x) => x.id)).toEqual(['outer', 'inner', 'later', 'orphan']);
    expect(list[0]!.id).toBe('orphan');
  });
});
