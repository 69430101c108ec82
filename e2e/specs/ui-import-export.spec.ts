// Import and export: files come in through the Import button, duplicates are named; exports are files.
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, expect, sampleDir } from '../fixtures';
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

test('Export… downloads the records shown: all of them, or what the search found', async ({ page, cairn }) => {
  const app = new MainWindow(page);
  await app.open(cairn.url);

  const all = await app.exportShown();
  const allFile = path.join(filesDir, all.suggestedFilename());
  await all.saveAs(allFile);
  const exported = JSON.parse(await readFile(allFile, 'utf8')) as { count: number; records: { title: string }[] };
  expect(exported.count).toBe(5);
  expect(exported.records.map((r) => r.title)).toContain('United Nations launches regional counter-terrorism project in Ashgabat');
  await expect(app.toast(/^Exported 5 records to /)).toBeVisible();

  await app.searchFor('Jenca');
  await expect(app.count).toHaveText('2 of 5 records');
  const found = await app.exportShown();
  const foundFile = path.join(filesDir, `found-${found.suggestedFilename()}`);
  await found.saveAs(foundFile);
  const narrowed = JSON.parse(await readFile(foundFile, 'utf8')) as { count: number; query: string; records: { title: string }[] };
  expect(narrowed.count).toBe(2);
  expect(narrowed.query).toBe('Jenca');
  expect(narrowed.records.map((r) => r.title).sort()).toEqual([
    'Central Asia - A New Focus of the UN Global Counter-Terrorism Strategy',
    'UNRCCA and CTITF co-organize Consultation Meeting with regional organizations in Almaty',
  ]);
  await expect(app.toast(/^Exported 2 records to /)).toBeVisible();
});
