// Archives made by earlier versions of Cairn, kept as fixtures, open in this one: read-only as they
// are, and brought to the current format when opened for writing, with nothing lost.
import { cp, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Archive } from '../archive';
import { RECORD_FORMAT_VERSION } from '../model/record-schema';
import { snapshotTree, useTempFolders } from '../testing/fixtures';
import { FORMAT_VERSION, layout } from './archive-folder';

const tempFolder = useTempFolders();
const app = 'Cairn (test)';
const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** A copy of a fixture archive: the fixture itself is never opened (opening for writing changes it). */
async function copyOf(name: string): Promise<string> {
  const root = path.join(await tempFolder(), name);
  await cp(path.join(fixtures, name), root, { recursive: true });
  return root;
}

describe('an archive of format 2 (before annotations and entities)', () => {
  it('opens read-only exactly as it is, changing no file', async () => {
    const root = await copyOf('archive-v2');
    const before = await snapshotTree(root);
    const archive = await Archive.open(root, { app, readOnly: true });
    expect(archive.info()).toMatchObject({ formatVersion: 2, recordCount: 2, problems: [] });
    expect(archive.list().items.every((s) => archive.get(s.id).annotations.length === 0)).toBe(true);
    await archive.close();
    expect(await snapshotTree(root)).toEqual(before);
  });

  it('is brought to the current format when opened for writing: records, history, review marks and undo all kept', async () => {
    const root = await copyOf('archive-v2');
    const archive = await Archive.open(root, { app, person: 'Dilnoza Karimova' });
    expect(archive.info()).toMatchObject({ formatVersion: FORMAT_VERSION, recordCount: 2, problems: [] });
    expect(JSON.parse(await readFile(layout.manifest(root), 'utf8'))).toMatchObject({ version: FORMAT_VERSION, replica: expect.any(String) });
    const reviewed = archive.list().items.find((s) => s.status === 'reviewed')!;
    const record = archive.get(reviewed.id);
    expect(record).toMatchObject({ formatVersion: 1, creator: 'UNRCCA', tags: ['regional cooperation'], annotations: [], notes: [], entities: [], review: { by: { name: 'Aida Fixture' } } });
    expect((await archive.history(record.id)).entries.map((e) => e.field)).toEqual(expect.arrayContaining(['status', 'review', 'creator', 'tags', 'record']));

    // The first change writes the record in the new format; the old history goes on below it.
    const { annotation } = await archive.annotate({ id: record.id, quote: 'Ashgabat' });
    const stored = JSON.parse(await readFile(layout.record(root, record.id), 'utf8')) as { formatVersion: number; annotations: unknown[] };
    expect(stored.formatVersion).toBe(RECORD_FORMAT_VERSION);
    expect(stored.annotations).toHaveLength(1);
    await archive.undo();
    expect(archive.get(record.id).annotations).toEqual([]);
    // Undo reaches back into what the earlier Cairn logged.
    await archive.undo();
    expect(archive.get(record.id).status).toBe('new');
    expect(annotation.quote.exact).toBe('Ashgabat');
    await archive.close();
  });
});
