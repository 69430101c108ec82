// A failing disk as an archivist meets it: the archive's folder disappears (a stick pulled out) while
// they type. The change is not thrown away: it is kept, marked as not saved, tried again, and saved
// once the folder is back, or saved in a copy of the archive elsewhere.
import { readdir, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { test, expect } from '../fixtures';
import { MainWindow } from '../pages/MainWindow';

/** The stored record with this title, as the file on disk holds it. */
async function storedRecord(archiveDir: string, title: string): Promise<{ place: string } | null> {
  for (const shard of await readdir(path.join(archiveDir, 'records'))) {
    for (const name of await readdir(path.join(archiveDir, 'records', shard))) {
      const record = JSON.parse(await readFile(path.join(archiveDir, 'records', shard, name), 'utf8')) as { title: string; place: string };
      if (record.title === title) return record;
    }
  }
  return null;
}

const title = 'UNRCCA and CTITF co-organize Consultation Meeting with regional organizations in Almaty';

/** Opens the record, pulls the stick out (the archive folder is renamed away) and types a new place; returns where the folder went. */
async function typeWithStickPulled(app: MainWindow, cairn: { url: string; archiveDir: string }, place: string): Promise<string> {
  await app.open(cairn.url);
  await app.select(title);
  const away = `${cairn.archiveDir}-pulled-out`;
  await rename(cairn.archiveDir, away);
  await app.field('Place').fill(place);
  await app.field('Place').press('Enter');
  return away;
}

test('a stick pulled out while typing: the change is kept and marked, and saved with Try again now once the stick is back', async ({ page, cairn }) => {
  const app = new MainWindow(page);
  const away = await typeWithStickPulled(app, cairn, 'Almaty, UNRCCA office');
  await expect(app.saveStatus).toHaveText('Not saved: kept, retrying');
  const banner = app.unsavedBanner;
  await expect(banner).toContainText('1 change not saved:');
  await expect(banner).toContainText('is no longer there, or another folder is in its place');
  await expect(banner).toContainText(`“${title}” (Place)`);
  // Reading goes on.
  await app.select(/^United Nations launches regional/);
  await app.select(title);

  await rename(away, cairn.archiveDir);
  await banner.getByRole('button', { name: 'Try again now' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved the 1 change kept while the disk failed.' })).toBeVisible();
  await expect(banner).toBeHidden();
  await expect(app.field('Place')).toHaveValue('Almaty, UNRCCA office');
  expect((await storedRecord(cairn.archiveDir, title))?.place).toBe('Almaty, UNRCCA office');
});

test('Save a copy elsewhere: the archive is copied to another folder, the window goes on there, and the kept change is saved in the copy', async ({ page, cairn }) => {
  const app = new MainWindow(page);
  const away = await typeWithStickPulled(app, cairn, 'Almaty (saved in the copy)');
  await expect(app.unsavedBanner).toContainText('1 change not saved:');
  // The stick comes back, but the person moves the work to the laptop's own disk.
  await rename(away, cairn.archiveDir);

  await app.unsavedBanner.getByRole('button', { name: 'Save a copy elsewhere…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save a copy elsewhere' });
  const copy = path.join(cairn.root, 'on the laptop');
  await dialog.getByLabel('Folder').fill(copy);
  await dialog.getByRole('button', { name: 'Copy and open' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Saved the 1 change kept while the disk failed.' })).toBeVisible();
  await expect(app.unsavedBanner).toBeHidden();
  expect((await storedRecord(copy, title))?.place).toBe('Almaty (saved in the copy)');
  expect((await storedRecord(cairn.archiveDir, title))?.place).not.toBe('Almaty (saved in the copy)');
  await expect(app.count).toHaveText('5 records');
});
