// Entities through the archive, on real folders: marked from a record, named by aliases, renamed,
// merged across records and split again, each one change to undo; conflicts change nothing.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CairnRecord } from '../../contract';
import { layout } from '../store/archive-folder';
import { describe, expect, it } from 'vitest';
import { Archive } from '../archive';
import { readSampleFiles, snapshotTree, useTempFolders } from '../testing/fixtures';

const tempFolder = useTempFolders();
const app = 'Cairn (test)';
const person = 'Aigerim Sadykova';

async function sampleArchive() {
  const root = path.join(await tempFolder(), 'archive');
  const archive = await Archive.create(root, { app, person });
  await archive.importFiles(await readSampleFiles(), { entities: false });
  const byText = (words: string) => archive.list().items.map((s) => archive.get(s.id)).find((r) => r.text.includes(words))!.id;
  return { archive, root, launch: byText('Coninsx'), consultation: byText('Coninx') };
}

describe('entities', () => {
  it('marking a name finds the entity that goes by it or makes one, and links the record once', async () => {
    const { archive, launch, consultation } = await sampleArchive();
    const { entity } = await archive.markEntity({ id: launch, name: '  Michèle   Coninsx ', kind: 'person' });
    expect(entity).toMatchObject({ name: 'Michèle Coninsx', kind: 'person', aliases: [], rev: 1 });
    const again = await archive.markEntity({ id: consultation, name: 'michèle coninsx', kind: 'person' });
    expect(again.entity.id).toBe(entity.id);
    const rev = archive.get(launch).rev;
    await archive.markEntity({ id: launch, name: 'Michèle Coninsx', kind: 'person' });
    expect(archive.get(launch).rev).toBe(rev);
    // Another kind is another entity.
    const org = await archive.markEntity({ id: launch, name: 'CTED', kind: 'organization' });
    expect(archive.entities().map((e) => [e.name, e.kind, e.records.length])).toEqual([
      ['CTED', 'organization', 1],
      ['Michèle Coninsx', 'person', 2],
    ]);
    expect(archive.entities('organization').map((e) => e.id)).toEqual([org.entity.id]);
    expect(archive.entity(entity.id).records.map((r) => r.id).sort()).toEqual([launch, consultation].sort());
  });

  it('merges one spelling into another across the archive: the records move, the name becomes an alias; undo and redo', async () => {
    const { archive, root, launch, consultation } = await sampleArchive();
    const coninsx = (await archive.markEntity({ id: launch, name: 'Coninsx', kind: 'person' })).entity;
    const coninx = (await archive.markEntity({ id: consultation, name: 'Michèle Coninx', kind: 'person' })).entity;
    await archive.aliasEntity(coninsx.id, 'M. Coninsx');
    const merged = await archive.mergeEntities(coninsx.id, coninx.id);
    expect(merged).toMatchObject({ id: coninx.id, name: 'Michèle Coninx', aliases: ['Coninsx', 'M. Coninsx'] });
    expect(archive.entities()).toHaveLength(1);
    expect(archive.entity(coninx.id).records.map((r) => r.id).sort()).toEqual([launch, consultation].sort());
    expect(archive.get(launch).entities).toEqual([{ entity: coninx.id, proposed: false }]);
    // Search finds both under either spelling, alone or with words.
    expect(archive.list({ query: 'person:Coninsx' }).items.map((s) => s.id).sort()).toEqual([launch, consultation].sort());
    expect(archive.list({ query: 'Ashgabat person:"Michèle Coninx"' }).items.map((s) => s.id)).toEqual([launch]);
    expect(archive.search('person:coninx -has:annotations').total).toBe(2);

    // Reopened, it is all still so; one undo brings both entities and the links back.
    await archive.close();
    const reopened = await Archive.open(root, { app, person });
    expect(reopened.entities().map((e) => e.name)).toEqual(['Michèle Coninx']);
    const undone = await reopened.undo();
    expect(undone.reversed.kind).toBe('merge');
    expect(reopened.entities().map((e) => [e.name, e.aliases, e.records])).toEqual([
      ['Coninsx', ['M. Coninsx'], [launch]],
      ['Michèle Coninx', [], [consultation]],
    ]);
    await reopened.redo();
    expect(reopened.entities().map((e) => e.name)).toEqual(['Michèle Coninx']);
    await reopened.undo();
    expect(reopened.entity(coninsx.id).entity.rev).toBeGreaterThan(2);
    await reopened.close();
  });

  it('refuses a merge into itself and an alias that names another entity, changing nothing', async () => {
    const { archive, root, launch, consultation } = await sampleArchive();
    const a = (await archive.markEntity({ id: launch, name: 'Coninsx', kind: 'person' })).entity;
    const b = (await archive.markEntity({ id: consultation, name: 'Coninx', kind: 'person' })).entity;
    const before = await snapshotTree(root);
    await expect(archive.mergeEntities(a.id, a.id)).rejects.toMatchObject({ code: 'E_VALIDATION', message: expect.stringContaining('itself') });
    await expect(archive.aliasEntity(a.id, 'coninx')).rejects.toMatchObject({ code: 'E_CONFLICT', message: expect.stringContaining('Coninx') });
    await expect(archive.updateEntity({ id: a.id, name: 'CONINX' })).rejects.toMatchObject({ code: 'E_CONFLICT' });
    await expect(archive.unaliasEntity(a.id, 'Coninsx')).rejects.toMatchObject({ code: 'E_VALIDATION' });
    await expect(archive.unaliasEntity(a.id, 'Nobody')).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
    await expect(archive.mergeEntities('missing', b.id)).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
    await expect(archive.markEntity({ id: launch, name: '   ', kind: 'person' })).rejects.toMatchObject({ code: 'E_VALIDATION' });
    expect(await snapshotTree(root)).toEqual(before);
  });

  it('renames (the old name stays an alias), changes kind, and removes an alias', async () => {
    const { archive, launch } = await sampleArchive();
    const { entity } = await archive.markEntity({ id: launch, name: 'CTED', kind: 'person' });
    const renamed = await archive.updateEntity({ id: entity.id, name: 'Counter-Terrorism Committee Executive Directorate', kind: 'organization' });
    expect(renamed).toMatchObject({ name: 'Counter-Terrorism Committee Executive Directorate', kind: 'organization', aliases: ['CTED'] });
    expect((await archive.unaliasEntity(entity.id, 'cted')).aliases).toEqual([]);
  });

  it('splits an alias off: records that mention only it follow; those that mention both keep both', async () => {
    const { archive, launch, consultation } = await sampleArchive();
    const coninx = (await archive.markEntity({ id: consultation, name: 'Coninx', kind: 'person' })).entity;
    const coninsx = (await archive.markEntity({ id: launch, name: 'Coninsx', kind: 'person' })).entity;
    await archive.mergeEntities(coninsx.id, coninx.id);
    const { entity, split, moved } = await archive.splitEntity(coninx.id, 'coninsx');
    expect(entity.aliases).toEqual([]);
    expect(split).toMatchObject({ name: 'Coninsx', kind: 'person' });
    expect(moved).toEqual([launch]);
    expect(archive.get(launch).entities.map((l) => l.entity)).toEqual([split.id]);
    expect(archive.get(consultation).entities.map((l) => l.entity)).toEqual([coninx.id]);
    await archive.undo();
    expect(archive.entities().map((e) => [e.name, e.aliases])).toEqual([['Coninx', ['Coninsx']]]);
  });

  it('a proposed link is confirmed or rejected by a person, and a reviewed decision confirms proposals with it', async () => {
    const { archive, root, launch } = await sampleArchive();
    const { entity } = await archive.markEntity({ id: launch, name: 'UNOCT', kind: 'organization' });
    await archive.close();
    // The importer proposes links (the import issue); here the record file holds one as it will write it.
    const file = layout.record(root, launch);
    const stored = JSON.parse(await readFile(file, 'utf8')) as CairnRecord;
    await writeFile(file, JSON.stringify({ ...stored, proposed: [], entities: [{ entity: entity.id, proposed: true }] }));
    const reopened = await Archive.open(root, { app, person });
    expect(reopened.entities()[0]).toMatchObject({ proposed: 1, records: [launch] });
    await expect(reopened.review({ id: launch, status: 'reviewed' })).rejects.toMatchObject({ code: 'E_UNCONFIRMED' });
    await reopened.confirmEntity(launch, entity.id);
    expect(reopened.get(launch).entities).toEqual([{ entity: entity.id, proposed: false }]);
    await reopened.undo();
    expect(reopened.get(launch).entities).toEqual([{ entity: entity.id, proposed: true }]);
    expect((await reopened.review({ id: launch, status: 'reviewed', confirmProposals: true })).entities).toEqual([{ entity: entity.id, proposed: false }]);
    await reopened.undo();
    await reopened.unlinkEntity(launch, entity.id);
    expect(reopened.get(launch).entities).toEqual([]);
    expect(reopened.entities()[0]).toMatchObject({ name: 'UNOCT', records: [] });
    await expect(reopened.confirmEntity(launch, entity.id)).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
    await reopened.close();
  });
});
