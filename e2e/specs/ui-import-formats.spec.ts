// Importing what a field office holds: a folder of mixed formats and encodings, with progress and a
// summary; entities proposed on the way in; a mis-detected encoding read again; a CSV mapped; a copy
// typed differently caught and imported anyway as a new version.
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { test, expect } from '../fixtures';
import { MainWindow } from '../pages/MainWindow';

const fixtures = path.resolve(import.meta.dirname, '..', '..', 'electron', 'core', 'import', 'formats', 'fixtures');

let filesDir: string;
test.beforeEach(async () => {
  filesDir = await mkdtemp(path.join(tmpdir(), 'cairn-ui-import-'));
});
test.afterEach(async () => {
  await rm(filesDir, { recursive: true, force: true });
});

const RUSSIAN = 'Совещание в Бишкеке\n\nБИШКЕК, 17 ноября 2022 года - Эксперты пяти государств Центральной Азии обсудили обмен информацией между пограничными службами.';

test('a folder of mixed files comes in with progress and a summary, and an imported record shows its entities as proposals', async ({ page, cairn }) => {
  const app = new MainWindow(page);
  await app.open(cairn.url);
  const folder = path.join(filesDir, 'field office');
  for (const sub of ['reports/2021', 'press', 'old', 'notes', '.cache']) await mkdir(path.join(folder, sub), { recursive: true });
  await copyFile(path.join(fixtures, 'report.docx'), path.join(folder, 'reports/2021/report.docx'));
  await copyFile(path.join(fixtures, 'two-columns.pdf'), path.join(folder, 'reports/two-columns.pdf'));
  await copyFile(path.join(fixtures, 'hostile.html'), path.join(folder, 'press/water.html'));
  await writeFile(path.join(folder, 'press/note.md'), '# Border posts in Khorog\n\nThe delegation of the Organization for Security and Co-operation in Europe (OSCE) visited three posts on the border between Tajikistan and Afghanistan.\n');
  await writeFile(path.join(folder, 'old/bishkek.txt'), iconv.encode(RUSSIAN, 'windows-1251'));
  await writeFile(path.join(folder, 'old/empty.txt'), '');
  await writeFile(path.join(folder, '.cache/hidden.txt'), 'never imported');
  await writeFile(path.join(folder, 'Thumbs.db'), Buffer.from([0, 1, 2]));
  // Enough notes that the import takes several steps, with progress to watch.
  for (let i = 1; i <= 40; i++) await writeFile(path.join(folder, `notes/note-${String(i).padStart(2, '0')}.txt`), `Field note ${i}\n\nThe duty officer recorded visit number ${i} to the border post at Ishkashim.`);

  await app.importFolder(folder);
  await expect(app.importProgress()).toBeVisible();
  const report = app.importReport();
  await expect(report).toContainText('45 records imported, 1 file failed.');
  await expect(report).toContainText('empty.txt is empty');
  await expect(report).not.toContainText('hidden.txt');
  await report.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(app.count).toHaveText('50 records');

  await app.searchFor('Rasht');
  await app.rows.filter({ hasText: 'Field Office Report' }).first().click();
  await page.getByRole('tab', { name: /Entities/ }).click();
  const entities = page.getByRole('tabpanel', { name: /Entities/ });
  await expect(entities.getByText('proposed').first()).toBeVisible();
  await expect(entities.getByRole('button', { name: /^Confirm that the record mentions/ }).first()).toBeVisible();
  await page.getByRole('tab', { name: 'Details' }).click();
  await expect(page.getByRole('region', { name: 'Details' })).toContainText('field office/reports/2021/report.docx');
  await expect(page.getByRole('region', { name: 'Details' })).toContainText('docx (mammoth)');
});

test('a file whose encoding was guessed wrongly is read again with the right one, and Ctrl+Z takes it back', async ({ page, cairn }) => {
  const app = new MainWindow(page);
  await app.open(cairn.url);
  // One word in capitals: KOI8-R and Windows-1251 both make a word of it, and detection picks Windows-1251.
  const file = path.join(filesDir, 'dushanbe.txt');
  await writeFile(file, iconv.encode('ДУШАНБЕ', 'koi8-r'));
  await app.importFiles([file]);
  await expect(app.readerTitle()).toHaveText('дхыбове');
  const details = page.getByRole('region', { name: 'Details' });
  await expect(details).toContainText('windows-1251');
  await details.getByRole('button', { name: 'Read as another encoding…' }).click();
  await details.getByLabel('Read the original as').selectOption('koi8-r');
  await details.getByRole('button', { name: 'Read again' }).click();
  await expect(app.toast('Read again as koi8-r.')).toBeVisible();
  await expect(app.reader).toContainText('ДУШАНБЕ');
  await expect(details).toContainText('koi8-r');
  await expect(details).toContainText('detected as windows-1251');
  await page.keyboard.press('Control+z');
  await expect(app.reader).toContainText('дхыбове');
});

test('a CSV file is mapped column by column before its rows become records', async ({ page, cairn }) => {
  const app = new MainWindow(page);
  await app.open(cairn.url);
  const file = path.join(filesDir, 'list.csv');
  await writeFile(file, 'Headline,When,Body\r\n"Talks in Bishkek","30 April 2018","Delegations met to discuss water, over\r\ntwo days."\r\n"A course","3 May 2019","Officers completed a course."\r\n');
  await app.importFiles([file]);
  const dialog = app.dialog('Columns of list.csv');
  await expect(dialog.getByLabel('Text (required)')).toHaveValue('Body');
  await expect(dialog.getByLabel('Title')).toHaveValue('Headline');
  await dialog.getByLabel('Date').selectOption('When');
  await expect(dialog.getByRole('region', { name: 'The file\'s first rows' })).toContainText('Talks in Bishkek');
  await dialog.getByRole('button', { name: 'Import the rows' }).click();
  await expect(app.importReport()).toContainText('2 records imported.');
  await app.importReport().getByRole('button', { name: 'Close', exact: true }).click();
  await app.searchFor('Bishkek');
  await expect(app.rows.first()).toContainText('30 Apr 2018');
});

test('the same text typed differently is caught as a copy, and imported anyway as a new version', async ({ page, cairn }) => {
  const app = new MainWindow(page);
  await app.open(cairn.url);
  const first = path.join(filesDir, 'a.txt');
  const second = path.join(filesDir, 'b.txt');
  await writeFile(first, 'Проект «Совместный план действий» — этап IV\n\nВ Душанбе, 8 декабря, встретились представители пяти государств региона.');
  await writeFile(second, 'Проект <<Совместный план действий>> - этап IV\r\n\r\nВ  Душанбе, 8 декабря, встретились представители пяти государств региона.');
  await app.importFiles([first]);
  await expect(app.toast(/^Imported/)).toBeVisible();
  await app.importFiles([second]);
  const report = app.importReport();
  await expect(report).toContainText('b.txt is the same text, typed differently, as');
  await report.getByRole('button', { name: 'Import anyway as new versions' }).click();
  await expect(app.toast('Imported “Проект <<Совместный план действий>> - этап IV”.')).toBeVisible();
  await expect(app.count).toHaveText('7 records');
  await expect(page.getByRole('region', { name: 'Details' })).toContainText('New version of');
});
