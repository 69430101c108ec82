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
