// Archives: create a new one, go back through the recent list, and read why a folder will not open.
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
