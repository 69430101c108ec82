// Review with accountability, as an archivist does it: through the queue with the keyboard, a record
// flagged with a note, an earlier title put back from the history, a bulk tag undone after a reload.
import { expect, test } from '../fixtures';
import { MainWindow } from '../pages/MainWindow';

test('reviews three records through the queue with the keyboard, and flags one as needing work with a note', async ({ page, cairn }) => {
  const app = new MainWindow(page);
  await app.open(cairn.url);
  await app.reviewQueueButton.click();
  await expect(app.reviewQueueButton).toHaveAttribute('aria-pressed', 'true');
  await expect(app.queueProgress()).toContainText('0 of 5 reviewed');
  await app.rows.first().click();
  const first = (await app.readerTitle().textContent())!;

  // R marks reviewed: the first decision asks for the reviewer's name, once, and lists the proposals it confirms.
  await page.keyboard.press('r');
  let dialog = app.dialog('Mark reviewed');
  await expect(dialog.getByText(/The importer proposed these \d values/)).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Your name' }).fill('Aigerim Sadykova');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(app.queueProgress()).toContainText('1 of 5 reviewed');
  await expect(app.rows).toHaveCount(4);
  await expect(app.readerTitle()).not.toHaveText(first);

  // J and K move through the queue; the next decision is one key and Enter.
  await page.keyboard.press('j');
  await page.keyboard.press('k');
  await page.keyboard.press('r');
  await expect(app.dialog('Mark reviewed')).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(app.queueProgress()).toContainText('2 of 5 reviewed');

  // N flags needs work: a note is required, and the queue goes on past the flagged record.
  const flagged = (await app.readerTitle().textContent())!;
  await page.keyboard.press('n');
  dialog = app.dialog('Flag as needing work');
  await page.keyboard.press('Control+Enter');
  await expect(dialog.getByRole('alert')).toHaveText('“Needs work” needs a comment saying why.');
  await dialog.getByRole('textbox', { name: 'Comment' }).fill('The dateline and the date disagree.');
  await page.keyboard.press('Control+Enter');
  await expect(dialog).toBeHidden();
  await expect(app.readerTitle()).not.toHaveText(flagged);
  await page.keyboard.press('r');
  await page.keyboard.press('Enter');
  await expect(app.queueProgress()).toContainText('3 of 5 reviewed');

  // H opens the history: the flag, its note and who set it.
  await app.reviewQueueButton.click();
  await app.select(flagged);
  await expect(app.details).toContainText('Needs work by Aigerim Sadykova');
  await page.keyboard.press('h');
  const history = app.dialog(/^History of/);
  await expect(history.getByRole('listitem').first()).toContainText('Aigerim Sadykova');
  await expect(history).toContainText('“The dateline and the date disagree.”');
  await page.keyboard.press('Escape');
});

test('restores an earlier title from the history, as a new change', async ({ page, cairn }) => {
  const app = new MainWindow(page);
  await app.open(cairn.url);
  const original = (await app.field('Title').inputValue()).trim();
  await app.edit('Title', 'A title that was a mistake');
  await expect(app.readerTitle()).toHaveText('A title that was a mistake');

  await app.details.getByRole('button', { name: 'History' }).click();
  const history = app.dialog(/^History of/);
  await history.getByRole('button', { name: `Restore the earlier Title: ${original}` }).click();
  await expect(app.readerTitle()).toHaveText(original);
  // The mistake stays in the history: nothing is rewritten.
  await expect(history).toContainText('A title that was a mistake');
  await page.keyboard.press('Escape');
  await app.reload();
  await expect(app.readerTitle()).toHaveText(original);
});

test('undoes a bulk tag after the page is reloaded, from the archive’s log', async ({ page, cairn }) => {
  const app = new MainWindow(page);
  await app.open(cairn.url);
  await app.tagAllShown('Field visit 2026');
  await expect(app.toast('Tagged 5 records “Field visit 2026”.')).toBeVisible();
  await expect(app.rows.filter({ hasText: 'Field visit 2026' })).toHaveCount(5);

  await app.reload();
  await app.recordList.focus();
  await page.keyboard.press('Control+z');
  await expect(app.toast('Undid the change to Tags of 5 records.')).toBeVisible();
  await expect(app.rows.filter({ hasText: 'Field visit 2026' })).toHaveCount(0);
  await page.keyboard.press('Control+Shift+z');
  await expect(app.toast('Redid the change to Tags of 5 records.')).toBeVisible();
  await expect(app.rows.filter({ hasText: 'Field visit 2026' })).toHaveCount(5);
});

test('the overview counts the collection, and clicking a timeline bar lists that year’s records', async ({ page, cairn }) => {
  const app = new MainWindow(page);
  await app.open(cairn.url);
  await page.getByRole('button', { name: 'Overview' }).click();
  const overview = app.dialog('Overview');
  await expect(overview.getByRole('heading', { name: '5 records, by status' })).toBeVisible();
  await expect(overview).toContainText('No review decisions yet.');
  const bar2018 = overview.getByRole('button', { name: /^2018: one record \(New 1\)/ });
  await bar2018.click();
  await expect(overview).toBeHidden();
  await expect(app.rows).toHaveCount(1);
  await expect(app.rows.first()).toContainText('30 Apr 2018');
  await page.getByRole('button', { name: 'Show every date, not only 2018' }).click();
  await expect(app.rows).toHaveCount(5);

  // The bars are keys too: arrows move between them, Enter lists the records.
  await page.getByRole('button', { name: 'Overview' }).click();
  await overview.getByRole('button', { name: /^2012:/ }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(bar2018).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await expect(app.rows).toHaveCount(1);
  await expect(app.rows.first()).toContainText('2021');
});
