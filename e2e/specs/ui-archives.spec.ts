// Archives: create a new one, go back through the recent list, read why a folder will not open, and take over a lock left on another laptop.
import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test, expect } from '../fixtures';
import { MainWindow } from '../pages/MainWindow';

test('a new archive starts empty, names the window, and the first one is a click away under Recent', async ({ page, cairn }) => {
  const app = new MainWindow(page);
  await app.open(cairn.url);

  const menu = await app.openArchiveMenu();
  await menu.getByRole('menuitem', { name: 'New archive…' }).click();
  const dialog = app.archiveDialog('New archive');
  await dialog.getByLabel('Folder').fill(path.join(cairn.root, 'osh-office'));
  await dialog.getByLabel('Name (optional)').fill('Osh field office');
  await dialog.getByRole('button', { name: 'Create archive' }).click();

  await expect(dialog).toBeHidden();
  await expect(app.archiveMenuButton).toContainText('Osh field office');
  await expect(page).toHaveTitle('Osh field office — Cairn');
  await expect(app.count).toHaveText('0 records');
  await expect(page.getByText('This archive has no records yet.')).toBeVisible();

  const again = await app.openArchiveMenu();
  await again.getByRole('menuitem', { name: /^archive/ }).click();
  await expect(app.count).toHaveText('5 records');
  await expect(page).toHaveTitle('archive — Cairn');
});

test('a folder that is not an archive is explained in the dialog, which stays open', async ({ page, cairn }) => {
  const app = new MainWindow(page);
  await app.open(cairn.url);

  const menu = await app.openArchiveMenu();
  await menu.getByRole('menuitem', { name: 'Open archive…' }).click();
  const dialog = app.archiveDialog('Open archive');
  await expect(dialog.getByLabel('Folder')).toBeFocused();
  await dialog.getByLabel('Folder').fill(cairn.profileDir);
  await dialog.getByRole('button', { name: 'Open archive' }).click();
  await expect(dialog.getByRole('alert')).toContainText('is not a Cairn archive');

  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(app.count).toHaveText('5 records');
});

test('a stick whose lock names another laptop: never taken silently, taken over only after the warning is confirmed', async ({ page, cairn }) => {
  const app = new MainWindow(page);
  await app.open(cairn.url);
  const stick = path.join(cairn.root, 'stick-from-field-laptop');
  await cp(cairn.archiveDir, stick, { recursive: true, filter: (src) => path.basename(src) !== 'cairn.lock' });
  const holder = { pid: 4242, host: 'field-laptop-7', user: 'aigul', app: 'Cairn 0.1.0 (desktop)', since: '2026-11-20T09:00:00.000Z' };
  await writeFile(path.join(stick, 'cairn.lock'), JSON.stringify(holder));

  const menu = await app.openArchiveMenu();
  await menu.getByRole('menuitem', { name: 'Open archive…' }).click();
  const dialog = app.archiveDialog('Open archive');
  await dialog.getByLabel('Folder').fill(stick);
  await dialog.getByRole('button', { name: 'Open archive' }).click();
  await expect(dialog.getByRole('alert')).toContainText('If you are sure it no longer runs on field-laptop-7');
  // The window offers its own button, not the command line's way.
  await expect(dialog.getByRole('alert')).toContainText('take it over with “Take over the lock…” below');
  await expect(dialog.getByRole('alert')).not.toContainText('cairn unlock');
  await dialog.getByRole('button', { name: 'Take over the lock…' }).click();
  await expect(dialog).toContainText('Two Cairns writing one archive can lose each other');
  await dialog.getByRole('button', { name: 'It no longer runs there: take over and open' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Took over the lock and opened' })).toBeVisible();
  await expect(app.importButton).toBeEnabled();
  expect(JSON.parse(await readFile(path.join(stick, 'cairn.lock'), 'utf8'))).not.toMatchObject({ host: 'field-laptop-7' });
});
