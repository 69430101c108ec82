// Cairn in Russian: chosen in Settings (or taken from the system), remembered, and carried into the
// import report, the core's errors, plurals, dates and the vocabulary's labels, without losing typing.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, expect } from '../fixtures';
import { MainWindow } from '../pages/MainWindow';
import { wordsOf } from '../pages/catalogue';

const ru = wordsOf('ru');

let filesDir: string;
test.beforeEach(async () => {
  filesDir = await mkdtemp(path.join(tmpdir(), 'cairn-ui-ru-'));
});
test.afterEach(async () => {
  await rm(filesDir, { recursive: true, force: true });
});

test('switching to Russian in Settings turns the whole window Russian at once, keeps what was being typed, and is remembered', async ({ page, cairn }) => {
  const app = new MainWindow(page);
  await app.open(cairn.url);
  await app.select(/UNRCCA/);
  // Half-typed, not yet saved: a description in progress.
  await app.field('Description').fill('Notes from the Almaty meeting');

  await page.keyboard.press('Control+,');
  const settings = page.getByRole('dialog');
  await expect(settings).toHaveAccessibleName('Settings');
  await settings.getByRole('radio', { name: 'Русский' }).check();
  await expect(settings).toHaveAccessibleName(ru('settings_title'));
  await settings.getByRole('button', { name: ru('close'), exact: true }).click();

  await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
  await expect(page.getByRole('region', { name: ru('list_label') }).getByRole('status')).toHaveText('5 записей');
  await expect(page.getByRole('searchbox', { name: ru('search_label') })).toBeVisible();
  await expect(page.getByRole('button', { name: ru('import_button') })).toBeVisible();
  const details = page.getByRole('region', { name: ru('details_title') });
  await expect(details.getByLabel(ru('field_description'), { exact: true })).toHaveValue('Notes from the Almaty meeting');
  await expect(details.getByRole('status')).toHaveText(ru('save_saved'));
  // Dates in Russian words, through Intl.
  await expect(page.getByRole('listbox', { name: ru('list_records') }).getByRole('option', { selected: true })).toContainText('22 июня 2012');
  await expect(details.getByLabel(ru('field_status'), { exact: true })).toHaveValue('new');
  await expect(details.getByLabel(ru('field_status'), { exact: true }).locator('option:checked')).toHaveText('Новая');

  await page.reload();
  await expect(page.getByRole('region', { name: ru('list_label') }).getByRole('status')).toHaveText('5 записей');
  await expect(page.getByRole('region', { name: ru('details_title') }).getByLabel(ru('field_description'), { exact: true })).toHaveValue('Notes from the Almaty meeting');
});

test('in Russian, an import reports in Russian with Russian plurals, and the core’s refusal of a file is in Russian', async ({ page, cairn }) => {
  const app = new MainWindow(page);
  await app.open(cairn.url);
  await app.chooseLanguage('Русский');

  const notes = ['Полевая заметка из Оша', 'Записка о встрече в Бишкеке', 'Отчёт о семинаре в Душанбе'];
  const files = notes.map((title, i) => path.join(filesDir, `note-${i}.txt`));
  for (const [i, file] of files.entries()) await writeFile(file, `${notes[i]}\n\nОШ, 12 марта 2019 — Текст номер ${i}.\n`);
  const empty = path.join(filesDir, 'pustoj.txt');
  await writeFile(empty, '');
  await page.getByLabel(ru('import_files_label')).setInputFiles([...files, empty]);

  const report = page.getByRole('dialog', { name: ru('import_finished') });
  await expect(report).toContainText('Импортированы 3 записи, 1 файл не импортирован.');
  await expect(report).toContainText('Файл pustoj.txt пуст; импортировать нечего.');
  await report.getByRole('button', { name: ru('close'), exact: true }).click();
  await expect(page.getByRole('region', { name: ru('list_label') }).getByRole('status')).toHaveText('8 записей');
});

test('in Russian, a date the core cannot read is explained in Russian by the field, and a concept tag reads in Russian', async ({ page, cairn }) => {
  const app = new MainWindow(page);
  await app.open(cairn.url);
  await app.select(/UNRCCA/);
  await app.chooseLanguage('Русский');
  const details = page.getByRole('region', { name: ru('details_title') });

  const date = details.getByLabel(ru('field_date'), { exact: true });
  await date.fill('когда-нибудь');
  await date.press('Enter');
  await expect(details.locator('#field-date-error')).toHaveText(
    'Cairn не смог прочитать «когда-нибудь» как дату. Запишите её как 2018-04-30, 2018-04 или 2018, как «30 April 2018» или как XXXX-06-13, если год неизвестен.',
  );
  await date.press('Escape');

  const tagBox = details.getByRole('combobox', { name: ru('tag_add') });
  await tagBox.fill('противод');
  await details.getByRole('listbox', { name: ru('tag_suggestions') }).getByRole('option', { name: /Противодействие терроризму/ }).click();
  await expect(details.getByRole('list', { name: ru('tags_label') })).toContainText('Противодействие терроризму');
  // The record keeps the concept's own label: the English window shows the same tag.
  await app.chooseLanguage('English');
  await expect(app.details.getByRole('list', { name: 'Tags' })).toContainText('Counter-terrorism');
});

test.describe('a browser whose system language is Russian', () => {
  test.use({ locale: 'ru-RU' });

  test('opens in Russian without being asked, and English can still be chosen', async ({ page, cairn }) => {
    await page.goto(cairn.url);
    await expect(page.getByRole('region', { name: ru('list_label') }).getByRole('status')).toHaveText('5 записей');
    await page.getByRole('button', { name: ru('settings_title') }).click();
    const settings = page.getByRole('dialog', { name: ru('settings_title') });
    await expect(settings.getByRole('radio', { name: 'Язык системы (Русский)' })).toBeChecked();
    await settings.getByRole('radio', { name: 'English', exact: true }).check();
    await expect(page.getByRole('region', { name: 'Record list' }).getByRole('status')).toHaveText('5 records');
  });
});
