// Browsing: the first run shows the sample collection; the list sorts and follows the keyboard.
import { test, expect } from '../fixtures';
import { MainWindow } from '../pages/MainWindow';

const FIRST = 'UNRCCA and CTITF co-organize Consultation Meeting with regional organizations in Almaty';
const SECOND = 'United Nations launches regional counter-terrorism project in Ashgabat';

test('the first run shows the five sample press releases, oldest first, the first one open', async ({ page, cairn }) => {
  const app = new MainWindow(page);
  await app.open(cairn.url);

  await expect(app.count).toHaveText('5 records');
  await expect(app.rows).toHaveCount(5);
  await expect(app.rows.first()).toContainText(FIRST);
  await expect(app.rows.first()).toContainText('22 Jun 2012');
  await expect(app.selectedRow()).toContainText(FIRST);
  await expect(app.readerTitle()).toHaveText(FIRST);
  await expect(app.reader).toContainText('Miroslav Jenča');
  await expect(app.field('Title')).toHaveValue(FIRST);
  await expect(page).toHaveTitle(/ — Cairn$/);
  // A year the text never states is shown as unknown, not guessed.
  await expect(app.row(/Secretary-General Hails/)).toContainText('13 Jun (year unknown)');
});

test('arrow keys, Home and End move the selection and the reader follows', async ({ page, cairn }) => {
  const app = new MainWindow(page);
  await app.open(cairn.url);
  await expect(app.readerTitle()).toHaveText(FIRST);

  await app.recordList.focus();
  await page.keyboard.press('ArrowDown');
  await expect(app.selectedRow()).toContainText(SECOND);
  await expect(app.readerTitle()).toHaveText(SECOND);

  await page.keyboard.press('End');
  await expect(app.selectedRow()).toContainText('Central Asia - A New Focus');
  await expect(app.readerTitle()).toHaveText(/^Central Asia - A New Focus/);

  await page.keyboard.press('ArrowDown');
  await expect(app.selectedRow()).toContainText('Central Asia - A New Focus');

  await page.keyboard.press('Home');
  await expect(app.selectedRow()).toContainText(FIRST);
  await page.keyboard.press('PageDown');
  await expect(app.selectedRow()).toContainText('Central Asia - A New Focus');
  await page.keyboard.press('ArrowUp');
  await expect(app.readerTitle()).toHaveText(/^Secretary-General Hails/);
});

test('clicking a sort button orders the list, and clicking it again reverses the order', async ({ page, cairn }) => {
  const app = new MainWindow(page);
  await app.open(cairn.url);

  const byTitle = page.getByRole('button', { name: /^Sort by Title/ });
  await byTitle.click();
  await expect(app.rows.first()).toContainText('Central Asia - A New Focus');
  await expect(byTitle).toHaveAccessibleName('Sort by Title, now ascending');
  await byTitle.click();
  await expect(app.rows.first()).toContainText(FIRST);
  await expect(app.rows.nth(1)).toContainText(SECOND);
  await expect(byTitle).toHaveAccessibleName('Sort by Title, now descending');
});
