// Saved searches: kept with the archive, counted now, replaced by name, refused when the query cannot be read.
import path from 'node:path';
import { writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { Archive } from '../archive';
import { readSampleFiles, useTempFolders } from '../testing/fixtures';
import { verifyArchive } from '../verify/verify-archive';

const tempFolder = useTempFolders();

describe('saved searches', () => {
  it('are saved with the archive, counted as the archive is now, replaced by name, forgotten, and survive reopening', async () => {
    const root = path.join(await tempFolder(), 'archive');
    let archive = await Archive.create(root, { app: 'Cairn (test)', person: 'Aigul' });
    await archive.importFiles(await readSampleFiles());
    await archive.whenIndexed();
    const saved = await archive.saveSearch({ name: 'Ashgabat', query: 'place:Ashgabat' });
    expect(saved).toMatchObject({ name: 'Ashgabat', query: 'place:Ashgabat', count: 3 });
    await archive.saveSearch({ name: 'Reviewed', query: 'status:reviewed' });
    expect(archive.savedSearches().map((s) => [s.name, s.count])).toEqual([['Ashgabat', 3], ['Reviewed', 0]]);
    // Counts follow the archive.
    const id = archive.list({ query: 'place:Ashgabat' }).items[0]!.id;
    await archive.review({ id, status: 'reviewed', confirmProposals: true });
    expect(archive.savedSearches().find((s) => s.name === 'Reviewed')!.count).toBe(1);
    // The same name (in any case) replaces its query, in its place.
    await archive.saveSearch({ name: 'ashgabat', query: 'place:Almaty' });
    expect(archive.savedSearches().map((s) => [s.name, s.query, s.count])).toEqual([['ashgabat', 'place:Almaty', 2], ['Reviewed', 'status:reviewed', 1]]);
    await archive.close();
    archive = await Archive.open(root, { app: 'Cairn (test)' });
    await archive.whenIndexed();
    expect(archive.savedSearches().map((s) => s.name)).toEqual(['ashgabat', 'Reviewed']);
    expect((await archive.removeSearch('REVIEWED')).query).toBe('status:reviewed');
    expect(archive.savedSearches().map((s) => s.name)).toEqual(['ashgabat']);
    expect((await verifyArchive(root)).findings).toEqual([]);
    await archive.close();
  });

  it('refuses a query that cannot be read and a name it does not have, changing nothing', async () => {
    const archive = await Archive.create(path.join(await tempFolder(), 'archive'), { app: 'Cairn (test)' });
    try {
      await expect(archive.saveSearch({ name: 'Broken', query: '"unclosed' })).rejects.toMatchObject({ code: 'E_VALIDATION', message: expect.stringMatching(/cannot be saved/) as string });
      await expect(archive.removeSearch('Nothing')).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
      expect(archive.savedSearches()).toEqual([]);
    } finally {
      await archive.close();
    }
  });

  it('a damaged searches.json is reported, shows none, and is never written over', async () => {
    const root = path.join(await tempFolder(), 'archive');
    await (await Archive.create(root, { app: 'Cairn (test)' })).close();
    await writeFile(path.join(root, 'searches.json'), '{"format": "cairn-searches", "version": 1, "searches": [');
    const archive = await Archive.open(root, { app: 'Cairn (test)' });
    try {
      expect(archive.info().problems.map((p) => p.file)).toContain('searches.json');
      expect(archive.savedSearches()).toEqual([]);
      await expect(archive.saveSearch({ name: 'x', query: 'x' })).rejects.toMatchObject({ code: 'E_CONFLICT' });
    } finally {
      await archive.close();
    }
  });
});

describe('saved searches, second look', () => {
  it('one forgotten comes back as it was, in its place, even when its query no longer reads; remove by name only when asked', async () => {
    const root = path.join(await tempFolder(), 'archive');
    await (await Archive.create(root, { app: 'Cairn (test)' })).close();
    const hand = { format: 'cairn-searches', version: 1, searches: [
      { id: 'a1', name: 'First', query: 'place:Ashgabat', createdAt: '2026-01-01T00:00:00Z', by: { name: 'A', replica: 'r' } },
      { id: 'b2', name: 'Old filter', query: 'oldfield:x', createdAt: '2026-01-01T00:00:00Z', by: { name: 'A', replica: 'r' } },
      { id: 'c3', name: 'a1', query: 'status:new', createdAt: '2026-01-01T00:00:00Z', by: { name: 'A', replica: 'r' } },
    ] };
    await writeFile(path.join(root, 'searches.json'), JSON.stringify(hand));
    const archive = await Archive.open(root, { app: 'Cairn (test)' });
    try {
      await archive.whenIndexed();
      expect(archive.savedSearches().map((s) => [s.name, s.count])).toEqual([['First', 0], ['Old filter', null], ['a1', 0]]);
      const removed = await archive.removeSearch('b2');
      expect(removed).toMatchObject({ name: 'Old filter', position: 1 });
      const { position, ...kept } = removed;
      await archive.saveSearch({ name: kept.name, query: kept.query, restore: kept, position });
      expect(archive.savedSearches().map((s) => s.id)).toEqual(['a1', 'b2', 'c3']);
      // By name only: "a1" is the third search's name, not the first one's id.
      expect((await archive.removeSearch('a1', 'name')).id).toBe('c3');
    } finally {
      await archive.close();
    }
  });

  it('counts again after a change, and only then', async () => {
    const archive = await Archive.create(path.join(await tempFolder(), 'archive'), { app: 'Cairn (test)' });
    try {
      const [id] = (await archive.importFiles((await readSampleFiles()).slice(0, 1))).imported.map((i) => i.id);
      await archive.whenIndexed();
      await archive.saveSearch({ name: 'Visits', query: 'tag:visit' });
      const first = archive.savedSearches();
      expect(archive.savedSearches()[0]).toEqual(first[0]);
      // Asked while the change is being written (a window's recount arriving then): not kept as the count after it.
      let written = false;
      const writing = archive.update({ id: id!, changes: { addTags: ['visit'] } }).finally(() => (written = true));
      while (!written) {
        archive.savedSearches();
        await new Promise((resolve) => setImmediate(resolve));
      }
      await writing;
      expect(archive.savedSearches()[0]!.count).toBe(1);
    } finally {
      await archive.close();
    }
  });

  it('a newer Cairn’s file, or one with an id twice, is left as it is', async () => {
    for (const file of [{ format: 'cairn-searches', version: 2, searches: [] }, { format: 'cairn-searches', version: 1, searches: [{ id: 'x', name: 'A', query: 'a', createdAt: '', by: { name: '', replica: '' } }, { id: 'x', name: 'B', query: 'b', createdAt: '', by: { name: '', replica: '' } }] }]) {
      const root = path.join(await tempFolder(), 'archive');
      await (await Archive.create(root, { app: 'Cairn (test)' })).close();
      await writeFile(path.join(root, 'searches.json'), JSON.stringify(file));
      const archive = await Archive.open(root, { app: 'Cairn (test)' });
      try {
        expect(archive.info().problems.map((p) => p.file)).toContain('searches.json');
        await expect(archive.saveSearch({ name: 'C', query: 'c' })).rejects.toMatchObject({ code: 'E_CONFLICT' });
      } finally {
        await archive.close();
      }
    }
  });

  it('a change that waited behind closing the archive is refused, not written after it', async () => {
    const archive = await Archive.create(path.join(await tempFolder(), 'archive'), { app: 'Cairn (test)' });
    const closing = archive.close();
    await expect(archive.saveSearch({ name: 'Late', query: 'x' })).rejects.toMatchObject({ code: 'E_NO_ARCHIVE' });
    await closing;
  });
});
