// The search index is built after opening, in the background; nothing said or done meanwhile is lost.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Archive } from './archive';
import { useTempFolders } from './testing/fixtures';

const tempFolder = useTempFolders();
const app = 'Cairn (test)';

/** An archive of `n` small distinct records, reopened so that its index starts empty. */
async function reopenedArchive(n: number): Promise<Archive> {
  const root = path.join(await tempFolder(), 'archive');
  const created = await Archive.create(root, { app });
  const files = Array.from({ length: n }, (_, i) => ({
    name: `note-${i}.txt`,
    bytes: Buffer.from(`Field note ${i}\n\nObservation number ${i} mentions keyword${i % 7} and the word zebra${i}.`),
  }));
  const report = await created.importFiles(files);
  expect(report.imported).toHaveLength(n);
  await created.close();
  return Archive.open(root, { app });
}

describe('lazy search index', () => {
  it('opens with an empty index, reports its progress, and completes in the background', async () => {
    const archive = await reopenedArchive(450);
    expect(archive.info().searchIndex).toEqual({ indexed: 0, total: 450 });
    expect(archive.list().total).toBe(450); // listing needs no index
    await archive.whenIndexed();
    expect(archive.info().searchIndex).toEqual({ indexed: 450, total: 450 });
    expect(archive.search('keyword3').total).toBe(64);
    await archive.close();
  });

  it('answers a search synchronously before the background build has finished', async () => {
    const archive = await reopenedArchive(300);
    expect(archive.search('zebra299').hits.map((h) => h.title)).toEqual(['Field note 299']);
    expect(archive.info().searchIndex.indexed).toBe(300);
    await archive.close();
  });

  it('keeps edits and imports made while the index is being built, without indexing anything twice', async () => {
    const archive = await reopenedArchive(600);
    const building = archive.whenIndexed();
    const [first, last] = [archive.list({ sort: { field: 'title', direction: 'asc' } }).items[0]!, archive.list({ sort: { field: 'title', direction: 'desc' } }).items[0]!];
    await archive.update({ id: first.id, changes: { title: 'Renamed while indexing: aardvark' } });
    await archive.update({ id: last.id, changes: { addTags: ['Pangolin'] } });
    const report = await archive.importFiles([{ name: 'late.txt', bytes: Buffer.from('Late arrival\n\nA record about a narwhal.') }]);
    await building;

    expect(archive.search('aardvark').hits.map((h) => h.id)).toEqual([first.id]);
    expect(archive.search(`Field note ${first.title.replace(/\D/g, '')}`).hits.some((h) => h.id === first.id && h.title.startsWith('Renamed'))).toBe(true);
    expect(archive.search('pangolin').hits.map((h) => h.id)).toEqual([last.id]);
    expect(archive.search('narwhal').hits.map((h) => h.id)).toEqual([report.imported[0]!.id]);
    expect(archive.info().searchIndex).toEqual({ indexed: 601, total: 601 });
    await archive.close();
  });

  it('stops building when the archive is closed', async () => {
    const archive = await reopenedArchive(400);
    const building = archive.whenIndexed();
    await archive.close();
    await building;
    expect(archive.info().searchIndex.indexed).toBeLessThan(400);
  });
});
