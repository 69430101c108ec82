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

test('typing is answered as it goes, key by key, and the list ends on what was typed last, however fast', async ({ page, cairn }) => {
  const app = new MainWindow(page);
  await app.open(cairn.url);

  // Fast, then at a person's pace: every key is answered by a list on screen (the window measures it).
  await app.search.pressSequentially('Ashgabat Jenca', { delay: 0 });
  await expect(app.count).toHaveText('1 of 5 records');
  await app.search.press('Control+a');
  await app.search.pressSequentially('Almaty', { delay: 60 });
  await expect(app.count).toHaveText(/^\d of 5 records$/);
  await expect(app.rows.first()).toContainText('Almaty');
  const answered = () => page.evaluate(() => performance.getEntriesByName('cairn:keystroke-to-results').length);
  await expect.poll(answered).toBe('Ashgabat Jenca'.length + 'Almaty'.length);

  // Each query typed opens its best hit, at the top of the list, whatever was open before.
  const firstIsOpen = async () => (await app.selectedRow().getAttribute('data-id')) === (await app.rows.first().getAttribute('data-id'));
  await expect.poll(firstIsOpen).toBe(true);
  const second = (await app.rows.nth(1).innerText()).split('\n')[0]!;
  const secondId = (await app.rows.nth(1).getAttribute('data-id'))!;
  await app.select(second);
  await app.search.press('End');
  await app.search.pressSequentially(' Asia', { delay: 30 });
  await expect(app.count).toHaveText(/^[1-5] of 5 records$/);
  await expect.poll(firstIsOpen).toBe(true);
  // The record open before is still found, below the best hit: it was not kept open.
  await expect(app.rows.nth(1)).toHaveAttribute('data-id', secondId);
  // Clearing the search keeps the record that is open.
  const open = await app.readerTitle().innerText();
  await app.search.press('Escape');
  await expect(app.count).toHaveText('5 records');
  await expect(app.readerTitle()).toHaveText(open);

  // While the keys come, the list answers each and the reader stays with the record open; once typing
  // pauses, the reader opens the best hit and highlights the query: once, not for every key.
  const readerAsked: string[] = [];
  page.on('request', (request) => {
    const call = /\/api\/(records\.(?:get|hits))$/.exec(request.url());
    if (call) readerAsked.push(call[1]!);
  });
  await app.search.pressSequentially('Almaty Asia', { delay: 40 });
  await expect(app.count).toHaveText(/^[1-5] of 5 records$/);
  await expect.poll(firstIsOpen).toBe(true);
  await expect(app.readerHits().first()).toHaveText(/Almaty|Asia/i);
  expect(readerAsked.filter((call) => call === 'records.hits')).toHaveLength(1);
  expect(readerAsked.filter((call) => call === 'records.get').length).toBeLessThanOrEqual(1);

  // Straight from typing into the list, without a pause: the keys start from the best hit of what
  // was typed, not from the record open before (which the search does not find).
  await app.search.press('Escape');
  await app.row(/Launch of the Phase IV/).click();
  await app.search.click();
  await app.search.pressSequentially('Jenca', { delay: 20 });
  await app.search.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(app.count).toHaveText('2 of 5 records');
  await expect(app.selectedRow()).toHaveAttribute('data-id', (await app.rows.nth(1).getAttribute('data-id'))!);
  await expect(app.readerTitle()).toHaveText((await app.rows.nth(1).innerText()).split('\n')[0]!);
});

test('a phrase, an exclusion and OR narrow the list; a query that cannot be read is said under the box with its place, and the list waits', async ({ page, cairn }) => {
  const app = new MainWindow(page);
  await app.open(cairn.url);

  await app.searchFor('"Joint Plan of Action" -Kabul');
  await expect(app.count).toHaveText('4 of 5 records');
  // Typing on: the quote is not closed yet. The list stays as it was; the box says why.
  await app.searchFor('"Joint Plan of Action" -Kabul "regional');
  await expect(app.queryProblem()).toContainText('This quote is not closed');
  await expect(app.search).toHaveAttribute('aria-invalid', 'true');
  await expect(app.search).toHaveAccessibleDescription(/This quote is not closed/);
  await expect(app.queryProblem().locator('mark')).toHaveText('"');
  await expect(app.rows).toHaveCount(4);
  await app.searchFor('"Joint Plan of Action" -Kabul "regional organizations"');
  await expect(app.queryProblem()).toBeHidden();
  await expect(app.search).not.toHaveAttribute('aria-invalid', 'true');
  await expect(app.count).toHaveText('2 of 5 records');

  await app.searchFor('Dushanbe OR Almaty');
  await expect(app.count).toHaveText('3 of 5 records');
  await app.searchFor('(Dushanbe OR Almaty) -Jenca');
  await expect(app.count).toHaveText('1 of 5 records');
  await app.searchFor('colour:red');
  await expect(app.queryProblem()).toContainText('There is no field “colour:”');
  await expect(app.queryProblem().locator('mark')).toHaveText('colour:');
});

test('the search syntax is one click away, and an example goes into the search', async ({ page, cairn }) => {
  const app = new MainWindow(page);
  await app.open(cairn.url);

  await app.searchFor('Ashgabat');
  const syntax = await app.openSearchSyntax();
  await expect(syntax).toContainText('Latin and Cyrillic spellings find each other');
  await syntax.getByRole('button', { name: 'Add -Kabul to the search' }).click();
  await expect(syntax).toBeHidden();
  await expect(app.search).toHaveValue('Ashgabat -Kabul');
  await expect(app.search).toBeFocused();

  const again = await app.openSearchSyntax();
  await page.keyboard.press('Escape');
  await expect(again).toBeHidden();
  await expect(page.getByRole('button', { name: 'Search syntax' })).toBeFocused();
});

test('Tashkent finds Ташкент and back, across scripts', async ({ page, cairn }) => {
  const app = new MainWindow(page);
  await app.open(cairn.url);
  const file = path.join(cairn.root, 'tashkent-ru.txt');
  await writeFile(file, 'Семинар в Ташкенте\n\nТАШКЕНТ, 14 марта 2023 года — Эксперты обсудили профилирование пассажиров.');
  await app.importFiles([file]);
  await expect(app.count).toHaveText('6 records');

  await app.searchFor('Ташкент');
  await expect(app.row(/Семинар в Ташкенте/)).toBeVisible();
  await expect(app.row(/Launch of the Phase IV/)).toBeVisible();
  await app.searchFor('profilirovanie');
  await expect(app.rows).toHaveCount(1);
  await expect(app.row(/Семинар в Ташкенте/)).toBeVisible();
});

test('Refine: facets count what the search found; a click narrows, a second excludes, a third lets go', async ({ page, cairn }) => {
  const app = new MainWindow(page);
  await app.open(cairn.url);

  const refine = await app.openRefine();
  const places = refine.getByRole('group', { name: 'Place' });
  // A record's places are its place field and the places it links to (the importer proposed those it names).
  await expect(places.getByRole('button', { name: 'Only records with Ashgabat (3)' })).toBeVisible();
  await app.searchFor('Jenca');
  await expect(app.count).toHaveText('2 of 5 records');
  // The counts follow the search: both records mentioning Jenča are from Almaty, and one of them names Ashgabat.
  await expect(places.getByRole('button', { name: 'Only records with Almaty (2)' })).toBeVisible();
  await expect(places.getByRole('button', { name: 'Only records with Ashgabat (1)' })).toBeVisible();
  // A facet narrows what is typed, and the record open stays open while the list still has it.
  const second = (await app.rows.nth(1).innerText()).split('\n')[0]!;
  await app.select(second);
  await places.getByRole('button', { name: 'Only records with Almaty (2)' }).click();
  await expect(app.search).toHaveValue('Jenca place:Almaty');
  await expect(app.count).toHaveText('2 of 5 records');
  await expect(app.readerTitle()).toHaveText(second);

  await app.search.fill('');
  await expect(app.count).toHaveText('5 records');
  await places.getByRole('button', { name: 'Only records with Ashgabat (3)' }).click();
  await expect(app.search).toHaveValue('place:Ashgabat');
  await expect(app.count).toHaveText('3 of 5 records');
  await places.getByRole('button', { name: /^Records without Ashgabat/ }).click();
  await expect(app.search).toHaveValue('-place:Ashgabat');
  await expect(app.count).toHaveText('2 of 5 records');
  await places.getByRole('button', { name: /^Stop filtering by Ashgabat/ }).click();
  await expect(app.search).toHaveValue('');
  await expect(app.count).toHaveText('5 records');
});

test('the reader highlights what the search found, in any spelling, and F3 steps through it', async ({ page, cairn }) => {
  const app = new MainWindow(page);
  await app.open(cairn.url);

  await app.searchFor('Jenca');
  await app.row(/UNRCCA and CTITF co-organize/).click();
  await expect(app.readerHits()).toHaveText(['Jenča', 'Jenča']);
  await expect(app.readerHitBar()).toContainText('2 hits of the search');

  await app.searchFor('UNRCCA');
  // Wait for the new search's hits to replace the last one's, then count them.
  await expect(app.readerHits().first()).toHaveText('UNRCCA');
  const count = await app.readerHits().count();
  expect(count).toBeGreaterThan(2);
  await expect(app.readerHitBar()).toContainText(`${count} hits of the search`);
  await page.keyboard.press('F3');
  await expect(app.readerHitBar()).toContainText(`Hit 1 of ${count}`);
  await page.keyboard.press('F3');
  await expect(app.readerHitBar()).toContainText(`Hit 2 of ${count}`);
  await page.keyboard.press('Shift+F3');
  await page.keyboard.press('Shift+F3');
  await expect(app.readerHitBar()).toContainText(`Hit ${count} of ${count}`);
  await app.readerHitBar().getByRole('button', { name: 'Next hit' }).click();
  await expect(app.readerHitBar()).toContainText(`Hit 1 of ${count}`);

  await app.search.press('Escape');
  await expect(app.readerHits()).toHaveCount(0);
  await expect(app.readerHitBar()).toBeHidden();
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

test('a search saved under a name sits above the list with its count, which follows the archive; a click runs it, and it can be forgotten and brought back', async ({ page, cairn }) => {
  const app = new MainWindow(page);
  await app.open(cairn.url);
  await app.searchFor('place:Almaty');
  await expect(app.count).toHaveText(/^2 of 5 records$/);
  await app.saveSearch('Almaty office');
  await expect(app.toast('Saved “Almaty office”: it finds 2 records.')).toBeVisible();
  await expect(app.savedSearch('Almaty office')).toHaveAccessibleName('Almaty office finds 2 records now');
  await expect(app.savedSearch('Almaty office')).toHaveAttribute('aria-current', 'true');

  // The count follows a change to the archive.
  await app.searchFor('');
  await app.rows.filter({ hasText: 'Launch of the Phase IV' }).click();
  await app.edit('Place', 'Almaty');
  await expect(app.savedSearch('Almaty office')).toHaveAccessibleName('Almaty office finds 3 records now');

  await app.savedSearch('Almaty office').click();
  await expect(app.search).toHaveValue('place:Almaty');
  await expect(app.count).toHaveText(/^3 of 5 records$/);

  // Still there after a reload; forgotten with Undo on the toast.
  await app.reload();
  await app.savedSearches().getByRole('button', { name: 'Forget the saved search Almaty office' }).click();
  await expect(app.savedSearch('Almaty office')).toHaveCount(0);
  await app.toast('Forgot the saved search “Almaty office”.').getByRole('button', { name: 'Undo' }).click();
  await expect(app.savedSearch('Almaty office')).toHaveAccessibleName('Almaty office finds 3 records now');
});

test('each row found shows its text around the first match, the matched word marked in whatever spelling it has', async ({ page, cairn }) => {
  const app = new MainWindow(page);
  await app.open(cairn.url);
  await app.searchFor('Jenca');
  await expect(app.count).toHaveText(/^\d+ of 5 records$/);
  const row = app.rows.first();
  await expect(row.locator('mark').first()).toHaveText('Jenča');
  // Without words (only a filter), no snippet line.
  await app.searchFor('status:new');
  await expect(app.rows.first().locator('mark')).toHaveCount(0);
});
