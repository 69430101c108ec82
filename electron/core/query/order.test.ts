// orderRecords sorts by relevance on positions (scores in an array of numbers): the same order as
// sortSummaries gives the same hits, ties (equal scores, titles that collate alike) included.
import { describe, expect, it } from 'vitest';
import type { CairnRecord, SortOrder } from '../../contract';
import { seededRandom } from '../testing/random';
import { everyRecordInOrder, orderRecords } from './order';
import { sortSummaries, titleRanks, type Sortable } from './sort';

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
      // The title ranks at hand: equal scores compare them, in the same order.
      const ranks = titleRanks(records.values());
      expect(orderRecords(hits, records, sort, { knownTitleRank: () => (id) => ranks.get(id) ?? 0 }).map((o) => o.id)).toEqual(expected.map((s) => s.id));
    }
    // Without a sort: by relevance, best first; what a filter alone found (no scores) stays as found.
    expect(orderRecords(hits, records, undefined)[0]!.score).toBe(3);
    const unscored = hits.slice(0, 50).map((h) => ({ ...h, score: 0 }));
    expect(orderRecords(unscored, records, { field: 'relevance', direction: 'desc' }).map((o) => o.id)).toEqual(unscored.map((h) => h.id));
    // Kept by the list's own filters, and sorted otherwise through sortSummaries.
    const dated = orderRecords(hits, records, { field: 'date', direction: 'asc' }, { keep: (r) => r.date !== null });
    expect(dated.length).toBe([...records.values()].filter((r) => r.date !== null).length);
  });

  it('takes a long list’s order from every record’s, as sortSummaries sorts the list alone, for every sort', () => {
    const random = seededRandom(11);
    const pick = <T>(of: readonly T[]): T => of[Math.floor(random() * of.length)]!;
    const records = new Map<string, CairnRecord>();
    // 2,500 records (a long list), with titles, dates, places and statuses that tie often.
    for (let i = 0; i < 2500; i++) {
      const id = `r${Math.floor(random() * 1e9).toString(36)}`;
      const r = record(id, `${pick(TITLES)} ${pick(['', '2', '10'])}`.trim(), pick([null, '2012', '2012-05', '2012-05-03', '1999-12-31', '2030']));
      records.set(id, { ...r, place: pick(['', 'Osh', 'osh', 'Ош', 'Bishkek']), status: pick(['new', 'in-review', 'reviewed', 'needs-work', 'rejected'] as const), updatedAt: pick(['2026-01-01', '2026-02-01', '2025-12-31']) });
    }
    const ranks = titleRanks(records.values());
    const titleRank = () => (id: string) => ranks.get(id) ?? 0;
    const every = new Map<string, CairnRecord[]>();
    const everyInOrder = (order: SortOrder) => {
      const key = `${order.field} ${order.direction}`;
      if (!every.has(key)) every.set(key, everyRecordInOrder(records, order, titleRank));
      return every.get(key)!;
    };
    const ids = [...records.keys()];
    // Found: three records in four, and a hit for a record gone (left out).
    const hits = ids.filter(() => random() < 0.75).map((id) => ({ id, score: pick([0.5, 1, 2]), terms: ['osh'] }));
    hits.push({ id: 'gone', score: 1, terms: [] });
    const byId = new Map(hits.map((h) => [h.id, h]));
    const keep = (r: CairnRecord) => r.status !== 'rejected';
    for (const field of ['title', 'date', 'place', 'status', 'updatedAt'] as const) {
      for (const direction of ['asc', 'desc'] as const) {
        const sort: SortOrder = { field, direction };
        const expected = (of: Sortable[]) => {
          sortSummaries(of, sort);
          return of.map((s) => s.id);
        };
        const found = hits.filter((h) => records.has(h.id)).map((h) => ({ ...records.get(h.id)!, score: h.score }));
        expect(orderRecords(hits, records, sort, { titleRank, everyInOrder }).map((o) => o.id)).toEqual(expected(found));
        expect(orderRecords(hits, records, sort, { titleRank, everyInOrder, keep }).map((o) => o.id)).toEqual(expected(found.filter(keep)));
        // The same with the query's own map of its hits (no map made here), scores kept.
        const withFind = orderRecords(hits, records, sort, { titleRank, everyInOrder, keep, scoreOf: (id) => byId.get(id)?.score });
        expect(withFind.map((o) => o.id)).toEqual(expected(found.filter(keep)));
        expect(withFind.every((o) => o.score === byId.get(o.id)!.score)).toBe(true);
        expect(orderRecords(null, records, sort, { titleRank, everyInOrder }).map((o) => o.id)).toEqual(expected([...records.values()]));
        expect(orderRecords(null, records, sort, { titleRank, everyInOrder, keep }).map((o) => o.id)).toEqual(expected([...records.values()].filter(keep)));
      }
    }
    // The hits themselves, with their scores.
    const byDate = orderRecords(hits, records, { field: 'date', direction: 'asc' }, { everyInOrder });
    expect(byDate.every((o) => hits.includes(o as (typeof hits)[number]))).toBe(true);
  });

  it('orders thousands of hits with distinct and equal scores by relevance as sortSummaries does', () => {
    const random = seededRandom(3);
    const records = new Map<string, CairnRecord>();
    for (let i = 0; i < 5000; i++) {
      const id = `r${i}`;
      records.set(id, record(id, TITLES[Math.floor(random() * TITLES.length)]!, null));
    }
    // Most scores distinct, some equal (as BM25 gives), a few zero, one negative zero.
    const hits = [...records.keys()].map((id, i) => ({ id, score: i % 7 === 0 ? 1.5 : i % 11 === 0 ? 0 : random() * 10, terms: [] as string[] }));
    hits[3] = { ...hits[3]!, score: -0 };
    for (const direction of ['desc', 'asc'] as const) {
      const sort: SortOrder = { field: 'relevance', direction };
      const expected: Sortable[] = hits.map((h) => ({ ...records.get(h.id)!, score: h.score }));
      sortSummaries(expected, sort);
      expect(orderRecords(hits, records, sort).map((o) => o.id)).toEqual(expected.map((s) => s.id));
      const ranks = titleRanks(records.values());
      expect(orderRecords(hits, records, sort, { knownTitleRank: () => (id) => ranks.get(id) ?? 0 }).map((o) => o.id)).toEqual(expected.map((s) => s.id));
    }
  });
});
