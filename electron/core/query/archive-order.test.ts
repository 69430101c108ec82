// The order of a long list (over a thousand records: title ties are broken by ranks found once, see
// order.ts) follows every title change, record added and record taken out; so does a search's, whose
// equal scores compare those ranks while they hold.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Archive } from '../archive';
import { useTempFolders } from '../testing/fixtures';
import { sortSummaries, type Sortable } from './sort';

const tempFolder = useTempFolders();

describe('a long list sorted by date (none dated: by title)', () => {
  it('follows a title changed, a record imported and an import undone', async () => {
    const archive = await Archive.create(path.join(await tempFolder(), 'archive'), { app: 'Cairn (test)' });
    try {
      // 1,050 undated notes, imported in a shuffled order; "Note 9" sorts before "Note 10".
      const numbers = Array.from({ length: 1050 }, (_, i) => (i * 389) % 1050);
      await archive.importFiles(numbers.map((n) => ({ name: `n${n}.txt`, bytes: Buffer.from(`Note ${n}\n\nField words, entry ${n}.`) })), { entities: false });
      const titles = () => archive.list({ limit: 3 }).items.map((s) => s.title);
      const last = () => archive.get(archive.list({}).ids.at(-1)!).title;
      expect(titles()).toEqual(['Note 0', 'Note 1', 'Note 2']);
      expect(last()).toBe('Note 1049');
      const zero = archive.list({}).ids[0]!;
      await archive.update({ id: zero, changes: { title: 'Zulu note' } });
      expect(titles()).toEqual(['Note 1', 'Note 2', 'Note 3']);
      expect(last()).toBe('Zulu note');
      await archive.importFiles([{ name: 'a.txt', bytes: Buffer.from('Alpha note\n\nThe first now.') }], { entities: false });
      expect(titles()).toEqual(['Alpha note', 'Note 1', 'Note 2']);
      await archive.undo();
      expect(titles()).toEqual(['Note 1', 'Note 2', 'Note 3']);
      // Search sorted by date orders alike.
      expect(archive.search('field', 3, { sort: { field: 'date', direction: 'asc' } }).hits.map((h) => h.title)).toEqual(['Note 1', 'Note 2', 'Note 3']);
      // A date given, a tag added, a review: the same lists asked again (kept until a change) follow.
      const tagged = () => archive.list({ query: 'field', facets: true }).facets!.tags.values.find((v) => v.value === 'Osh')?.count ?? 0;
      const reviewed = () => archive.list({ query: 'field', statuses: ['reviewed'] }).ids;
      expect([tagged(), reviewed()]).toEqual([0, []]);
      const note7 = archive.list({ query: '"note 7"' }).ids[0]!;
      await archive.update({ id: note7, changes: { date: '1990', addTags: ['Osh'] } });
      archive.person = 'Aigul';
      await archive.review({ id: note7, status: 'reviewed', confirmProposals: true });
      expect(titles()).toEqual(['Note 7', 'Note 1', 'Note 2']);
      expect([tagged(), reviewed()]).toEqual([1, [note7]]);
      // By relevance: notes of equal score are ordered by title (by the ranks the list above made,
      // while they hold), as sortSummaries orders them; a title changed since is in its new place.
      const byRelevance = () => {
        const hits = archive.search('field', 5000).hits;
        const expected: Sortable[] = hits.map((h) => ({ ...archive.get(h.id), score: h.score }));
        sortSummaries(expected, { field: 'relevance', direction: 'desc' });
        return { hits, same: hits.map((h) => h.id).join() === expected.map((e) => e.id).join() };
      };
      const before = byRelevance();
      expect(before.same).toBe(true);
      // The last of the largest group of equal scores is named to come first in it.
      const counts = new Map<number, number>();
      for (const h of before.hits) counts.set(h.score, (counts.get(h.score) ?? 0) + 1);
      const [score, size] = [...counts].sort((x, y) => y[1] - x[1])[0]!;
      expect(size).toBeGreaterThan(2);
      const lastOfGroup = before.hits.findLast((h) => h.score === score)!;
      await archive.update({ id: lastOfGroup.id, changes: { title: 'Aardvark note' } });
      expect(byRelevance().same).toBe(true);
    } finally {
      await archive.close();
    }
  });
});
