// Describing records as archivists do: Dublin Core's fields on one record, and one field set on every
// record a search finds, with the count shown before and one Ctrl+Z after.
import { test, expect } from '../fixtures';
import { MainWindow } from '../pages/MainWindow';

test('a record is described with publisher, type, a language by its name, source and rights', async ({ page, cairn }) => {
  const app = new MainWindow(page);
  await app.open(cairn.url);
  await app.edit('Publisher', 'UNRCCA');
  await app.edit('Type', 'press release');
  await app.edit('Language', 'Russian');
  // Stored as its tag, shown by its name.
  await expect(app.field('Language')).toHaveValue('ru');
  await expect(app.details.getByText('Russian', { exact: true })).toBeVisible();
  await app.edit('Source', 'https://unrcca.unmissions.org/');
  await app.edit('Rights', '© United Nations');
  await app.field('Language').fill('Klingonese');
  await app.field('Language').press('Enter');
  await expect(app.fieldError('language')).toHaveText('“Klingonese” is not a language tag: write a BCP 47 tag such as en, ru, kk or uz-Cyrl.');
  await app.field('Language').press('Escape');
  await app.reload();
  await expect(app.field('Publisher')).toHaveValue('UNRCCA');
  await expect(app.field('Type')).toHaveValue('press release');
  await expect(app.field('Source')).toHaveValue('https://unrcca.unmissions.org/');
  await expect(app.field('Rights')).toHaveValue('© United Nations');
});

test('a field set on every record a search finds, after the count, and taken back with one Ctrl+Z', async ({ page, cairn }) => {
  const app = new MainWindow(page);
  await app.open(cairn.url);
  await app.searchFor('place:Almaty');
  await expect(app.count).toHaveText(/^2 of 5 records$/);
  const dialog = await app.openChangeAll();
  await dialog.getByRole('radio', { name: 'Set a field' }).check();
  await dialog.getByLabel('Field', { exact: true }).selectOption({ label: 'Publisher' });
  await dialog.getByLabel('Value (empty clears it)').fill('UNRCCA');
  await dialog.getByRole('button', { name: 'Set on 2 records' }).click();
  await expect(dialog).toBeHidden();
  await expect(app.toast('Publisher set on 2 records.')).toBeVisible();
  await app.rows.first().click();
  await expect(app.field('Publisher')).toHaveValue('UNRCCA');
  await app.rows.nth(1).click();
  await expect(app.field('Publisher')).toHaveValue('UNRCCA');
  await app.rows.first().click();
  await page.keyboard.press('Control+z');
  await expect(app.field('Publisher')).toHaveValue('');
  await app.rows.nth(1).click();
  await expect(app.field('Publisher')).toHaveValue('');
});
