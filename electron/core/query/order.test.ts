// orderRecords sorts by relevance on positions (scores in an array of numbers): the same order as
// sortSummaries gives the same hits, ties (equal scores, titles that collate alike) included.
import { describe, expect, it } from 'vitest';
import type { CairnRecord, SortOrder } from '../../contract';
import { seededRandom } from '../testing/random';
import { orderRecords } from './order';
import { sortSummaries, type Sortable } from './sort';

const TITLES = ['Osh meeting', 'osh meeting', 'Éva in Naryn', 'Eva in Naryn', 'Zhanaozen', '10 June', '9 June', 'Ташкент', ''];

function record(id: string, title: string, date: string | null): CairnRecord {
  return {
    formatVersion: 1, id, rev: 1, title, date, place: id.length % 2 ? 'Osh' : '', identifier: '', creator: '', publisher: '', type: '', language: '', derivedFrom: '', rights: '', description: '', status: 'new', tags: [], text: '',
    textHash: id, proposed: [], source: null, annotations: [], notes: [], entities: [], createdAt: '', updatedAt: `2026-01-0${(id.length % 9) + 1}`,
  };
}

describe('orderRecords', () => {
  it('orders hits by relevance as sortSummaries does, in both directions, equal scores by title then id', () => {
    const random = seededRandom(5);
    const records = new Map<string, CairnRecord>();
    for (let i = 0; i < 400; i++) {
      const id = `r${Math.floor(random() * 1e6)}`;
      records.set(id, record(id, TITLES[Math.floor(random() * TITLES.length)]!, random() < 0.5 ? '2012' : null));
    }
    // Scores from a few values, so that many are equal; a hit for a record gone is left out.
    const hits = [...records.keys()].map((id) => ({ id, score: [0.5, 1, 1.25, 3][Math.floor(random() * 4)]!, terms: ['osh'] }));
    hits.push({ id: 'gone', score: 9, terms: [] });
    for (const direction of ['desc', 'asc'] as const) {
      const sort: SortOrder = { field: 'relevance', direction };
      const expected: Sortable[] = hits.filter((h) => records.has(h.id)).map((h) => ({ ...records.get(h.id)!, score: h.score }));
      sortSummaries(expected, sort);
      const ordered = orderRecords(hits, records, sort);
      expect(ordered.map((o) => o.id)).toEqual(expected.map((s) => s.id));
      expect(ordered.map((o) => o.score)).toEqual(expected.map((s) => s.score));
    }
    // Without a sort: by relevance, best first; what a filter alone found (no scores) stays as found.
    expect(orderRecords(hits, records, undefined)[0]!.score).toBe(3);
    const unscored = hits.slice(0, 50).map((h) => ({ ...h, score: 0 }));
    expect(orderRecords(unscored, records, { field: 'relevance', direction: 'desc' }).map((o) => o.id)).toEqual(unscored.map((h) => h.id));
    // Kept by the list's own filters, and sorted otherwise through sortSummaries.
    const dated = orderRecords(hits, records, { field: 'date', direction: 'asc' }, (r) => r.date !== null);
    expect(dated.length).toBe([...records.values()].filter((r) => r.date !== null).length);
  });
});
