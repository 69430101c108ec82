// Import and export: files come in through the Import button, duplicates are named; exports are files.
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, expect, sampleDir } from '../fixtures';
import { parse } from 'csv-parse/sync';
import { BagVerifyDialog, ExportDialog } from '../pages/ExportDialog';
import { MainWindow } from '../pages/MainWindow';

let filesDir: string;
test.beforeEach(async () => {
  filesDir = await mkdtemp(path.join(tmpdir(), 'cairn-ui-files-'));
});
test.afterEach(async () => {
  await rm(filesDir, { recursive: true, force: true });
});

const FIELD_NOTE = ['Field note from Osh', '', 'OSH, 12 March 2019 — The regional office met with local partners.', '', 'A second paragraph.'].join('\n');

test('importing a new file and a copy of a sample reports the duplicate by name and opens the new record', async ({ page, cairn }) => {
  const app = new MainWindow(page);
  await app.open(cairn.url);
  const fresh = path.join(filesDir, 'field-note.txt');
  const copy = path.join(filesDir, 'copy-of-sample.txt');
  await writeFile(fresh, FIELD_NOTE);
  await copyFile(path.join(sampleDir, '001_f7b9e3b84d36ff61.txt'), copy);

  await app.importFiles([fresh, copy]);

  const report = app.importReport();
  await expect(report).toContainText('1 record imported, 1 duplicate skipped.');
  await expect(report).toContainText('copy-of-sample.txt is already in the archive as “United Nations launches regional counter-terrorism project in Ashgabat”');
  await report.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(report).toBeHidden();

  await expect(app.count).toHaveText('6 records');
  await expect(app.readerTitle()).toHaveText('Field note from Osh');
  await expect(app.selectedRow()).toContainText('12 Mar 2019');
});

test('files dragged onto the window are invited in, and dropping one imports it', async ({ page, cairn }) => {
  const app = new MainWindow(page);
  await app.open(cairn.url);
  await app.dragFiles({ 'field-note.txt': FIELD_NOTE }, { drop: false });
  await expect(app.dropInvitation()).toBeVisible();
  await app.dragFiles({ 'field-note.txt': FIELD_NOTE });
  await expect(app.dropInvitation()).toHaveCount(0);
  await expect(app.toast('Imported “Field note from Osh”.')).toBeVisible();
  await expect(app.count).toHaveText('6 records');
});

test('a file that is not plain text is refused with the reason', async ({ page, cairn }) => {
  const app = new MainWindow(page);
  await app.open(cairn.url);
  const empty = path.join(filesDir, 'blank.txt');
  await writeFile(empty, '   \n  ');
  const other = path.join(filesDir, 'note.txt');
  await writeFile(other, 'A short note\n\nWith some text.');

  await app.importFiles([empty, other]);
  const report = app.importReport();
  await expect(report).toContainText('1 record imported, 1 file failed.');
  await expect(report).toContainText('blank.txt holds only white space');
});

test('reviews two records, exports the reviewed set as a bag, finds exactly those two in it, and verifies the bag', async ({ page, cairn }) => {
  const app = new MainWindow(page);
  await app.open(cairn.url);
  await app.reviewQueueButton.click();
  await app.rows.first().click();
  const reviewed: string[] = [];
  for (let i = 0; i < 2; i++) {
    reviewed.push((await app.readerTitle().textContent())!);
    await page.keyboard.press('r');
    const dialog = app.dialog('Mark reviewed');
    const name = dialog.getByRole('textbox', { name: 'Your name' });
    if (await name.isVisible()) await name.fill('Aigerim Sadykova');
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
  }
  await expect(app.queueProgress()).toContainText('2 of 5 reviewed');

  // The reviewed records are the default; a bag is the default format.
  const exporter = new ExportDialog(page);
  await exporter.open();
  await expect(exporter.scope(/^Reviewed records/)).toBeChecked();
  await expect(exporter.scope(/^Reviewed records/)).toHaveAccessibleName('Reviewed records 2');
  await expect(exporter.format).toHaveValue('bagit');
  await exporter.writeTo(filesDir, 'reviewed');
  await exporter.exportButton.click();
  await expect(exporter.done).toContainText(/A bag of 2 records \(13 files, [\d.]+ KB\) is ready:/);
  await expect(exporter.dialog).toContainText(path.join(filesDir, 'reviewed'));

  const lines = (await readFile(path.join(filesDir, 'reviewed', 'data', 'records.jsonl'), 'utf8')).trim().split('\n');
  const inBag = lines.map((line) => JSON.parse(line) as { title: string; status: string; review: { by: { name: string } } });
  expect(inBag.map((r) => r.title).sort()).toEqual([...reviewed].sort());
  expect(inBag.every((r) => r.status === 'reviewed' && r.review.by.name === 'Aigerim Sadykova')).toBe(true);

  // Verify the bag from the summary: every file is there and unchanged.
  await exporter.button('Verify the bag').click();
  const verifier = new BagVerifyDialog(page);
  await expect(verifier.summary).toContainText('is complete and unchanged: 9 files');

  // A file changed on the way is named.
  const csv = path.join(filesDir, 'reviewed', 'data', 'records.csv');
  await writeFile(csv, (await readFile(csv, 'utf8')).replace('reviewed', 'Reviewed'));
  await verifier.verify(path.join(filesDir, 'reviewed'));
  await expect(verifier.summary).toContainText('failed its check: 1 problem');
  await expect(verifier.problems).toContainText('ALTERED data/records.csv');
});

test('exports what a search found as CSV, remembers the folder, and asks before replacing an export', async ({ page, cairn }) => {
  const app = new MainWindow(page);
  await app.open(cairn.url);
  await app.searchFor('Jenca');
  await expect(app.count).toHaveText('2 of 5 records');

  const exporter = new ExportDialog(page);
  await exporter.open();
  await exporter.scope(/^The current search: Jenca/).check();
  await exporter.chooseFormat('CSV — a table, one row per record');
  await exporter.writeTo(filesDir, 'found.csv');
  await expect(exporter.exportButton).toHaveText('Export 2 records');
  await exporter.exportButton.click();
  await expect(exporter.done).toContainText(/Exported 2 records \([\d.]+ KB\) to:/);
  const rows = parse(await readFile(path.join(filesDir, 'found.csv')), { columns: true }) as { title: string }[];
  expect(rows.map((r) => r.title).sort()).toEqual([
    'Central Asia - A New Focus of the UN Global Counter-Terrorism Strategy',
    'UNRCCA and CTITF co-organize Consultation Meeting with regional organizations in Almaty',
  ]);
  await exporter.close();

  // The folder is remembered; the same name again is not overwritten unasked.
  await exporter.open();
  await expect(exporter.folder).toHaveValue(filesDir);
  await exporter.scope(/^The current search: Jenca/).check();
  await exporter.chooseFormat('CSV — a table, one row per record');
  await exporter.name.fill('found.csv');
  await exporter.exportButton.click();
  await expect(exporter.dialog.getByRole('alert')).toContainText(`${path.join(filesDir, 'found.csv')} already exists`);
  await exporter.button('Replace it').click();
  await expect(exporter.done).toContainText('Exported 2 records');
});

test('a bag taken back into a new, empty archive brings every record back as it was, its tags too', async ({ page, cairn }) => {
  const app = new MainWindow(page);
  await app.open(cairn.url);
  await app.rows.first().click();
  const title = (await app.readerTitle().textContent())!;
  await app.addTag('Pillar I');

  await new ExportDialog(page).everyRecordAsBag(filesDir, 'everything', 5);

  await app.createArchive(path.join(cairn.root, 'received'));

  await page.getByRole('button', { name: 'Take back an export…' }).click();
  const takeBack = app.dialog('Take back an export');
  await takeBack.getByLabel('The export: a bag (a folder or a .zip), a .jsonl or a .json file').fill(path.join(filesDir, 'everything'));
  await takeBack.getByRole('button', { name: 'Take back', exact: true }).click();
  await expect(takeBack).toBeHidden();
  await expect(app.count).toHaveText('5 records');
  await expect(app.toast(/^Took back 5 records/)).toBeVisible();
  await app.row(title).click();
  await expect(app.details.getByText('Pillar I')).toBeVisible();
});


test('records of a bag brought into an archive that holds records: one Ctrl+Z takes them back, and those it holds are listed', async ({ page, cairn }) => {
  const app = new MainWindow(page);
  await app.open(cairn.url);
  await new ExportDialog(page).everyRecordAsBag(filesDir, 'from-osh', 5);

  // Another office's archive, with a field note of its own.
  await app.createArchive(path.join(cairn.root, 'dushanbe'));
  const note = path.join(filesDir, 'field-note.txt');
  await writeFile(note, FIELD_NOTE);
  await app.importFiles([note]);
  await expect(app.count).toHaveText('1 record');

  const bringIn = async () => {
    await (await app.openArchiveMenu()).getByRole('menuitem', { name: 'Bring in records from an export…' }).click();
    const bring = app.dialog('Bring in records from an export');
    await expect(bring).toContainText('Records it holds already are never changed');
    await bring.getByLabel('The export: a bag (a folder or a .zip), a .jsonl or a .json file').fill(path.join(filesDir, 'from-osh'));
    await bring.getByRole('button', { name: 'Bring in', exact: true }).click();
    return bring;
  };
  const first = await bringIn();
  await expect(first).toBeHidden();
  await expect(app.toast(/^Brought in 5 records from/)).toBeVisible();
  await expect(app.count).toHaveText('6 records');

  await app.rows.first().click();
  await page.keyboard.press('Control+z');
  await expect(app.count).toHaveText('1 record');

  await bringIn();
  await expect(app.count).toHaveText('6 records');
  // A third time, every record is here already: the dialog lists them, and nothing changes.
  const third = await bringIn();
  await expect(third.getByRole('status')).toContainText('5 records of the export were not brought in:');
  await expect(third.getByRole('listitem')).toHaveCount(5);
  await expect(third.getByRole('listitem').first()).toContainText('this archive holds it already, at the same revision');
  await third.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(app.count).toHaveText('6 records');
});
