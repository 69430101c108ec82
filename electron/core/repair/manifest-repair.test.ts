// A damaged cairn-archive.json as a person meets it: the archive still opens, read-only, every record
// readable and nothing changed; after they confirm, the description is rebuilt (from a backup when
// one has it) and the archive is theirs to work on again, its history whole.
import { readFile, readdir, rm, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Archive } from '../archive';
import { CairnError } from '../errors';
import { FORMAT_VERSION, layout, type Manifest } from '../store/archive-folder';
import { closedArchive } from '../testing/archive-folders';
import { sampleDir, snapshotTree, useTempFolders } from '../testing/fixtures';
import { Workspace } from '../workspace';
import { backupDir, listSnapshots, readSnapshotFiles } from '../backup/backup-store';
import { repairManifest } from './manifest-repair';

const tempFolder = useTempFolders();
const app = 'Cairn (test)';
const person = 'Aigerim Bekova';

/** A sample archive with one change made, and (when asked) the day's backup taken before the damage. */
async function archiveWithWork(withBackup: boolean): Promise<{ root: string; manifest: Manifest; tagged: string }> {
  const root = await closedArchive(path.join(await tempFolder(), 'Field office'), { samples: true });
  const archive = await Archive.open(root, { app, person, autoBackup: withBackup });
  const tagged = archive.list().items[0]!.id;
  await archive.update({ id: tagged, changes: { addTags: ['checked before the damage'] } });
  await archive.close();
  const manifest = JSON.parse(await readFile(layout.manifest(root), 'utf8')) as Manifest;
  return { root, manifest, tagged };
}

const damages: [string, (file: string) => Promise<void>][] = [
  ['cut off', (file) => truncate(file, 20)],
  ['zeroed', async (file) => writeFile(file, Buffer.alloc(180))],
  ['edited by hand into something else', (file) => writeFile(file, '{"note": "moved to the new laptop"}\n')],
  ['missing', (file) => rm(file)],
];

describe('an archive whose cairn-archive.json is damaged', () => {
  it.each(damages)('opens read-only when it is %s: every record readable, its history too, and not a byte changed', async (_, damage) => {
    const { root, tagged } = await archiveWithWork(true);
    await damage(layout.manifest(root));
    const before = await snapshotTree(root);

    const archive = await Archive.open(root, { app, person, autoBackup: true });
    const info = archive.info();
    expect(info).toMatchObject({ readOnly: true, recordCount: 5, problems: [], repair: { file: 'cairn-archive.json', from: 'backup', newId: false } });
    expect(info.readOnlyText?.key).toBe('archive_manifest_damaged_read_only');
    expect(archive.get(tagged).tags).toContain('checked before the damage');
    expect((await archive.history(tagged)).entries.length).toBeGreaterThan(0);
    await expect(archive.update({ id: tagged, changes: { addTags: ['lost?'] } })).rejects.toMatchObject({ code: 'E_READ_ONLY' });
    await archive.close();
    // No lock, no backup, no quarantine: nothing is written before the person confirms.
    expect(await snapshotTree(root)).toEqual(before);
  });

  it('is rebuilt from the newest backup once confirmed: same id, name and replica; the damaged file kept in quarantine; writable again', async () => {
    const { root, manifest, tagged } = await archiveWithWork(true);
    await truncate(layout.manifest(root), 20);
    const damagedBytes = await readFile(layout.manifest(root));

    const outcome = await repairManifest(root, app);
    expect(outcome).toMatchObject({ repaired: true, plan: { from: 'backup', name: 'Field office', id: manifest.id } });
    expect(await readFile(path.join(root, outcome.quarantined!))).toEqual(damagedBytes);
    expect(JSON.parse(await readFile(layout.manifest(root), 'utf8'))).toEqual(manifest);

    const archive = await Archive.open(root, { app, person, autoBackup: true });
    expect(archive.info()).toMatchObject({ readOnly: false, repair: null, id: manifest.id, problems: [] });
    const title = archive.get(tagged).title;
    await archive.update({ id: tagged, changes: { title: 'Retitled after the repair' } });
    await archive.undo();
    expect(archive.get(tagged).title).toBe(title);
    // Undo reaches back past the repair into the changes made before the damage.
    await archive.undo();
    expect(archive.get(tagged).tags).not.toContain('checked before the damage');
    await archive.close();
  });

  it('is rebuilt from what the folder holds when no backup has it: the folder name, a new id, the format the contents show', async () => {
    const { root, manifest } = await archiveWithWork(false);
    await writeFile(layout.manifest(root), Buffer.alloc(64));

    const archive = await Archive.open(root, { app });
    expect(archive.info().repair).toMatchObject({ from: 'folder', backup: null, name: 'Field office', newId: true });
    await archive.close();
    const outcome = await repairManifest(root, app);
    const rebuilt = JSON.parse(await readFile(layout.manifest(root), 'utf8')) as Manifest;
    // The sample archive has a change log but no entities yet: format 2 is all its contents show.
    expect(rebuilt).toMatchObject({ format: 'cairn-archive', version: 2, name: 'Field office', id: outcome.plan!.id });
    expect(rebuilt.id).not.toBe(manifest.id);
    const reopened = await Archive.open(root, { app });
    expect(reopened.info()).toMatchObject({ readOnly: false, recordCount: 5, formatVersion: FORMAT_VERSION });
    await reopened.close();
  });

  it("falls back on the backup's own note of the archive when the backup's copy of the description is damaged too", async () => {
    const { root, manifest } = await archiveWithWork(true);
    const [backup] = await listSnapshots(backupDir(root));
    const copy = (await readSnapshotFiles(backupDir(root), backup!.id)).get('cairn-archive.json')!;
    const objects = path.join(backupDir(root), 'objects', copy.sha256.slice(0, 2));
    await writeFile(path.join(objects, (await readdir(objects)).find((n) => n.startsWith(copy.sha256))!), 'rot');
    await writeFile(layout.manifest(root), '{');

    const { plan } = await repairManifest(root, app);
    expect(plan).toMatchObject({ from: 'backup-notes', id: manifest.id, name: manifest.name, newId: false });
  });

  it('is left alone by a repair when it is whole', async () => {
    const { root } = await archiveWithWork(false);
    const before = await snapshotTree(root);
    expect(await repairManifest(root, app)).toEqual({ repaired: false, plan: null, quarantined: null });
    expect(await snapshotTree(root)).toEqual(before);
  });

  it('is not repaired while another writer holds the archive', async () => {
    const { root } = await archiveWithWork(false);
    const writer = await Archive.open(root, { app });
    await writeFile(layout.manifest(root), 'garbage');
    await expect(repairManifest(root, app)).rejects.toMatchObject({ code: 'E_ARCHIVE_LOCKED' });
    expect(await readFile(layout.manifest(root), 'utf8')).toBe('garbage');
    await writer.close();
  });

  it('is not invented for a folder that is no archive: a folder of "records" alone is still refused', async () => {
    const root = path.join(await tempFolder(), 'not-an-archive');
    await closedArchive(root, { samples: false });
    await rm(layout.manifest(root));
    await rm(path.join(root, 'changes'), { recursive: true, force: true });
    await rm(path.join(root, 'backups'), { recursive: true, force: true });
    await rm(path.join(root, 'originals'), { recursive: true, force: true });
    await expect(Archive.open(root, { app })).rejects.toMatchObject({ code: 'E_NOT_AN_ARCHIVE' });
  });
});

describe('an archive made by a newer Cairn', () => {
  it('opens read-only with the reason, and nothing in it is rewritten', async () => {
    const { root, manifest, tagged } = await archiveWithWork(false);
    await writeFile(layout.manifest(root), JSON.stringify({ ...manifest, version: FORMAT_VERSION + 1 }));
    const before = await snapshotTree(root);
    const archive = await Archive.open(root, { app, autoBackup: true });
    expect(archive.info()).toMatchObject({ readOnly: true, formatVersion: FORMAT_VERSION + 1, repair: null });
    expect(archive.info().readOnlyText?.key).toBe('archive_too_new_read_only');
    await expect(archive.update({ id: tagged, changes: { title: 'x' } })).rejects.toMatchObject({ code: 'E_READ_ONLY' });
    await archive.close();
    expect(await snapshotTree(root)).toEqual(before);
  });
});

describe('repairing through a door (archive.repair)', () => {
  it('repairs the open archive after the person confirmed, and leaves it open for writing', async () => {
    const { root, manifest } = await archiveWithWork(true);
    await truncate(layout.manifest(root), 3);
    const ws = await Workspace.start({ profileDir: await tempFolder(), archivePath: root, app, sampleDir });
    expect(ws.archive.info()).toMatchObject({ readOnly: true, repair: { from: 'backup' } });
    const result = await ws.repairArchive();
    expect(result).toMatchObject({ repaired: true, archive: { readOnly: false, repair: null, id: manifest.id, recordCount: 5 } });
    await expect(ws.repairArchive()).rejects.toBeInstanceOf(CairnError);
    await ws.close();
  });
});
