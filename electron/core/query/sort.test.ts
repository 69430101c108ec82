// The list's sort orders: title ranks (a subtraction per comparison) order exactly as collating does.
import { describe, expect, it } from 'vitest';
import type { SortOrder } from '../../contract';
import { sortSummaries, titleRanks, type Sortable } from './sort';

const item = (id: string, title: string, date: string | null, place = '', score = 0): Sortable => ({ id, title, date, place, status: 'new', updatedAt: `2026-01-0${(id.charCodeAt(0) % 9) + 1}`, score });

describe('sortSummaries', () => {
  it('orders alike with title ranks and with the collator, in every field and direction, ties and missing values included', () => {
    const items = [
      item('e', 'Osh meeting', null, 'Osh', 1),
      item('a', 'osh meeting', null, '', 2),
      item('d', 'Éva in Naryn', '2012', 'Naryn', 1),
      item('b', 'Eva in Naryn', '2012-06', '', 3),
      item('c', 'Zhanaozen', null, 'Zhanaozen', 2),
      item('f', '10 June', 'XXXX-06-10', '', 1),
      item('g', '9 June', '2012', 'Osh', 3),
      item('h', 'Ташкент', null, '', 2),
    ];
    const ranks = titleRanks(items);
    // Titles that collate alike (case, accents) share a rank.
    expect(ranks.get('e')).toBe(ranks.get('a'));
    expect(ranks.get('d')).toBe(ranks.get('b'));
    expect(ranks.get('g')).toBeLessThan(ranks.get('f')!);
    const fields: SortOrder['field'][] = ['title', 'date', 'place', 'status', 'updatedAt', 'relevance'];
    for (const field of fields) {
      for (const direction of ['asc', 'desc'] as const) {
        const plain = [...items];
        const ranked = [...items];
        sortSummaries(plain, { field, direction });
        sortSummaries(ranked, { field, direction }, (id) => ranks.get(id)!);
        expect(ranked.map((s) => s.id), `${field} ${direction}`).toEqual(plain.map((s) => s.id));
      }
    }
    const byDate = [...items];
    sortSummaries(byDate, { field: 'date', direction: 'asc' }, (id) => ranks.get(id)!);
    // Known years first, then unknown years, then no date (by title, then id).
    expect(byDate.map((s) => s.id)).toEqual(['g', 'd', 'b', 'f', 'a', 'e', 'c', 'h']);
  });
});
