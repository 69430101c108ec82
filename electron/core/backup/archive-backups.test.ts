// An archive's backups as a person meets them: taken on their own (daily, before bulk changes and
// format upgrades); damaged files put aside on open and brought back from them, with nothing done
// since the backup lost; the whole archive put back as it was.
import { cp, readFile, readdir, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Archive } from '../archive';
import { layout } from '../store/archive-folder';
import { entityLayout } from '../entities/entity-store';
import { closedArchive } from '../testing/archive-folders';
import { useTempFolders } from '../testing/fixtures';
import { listSnapshots, backupDir } from './backup-store';

const tempFolder = useTempFolders();
const app = 'Cairn (test)';
const person = 'Aigerim Bekova';

async function sampleRoot(): Promise<string> {
  return closedArchive(path.join(await tempFolder(), 'archive'), { samples: true });
}

const rel = (root: string, file: string) => path.relative(root, file).split(path.sep).join('/');

describe('automatic backups', () => {
  it('are taken once a day when the archive is opened for writing, and before a bulk change', async () => {
    const root = await sampleRoot();
    const first = await Archive.open(root, { app, autoBackup: true, person });
    const ids = first.list().items.map((s) => s.id);
    await first.close();
    expect((await listSnapshots(backupDir(root))).map((s) => s.reason)).toEqual(['daily']);

    const second = await Archive.open(root, { app, autoBackup: true, person });
    await second.update({ id: ids[0]!, changes: { addTags: ['one'] } });
    expect((await second.backups()).map((s) => s.reason)).toEqual(['daily']);
    await second.updateMany({ ids, changes: { addTags: ['many'] } });
    await second.close();
    expect((await listSnapshots(backupDir(root))).map((s) => s.reason)).toEqual(['bulk', 'daily']);
  });

  it('are not taken by read-only opens, nor when the doors do not ask for them', async () => {
    const root = await sampleRoot();
    await (await Archive.open(root, { app, readOnly: true, autoBackup: true })).close();
    await (await Archive.open(root, { app })).close();
    expect(await listSnapshots(backupDir(root))).toEqual([]);
  });

  it('keep the archive as an older Cairn left it before its format is upgraded', async () => {
    const fixture = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'store', 'fixtures', 'archive-v2');
    const root = path.join(await tempFolder(), 'v2');
    await cp(fixture, root, { recursive: true });
    const manifest = await readFile(layout.manifest(root), 'utf8');
    const archive = await Archive.open(root, { app, autoBackup: true });
    await archive.close();
    // It is the day's backup too.
    const [migration, ...others] = await listSnapshots(backupDir(root));
    expect([migration?.reason, others]).toEqual(['migration', []]);
    expect(migration!.archive.formatVersion).toBe(2);
    const { readBackedUpFile } = await import('./backup-store');
    expect((await readBackedUpFile(backupDir(root), migration!.id, 'cairn-archive.json'))!.toString()).toBe(manifest);
  });
});

describe('a damaged record file', () => {
  it('is put aside on open, the other records stay, and the backup brings it back with the changes made since', async () => {
    const root = await sampleRoot();
    let archive = await Archive.open(root, { app, person });
    const [id, other] = archive.list({ sort: { field: 'title', direction: 'asc' } }).items.map((s) => s.id);
    await archive.createBackup();
    // Work done after the backup, that the log keeps.
    await archive.update({ id: id!, changes: { title: 'Retitled after the backup', addTags: ['after'] } });
    await archive.annotate({ id: id!, quote: 'Central Asia', note: 'Noted after the backup' });
    const expected = archive.get(id!);
    await archive.close();

    const file = layout.record(root, id!);
    const damagedBytes = (await readFile(file)).subarray(0, 40);
    await truncate(file, 40);

    archive = await Archive.open(root, { app, person });
    expect(() => archive.get(id!)).toThrow();
    expect(archive.get(other!).id).toBe(other);
    const problem = archive.info().problems.find((p) => p.file === rel(root, file))!;
    expect(problem.recovery).toMatchObject({ kind: 'record', id, backup: { id: expect.any(String) } });
    // Moved, never deleted or overwritten.
    expect((await readFile(path.join(root, problem.quarantined!))).equals(damagedBytes)).toBe(true);

    const restored = await archive.restoreFromBackup({ record: id });
    expect(restored.replayed).toBe(2);
    const record = archive.get(id!);
    expect(record).toMatchObject({ title: expected.title, tags: expected.tags, annotations: expected.annotations });
    expect(record.rev).toBeGreaterThan(expected.rev);
    expect(archive.info().problems).toEqual([]);
    expect((await archive.history(id!)).entries[0]).toMatchObject({ kind: 'restore', comment: expect.stringContaining('Restored from the backup') });
    await archive.close();

    // Written for good: it opens again, and the damaged copy is still in quarantine.
    archive = await Archive.open(root, { app });
    expect(archive.get(id!).title).toBe(expected.title);
    expect(archive.info().problems).toEqual([]);
    await archive.close();
    expect(await readdir(path.join(root, 'quarantine'))).toHaveLength(1);
  });

  it('opened read-only is left where it is, and the backup that has it is named', async () => {
    const root = await sampleRoot();
    const archive = await Archive.open(root, { app });
    const id = archive.list().items[0]!.id;
    const backup = await archive.createBackup();
    await archive.close();
    await writeFile(layout.record(root, id), Buffer.alloc(300));
    const readOnly = await Archive.open(root, { app, readOnly: true });
    const problem = readOnly.info().problems[0]!;
    expect(problem).toMatchObject({ file: rel(root, layout.record(root, id)), recovery: { kind: 'record', backup: { id: backup.id } } });
    expect(problem.quarantined).toBeUndefined();
    await readOnly.close();
    expect((await readFile(layout.record(root, id))).every((b) => b === 0)).toBe(true);
  });

  it('with no backup is named as such, and restoring says no backup has it', async () => {
    const root = await sampleRoot();
    const archive = await Archive.open(root, { app });
    const id = archive.list().items[0]!.id;
    await archive.close();
    await writeFile(layout.record(root, id), '{"id": "hand-edited", "title": 42}');
    const again = await Archive.open(root, { app });
    expect(again.info().problems[0]!.recovery).toMatchObject({ kind: 'record', id, backup: null });
    await expect(again.restoreFromBackup({ record: id })).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
    await again.close();
  });
});

describe('a damaged entity or vocabulary file', () => {
  it('is put aside and brought back from the backup', async () => {
    const root = await sampleRoot();
    let archive = await Archive.open(root, { app, person });
    const id = archive.list().items[0]!.id;
    const { entity } = await archive.markEntity({ id, name: 'Miroslav Jenča', kind: 'person' });
    await archive.putVocabulary({ id: 'themes', label: 'Themes', concepts: [{ id: 'c1', label: 'Border security', altLabels: [] }] });
    await archive.createBackup();
    await archive.close();
    const entityFile = entityLayout.entity(root, entity.id);
    const vocabularyFile = path.join(layout.vocabulariesDir(root), 'themes.json');
    await writeFile(entityFile, Buffer.alloc(64));
    await writeFile(vocabularyFile, '{"id": "themes", "concepts": "none"}');

    archive = await Archive.open(root, { app, person });
    expect(archive.info().problems.map((p) => p.recovery?.kind).sort()).toEqual(['entity', 'vocabulary']);
    expect(archive.vocabularies()).toEqual([]);
    await archive.restoreFromBackup({ file: rel(root, entityFile) });
    await archive.restoreFromBackup({ file: rel(root, vocabularyFile) });
    expect(archive.entity(entity.id).entity.name).toBe('Miroslav Jenča');
    expect(archive.vocabularies().map((v) => v.id)).toEqual(['themes']);
    expect(archive.info().problems).toEqual([]);
    await archive.close();
  });
});

describe('restoring the whole archive', () => {
  it('puts every record back as the backup has it, after a backup of the archive as it was', async () => {
    const root = await sampleRoot();
    const archive = await Archive.open(root, { app, person });
    const backup = await archive.createBackup();
    const id = archive.list().items[0]!.id;
    const title = archive.get(id).title;
    await archive.update({ id, changes: { title: 'Changed after the backup' } });
    await archive.importFiles([{ name: 'later.txt', bytes: Buffer.from('Imported after the backup was taken.') }]);
    await archive.restoreArchive(backup.id);
    await expect(archive.update({ id, changes: { title: 'x' } })).rejects.toMatchObject({ code: 'E_NO_ARCHIVE' });

    const reopened = await Archive.open(root, { app });
    expect(reopened.size).toBe(5);
    expect(reopened.get(id).title).toBe(title);
    const [before] = await reopened.backups();
    expect(before).toMatchObject({ reason: 'restore', records: 6 });
    await reopened.close();
  });
});
