// Backups and recovery as an archivist meets them: a backup taken by hand, one record put back from
// it, and a copy of a running archive with a damaged record file, brought back from its backup.
import { cp, readdir, readFile, truncate } from 'node:fs/promises';
import path from 'node:path';
import { test, expect } from '../fixtures';
import { MainWindow } from '../pages/MainWindow';

test('Settings › Backups: back up now, then put one record back as the backup has it, and undo that', async ({ page, cairn }) => {
  const app = new MainWindow(page);
  await app.open(cairn.url);
  await app.select(/^UNRCCA and CTITF/);

  const { settings, list } = await app.openBackups();
  await settings.getByRole('button', { name: 'Back up now' }).click();
  await expect(list.getByRole('listitem').first()).toContainText('taken by hand · 5 records');
  await settings.getByRole('button', { name: 'Close', exact: true }).click();

  await app.edit('Title', 'A title typed after the backup');
  await expect(app.row('A title typed after the backup')).toBeVisible();

  const again = await app.openBackups();
  await again.list.getByRole('button', { name: /^Restore “A title typed after the backup” as the backup of .* has it$/ }).first().click();
  await expect(again.settings.getByRole('status').filter({ hasText: /is back as it was at/ })).toBeVisible();
  await again.settings.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(app.row(/^UNRCCA and CTITF/)).toBeVisible();

  // A restore is a change like any other: Ctrl+Z (from the list, not a text field) takes it back.
  await app.select(/^UNRCCA and CTITF/);
  await page.keyboard.press('Control+z');
  await expect(app.row('A title typed after the backup')).toBeVisible();
});

test('a copy of a running archive with a damaged record file: the recovery screen restores it from the backup', async ({ page, cairn }) => {
  const app = new MainWindow(page);
  await app.open(cairn.url);
  await app.backUpNow();

  // Copied while open (its lock comes along), then one record file damaged in the copy.
  const copy = path.join(cairn.root, 'copy-of-archive');
  await cp(cairn.archiveDir, copy, { recursive: true });
  const shard = (await readdir(path.join(copy, 'records')))[0]!;
  const name = (await readdir(path.join(copy, 'records', shard)))[0]!;
  const file = path.join(copy, 'records', shard, name);
  const title = (JSON.parse(await readFile(file, 'utf8')) as { title: string }).title;
  await truncate(file, 25);

  await app.openArchiveAt(copy);
  const recovery = app.recoveryDialog;
  await expect(recovery).toBeVisible();
  await expect(recovery).toContainText(`records/${shard}/${name}`);
  await expect(recovery).toContainText('Moved to quarantine/');
  await expect(app.count).toHaveText('4 records');

  await recovery.getByRole('button', { name: /^Restore records\/.* from the backup of / }).click();
  await expect(recovery.getByRole('status')).toContainText(`“${title}” restored from the backup of`);
  await recovery.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(recovery).toBeHidden();
  await expect(app.count).toHaveText('5 records');
  await expect(app.row(title)).toBeVisible();
  await expect(page.getByRole('note').filter({ hasText: 'damaged file' })).toHaveCount(0);
});

test('Archive › Verify archive: all is well, then a file damaged behind Cairn’s back is named, and nothing is changed', async ({ page, cairn }) => {
  const app = new MainWindow(page);
  await app.open(cairn.url);
  await app.backUpNow();

  const dialog = await app.verifyArchive();
  await expect(dialog.getByRole('status')).toContainText(/All is well: \d+ files/);
  await expect(dialog).toContainText(/files matched the checksums of the backup of/);

  // An original damaged on disk, as bit rot or a bad stick would.
  const shard = (await readdir(path.join(cairn.archiveDir, 'originals')))[0]!;
  const name = (await readdir(path.join(cairn.archiveDir, 'originals', shard)))[0]!;
  await truncate(path.join(cairn.archiveDir, 'originals', shard, name), 10);
  await dialog.getByRole('button', { name: 'Check again' }).click();
  await expect(dialog.getByRole('progressbar')).toBeHidden();
  await expect(dialog.getByRole('status')).toContainText('0 missing, 1 damaged, 0 unexpected');
  const findings = dialog.getByRole('list', { name: 'What the check found' });
  await expect(findings.getByRole('listitem')).toHaveCount(1);
  await expect(findings).toContainText(`DAMAGED originals/${shard}/${name}`);
  await expect(findings).toContainText('the original was damaged');
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(app.count).toHaveText('5 records');
});

test('a copy whose cairn-archive.json was cut off: its records open read-only, and Repair archive… rebuilds it from the backup once confirmed', async ({ page, cairn }) => {
  const app = new MainWindow(page);
  await app.open(cairn.url);
  await app.backUpNow();

  const copy = path.join(cairn.root, 'copy-with-damaged-description');
  await cp(cairn.archiveDir, copy, { recursive: true });
  await truncate(path.join(copy, 'cairn-archive.json'), 40);

  await app.openArchiveAt(copy);
  await expect(app.count).toHaveText('5 records');
  const banner = page.getByRole('note').filter({ hasText: 'the file that describes this archive, is not valid JSON' });
  await expect(banner).toContainText('nothing is changed until the archive is repaired');
  await expect(app.importButton).toBeDisabled();

  const dialog = await app.repairArchive(banner);
  await expect(dialog).toContainText('keep the damaged cairn-archive.json in the quarantine folder');
  await expect(dialog).toContainText(/write a new one from the copy in the backup of .+, so the archive keeps its name, id and history/);
  await dialog.getByRole('button', { name: 'Repair', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: /Archive repaired\. The damaged description is kept at quarantine\// })).toBeVisible();
  await expect(banner).toBeHidden();
  await expect(app.importButton).toBeEnabled();
  await expect(app.count).toHaveText('5 records');
  const repaired = JSON.parse(await readFile(path.join(copy, 'cairn-archive.json'), 'utf8')) as { id: string };
  const original = JSON.parse(await readFile(path.join(cairn.archiveDir, 'cairn-archive.json'), 'utf8')) as { id: string };
  expect(repaired.id).toBe(original.id);
});

test('a damaged record that no backup has: the recovery screen rebuilds it from its kept original and its history', async ({ page, cairn }) => {
  const app = new MainWindow(page);
  await app.open(cairn.url);
  await app.select(/^UNRCCA and CTITF/);
  await app.edit('Title', 'Retitled, never backed up');

  const copy = path.join(cairn.root, 'copy-without-backup');
  await cp(cairn.archiveDir, copy, { recursive: true, filter: (src) => path.basename(src) !== 'backups' });
  const shard = (await readdir(path.join(copy, 'records')))[0]!;
  const name = (await readdir(path.join(copy, 'records', shard)))[0]!;
  const file = path.join(copy, 'records', shard, name);
  const title = (JSON.parse(await readFile(file, 'utf8')) as { title: string }).title;
  await truncate(file, 0);

  await app.openArchiveAt(copy);
  const recovery = app.recoveryDialog;
  await expect(recovery).toContainText('No backup has this file.');
  await recovery.getByRole('button', { name: `Rebuild records/${shard}/${name} from its kept original and its history` }).click();
  await expect(recovery.getByRole('status')).toContainText(`“${title}” rebuilt from its original`);
  await recovery.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(app.count).toHaveText('5 records');
  await expect(app.row(title)).toBeVisible();
});
