import { describe, expect, it } from 'vitest';
import type { CairnRecord, ReviewStatus } from '../../contract';
import { reviewOverview } from './overview';

let n = 0;
const record = (date: string | null, status: ReviewStatus = 'new', extra: Partial<CairnRecord> = {}): CairnRecord => ({
  formatVersion: 1,
  id: `r${++n}`,
  rev: 1,
  title: 't',
  date,
  place: '',
  identifier: '',
  creator: '',
  publisher: '',
  type: '',
  derivedFrom: '',
  rights: '',
  language: '',
  description: '',
  status,
  tags: [],
  text: '',
  textHash: String(n),
  proposed: [],
  source: null,
  annotations: [],
  notes: [],
  entities: [],
  createdAt: '',
  updatedAt: '',
  ...extra,
});
const by = (name: string, status: ReviewStatus) => ({ review: { status, by: { name, replica: 'a1' }, at: '2026-11-23T10:00:00.000Z', comment: '' } });

describe('the overview', () => {
  it('counts statuses, reviewers, unconfirmed proposals, and stacks a timeline by year', () => {
    const o = reviewOverview([
      record('2018-04-30', 'reviewed', by('Aigerim', 'reviewed')),
      record('2018', 'needs-work', { ...by('Dmitri', 'needs-work'), proposed: ['title', 'place'] }),
      record('2021-12-08', 'reviewed', by('Aigerim', 'reviewed')),
      record('XXXX-06-13', 'new', { proposed: ['date'] }),
      record(null),
    ]);
    expect(o.total).toBe(5);
    expect(o.byStatus).toEqual({ new: 2, 'in-review': 0, reviewed: 2, 'needs-work': 1, rejected: 0 });
    expect(o.byReviewer).toEqual([
      { name: 'Aigerim', count: 2, byStatus: { reviewed: 2 } },
      { name: 'Dmitri', count: 1, byStatus: { 'needs-work': 1 } },
    ]);
    expect(o.unconfirmed).toEqual({ records: 2, values: 3 });
    expect(o.granularity).toBe('year');
    expect(o.timeline.map((b) => [b.period, b.byStatus.reviewed, b.byStatus['needs-work']])).toEqual([
      ['2018', 1, 1],
      ['2021', 1, 0],
    ]);
    expect(o.undated).toBe(2);
  });

  it('shows months when every dated record has one and they span under three years', () => {
    const o = reviewOverview([record('2018-04-30'), record('2018-06'), record('2019-01-02')]);
    expect(o.granularity).toBe('month');
    expect(o.timeline.map((b) => b.period)).toEqual(['2018-04', '2018-06', '2019-01']);
  });

  it('an empty archive has an empty overview', () => {
    expect(reviewOverview([])).toMatchObject({ total: 0, timeline: [], undated: 0, byReviewer: [] });
  });
});
