// Searching: the list narrows as the person types; no match shows a way back, not a blank pane.
import { test, expect } from '../fixtures';
import { MainWindow } from '../pages/MainWindow';

test('searching “Jenca” finds the two records that mention Ambassador Jenča', async ({ page, cairn }) => {
  const app = new MainWindow(page);
  await app.open(cairn.url);

  await app.searchFor('Jenca');
  await expect(app.count).toHaveText('2 of 5 records');
  await expect(app.rows).toHaveCount(2);
  await expect(app.row(/UNRCCA and CTITF co-organize/)).toBeVisible();
  await expect(app.row(/Central Asia - A New Focus/)).toBeVisible();
  await expect(app.reader).toContainText('Jenča');

  await app.search.press('Escape');
  await expect(app.search).toHaveValue('');
  await expect(app.count).toHaveText('5 records');
});

test('a search with no results says so and offers to clear it', async ({ page, cairn }) => {
  const app = new MainWindow(page);
  await app.open(cairn.url);

  await app.searchFor('qwxzzvy');
  await expect(app.emptyState()).toHaveText('No records match “qwxzzvy”.');
  await expect(app.count).toHaveText('0 of 5 records');
  await expect(app.rows).toHaveCount(0);

  await app.emptyStateClearButton().click();
  await expect(app.rows).toHaveCount(5);
});

test('Ctrl+K and “/” bring the keyboard to the search box', async ({ page, cairn }) => {
  const app = new MainWindow(page);
  await app.open(cairn.url);

  await app.recordList.focus();
  await page.keyboard.press('/');
  await expect(app.search).toBeFocused();
  await app.recordList.focus();
  await page.keyboard.press('Control+k');
  await expect(app.search).toBeFocused();
});
