import { describe, expect, it } from 'vitest';
import type { CairnRecord } from '../../contract';
import { applyChanges, diffRecords, holds } from './entries';

const record: CairnRecord = {
  formatVersion: 1,
  id: 'r1',
  rev: 1,
  title: 'Ashgabat',
  date: '2018-04-30',
  place: '',
  identifier: '',
  creator: '',
  publisher: '',
  type: '',
  derivedFrom: '',
  rights: '',
  language: 'en',
  description: '',
  status: 'new',
  tags: ['UNOCT', 'Central Asia'],
  text: 'text',
  textHash: 'h',
  proposed: ['title', 'date'],
  source: null,
  annotations: [],
  notes: [],
  entities: [],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

describe('change entries', () => {
  it('name each field, tag and confirmation that differs, and nothing else', () => {
    const after = { ...record, title: 'Ashgabat Declaration', tags: ['Central Asia', 'PVE'], proposed: ['date' as const], rev: 2, updatedAt: 'later' };
    expect(diffRecords(record, after)).toEqual([
      { field: 'title', before: 'Ashgabat', after: 'Ashgabat Declaration' },
      { field: 'tags', item: 'UNOCT', before: 'UNOCT', after: null },
      { field: 'tags', item: 'PVE', before: null, after: 'PVE' },
      { field: 'proposed', item: 'title', before: true, after: false },
    ]);
    expect(diffRecords(record, { ...record, rev: 5 })).toEqual([]);
  });

  it('put a record back and forward again exactly', () => {
    const after = { ...record, title: 'New', date: null, status: 'in-review' as const, tags: ['central asia', 'PVE'], proposed: [] };
    const changes = diffRecords(record, after);
    expect(changes.every((c) => holds(after, c, 'after') && holds(record, c, 'before'))).toBe(true);
    const back = applyChanges(after, [...changes].reverse(), 'before');
    expect(diffRecords(record, back)).toEqual([]);
    expect(back.proposed).toEqual(['title', 'date']);
    expect(diffRecords(after, applyChanges(back, changes, 'after'))).toEqual([]);
  });

  it('a record created or taken out is one entry', () => {
    expect(diffRecords(null, record)).toEqual([{ field: 'record', before: null, after: { title: 'Ashgabat', fileName: null, textHash: 'h' } }]);
    expect(diffRecords(record, null)).toMatchObject([{ field: 'record', after: null }]);
  });
});
