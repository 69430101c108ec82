// Searching: the list narrows as the person types; no match shows a way back, not a blank pane; a
// damaged search index is rebuilt, and said.
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
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

test('a damaged search index is put in quarantine and built again, the window says so, and search finds the same', async ({ page, cairn }) => {
  const app = new MainWindow(page);
  const snapshot = path.join(cairn.archiveDir, 'search', 'index.snapshot');
  await app.open(cairn.url);
  await app.searchFor('Jenca');
  await expect(app.count).toHaveText('2 of 5 records');
  // Closing saves the index for the next opening.
  await cairn.restart();
  expect(existsSync(snapshot)).toBe(true);

  // The disk damages it; Cairn is started again.
  await writeFile(snapshot, Buffer.alloc(4096));
  await cairn.restart({ crash: true });
  await app.open(cairn.url);
  await expect(app.toast(/The saved search index \(search\/index\.snapshot\) was damaged: .* It was moved to quarantine\//)).toBeVisible();
  await app.searchFor('Jenca');
  await expect(app.count).toHaveText('2 of 5 records');
  const [kept] = await readdir(path.join(cairn.archiveDir, 'quarantine'));
  expect((await readFile(path.join(cairn.archiveDir, 'quarantine', kept!, 'search', 'index.snapshot'))).equals(Buffer.alloc(4096))).toBe(true);
});
