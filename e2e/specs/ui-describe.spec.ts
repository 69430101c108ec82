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

test('a search result tagged with a vocabulary concept, the concept renamed in the tag manager, every record follows; a parent tag finds its children', async ({ page, cairn }) => {
  const app = new MainWindow(page);
  await app.open(cairn.url);
  // Bulk-tag a search result: the count is on the button before anything changes.
  await app.searchFor('place:Ashgabat');
  await expect(app.count).toHaveText(/^3 of 5 records$/);
  const changeAll = await app.openChangeAll();
  await changeAll.getByRole('combobox', { name: 'Tag', exact: true }).fill('Turkmenistan');
  await changeAll.getByRole('button', { name: 'Add to 3 records' }).click();
  await expect(changeAll).toBeHidden();
  await app.rows.first().click();
  // The concept's tag is its path; the chip shows its own name.
  await expect(app.tagChip('Turkmenistan')).toHaveCount(1);

  // A parent tag finds the records of the concepts below it.
  await app.searchFor('tag:"Central Asian states"');
  await expect(app.count).toHaveText(/^3 of 5 records$/);

  const manager = await app.openTagManager();
  await app.tagInManager(manager, 'Turkmenistan').click();
  await expect(manager.getByText('3 records carry it · 3 with the tags below it')).toBeVisible();
  await manager.getByLabel(/^New name/).fill('Republic of Turkmenistan');
  await manager.getByRole('button', { name: 'Rename…' }).click();
  await expect(manager.getByRole('status')).toHaveText(/“Central Asian states › Turkmenistan” becomes “Central Asian states › Republic of Turkmenistan” on 3 records \(tags with those below it: 1\)\./);
  await manager.getByRole('button', { name: 'Apply' }).click();
  await expect(app.toast(/is now “Central Asian states › Republic of Turkmenistan” on 3 records/)).toBeVisible();
  await expect(app.tagInManager(manager, 'Republic of Turkmenistan')).toBeVisible();
  await manager.getByRole('button', { name: 'Close', exact: true }).click();

  for (const i of [0, 1, 2]) {
    await app.rows.nth(i).click();
    await expect(app.tagChip('Republic of Turkmenistan')).toHaveCount(1);
  }
  // One Ctrl+Z takes the rename back on every record.
  await page.keyboard.press('Control+z');
  await expect(app.toast(/Undid the tag change \(3 records\)/)).toBeVisible();
  await expect(app.tagChip('Turkmenistan')).toHaveCount(1);
  await app.searchFor('tag:"Central Asian states › Turkmenistan"');
  await expect(app.count).toHaveText(/^3 of 5 records$/);
});

test('a tag of one’s own moved under another, recoloured, and a merge into itself refused', async ({ page, cairn }) => {
  const app = new MainWindow(page);
  await app.open(cairn.url);
  await app.addTag('Field notes');
  await app.addTag('Interviews');
  const manager = await app.openTagManager();
  await app.tagInManager(manager, 'Interviews').click();
  await manager.getByLabel('Put it under').fill('Field notes');
  await manager.getByRole('button', { name: 'Move…' }).click();
  await expect(manager.getByRole('status')).toHaveText(/“Interviews” becomes “Field notes › Interviews” on 1 record/);
  await manager.getByRole('button', { name: 'Apply' }).click();
  // Once applied, the moved tag is chosen where it went and the keyboard is on it (the form is then
  // made anew for it: what is typed before that would go into the form being replaced).
  await expect(app.tagInManager(manager, 'Interviews')).toHaveAttribute('aria-selected', 'true');
  await expect(app.tagInManager(manager, 'Interviews')).toBeFocused();
  await manager.getByLabel('Merge it into').fill('Field notes › Interviews');
  await manager.getByRole('button', { name: 'Merge…' }).click();
  await expect(manager.getByRole('alert')).toHaveText('A tag cannot be merged into itself (“Field notes › Interviews”).');
  await manager.getByLabel('Colour').fill('#b91c1c');
  await manager.getByRole('button', { name: 'Set colour…' }).click();
  await manager.getByRole('button', { name: 'Apply' }).click();
  await expect(app.toast('“Field notes › Interviews” is now #b91c1c.')).toBeVisible();
  await manager.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(app.tagChip('Interviews').locator('.chip')).toHaveAttribute('style', /--tag-color: #b91c1c/);
});

test('records picked with Ctrl+click and Shift+click are tagged together, the count shown first, one Ctrl+Z takes it back', async ({ page, cairn }) => {
  const app = new MainWindow(page);
  await app.open(cairn.url);
  await app.rows.nth(0).click();
  await app.rows.nth(2).click({ modifiers: ['ControlOrMeta'] });
  await expect(app.picked()).toHaveText(/2 records selected/);
  await app.rows.nth(4).click({ modifiers: ['Shift'] });
  // Shift+click picks the rows from the last one picked.
  await expect(app.picked()).toHaveText(/3 records selected/);
  await expect(app.rows.nth(3)).toHaveAttribute('aria-selected', 'true');
  await expect(app.rows.nth(1)).toHaveAttribute('aria-selected', 'false');
  await page.getByRole('button', { name: 'Change 3 selected…' }).click();
  const dialog = app.dialog('Change the 3 selected records');
  await dialog.getByRole('combobox', { name: 'Tag', exact: true }).fill('Kazakhstan');
  await dialog.getByRole('button', { name: 'Add to 3 records' }).click();
  await expect(app.toast(/Tagged 3 records “Kazakhstan”/)).toBeVisible();
  await app.searchFor('tag:Kazakhstan');
  await expect(app.count).toHaveText(/^3 of 5 records$/);
  await app.searchFor('');
  await expect(app.count).toHaveText(/^5 records$/);
  // A plain click lets the picked records go; Ctrl+A picks every record listed; Escape lets them go.
  await app.rows.first().click();
  await expect(app.picked()).toBeHidden();
  await page.keyboard.press('Control+a');
  await expect(app.picked()).toHaveText(/5 records selected/);
  await page.keyboard.press('Escape');
  await expect(app.picked()).toBeHidden();
  await page.keyboard.press('Control+z');
  await app.searchFor('tag:Kazakhstan');
  await expect(app.emptyState()).toBeVisible();
});
