// A long list: the window gets every record's place in the list at once, but the rows themselves only
// as they come on screen, so that scrolling 100,000 hits stays smooth and light.
import { test, expect } from '../fixtures';
import { MainWindow } from '../pages/MainWindow';

const RECORDS = 1200;

test.use({ serverOptions: { empty: true } });

test('a list of 1,200 records comes a window at a time; End reaches the last row, and Ctrl+A still picks them all', async ({ page, cairn }) => {
  test.setTimeout(120_000);
  // 1,200 short notes come in through another door, 300 at a time.
  const title = (i: number) => `Field note ${String(i).padStart(4, '0')}`;
  for (let from = 0; from < RECORDS; from += 300) {
    const files = Array.from({ length: 300 }, (_, k) => from + k).map((i) => ({
      name: `note-${i}.txt`,
      dataBase64: Buffer.from(`${title(i)}\n\nObserved at the border post, entry ${i}.`).toString('base64'),
    }));
    await cairn.call('records.import', { files });
  }

  const app = new MainWindow(page);
  const firstList = page.waitForResponse((r) => r.url().endsWith('/api/records.list'));
  await app.open(cairn.url);
  const list = (await (await firstList).json()) as { result: { total: number; ids: string[]; items: unknown[] } };
  // Every record's place, but not every summary.
  expect(list.result.total).toBe(RECORDS);
  expect(list.result.ids).toHaveLength(RECORDS);
  expect(list.result.items.length).toBeLessThanOrEqual(200);
  await expect(app.count).toHaveText('1,200 records');

  await page.getByRole('button', { name: /^Sort by Title/ }).click();
  await expect(app.rows.first()).toContainText(title(0));
  await app.recordList.focus();
  const rowsFetched = page.waitForResponse((r) => r.url().endsWith('/api/records.summaries'));
  await page.keyboard.press('End');
  await rowsFetched;
  await expect(app.readerTitle()).toHaveText(title(RECORDS - 1));
  await expect(app.selectedRow()).toContainText(title(RECORDS - 1));
  // The rows on screen are real rows, not ones still loading.
  await expect(app.recordList.locator('[aria-busy="true"]')).toHaveCount(0);
  await page.keyboard.press('PageUp');
  await expect(app.readerTitle()).not.toHaveText(title(RECORDS - 1));
  await expect(app.selectedRow()).toContainText(/Field note 11\d\d/);

  await page.keyboard.press('Control+a');
  await expect(app.picked()).toContainText('1,200 records selected');
});
