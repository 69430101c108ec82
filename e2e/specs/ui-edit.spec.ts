// Editing: fields save without a Save button, tags come with suggestions, and changes can be undone.
import { test, expect } from '../fixtures';
import { MainWindow } from '../pages/MainWindow';

const FIRST = 'UNRCCA and CTITF co-organize Consultation Meeting with regional organizations in Almaty';

test('an edited title is saved and is still there after a reload', async ({ page, cairn }) => {
  const app = new MainWindow(page);
  await app.open(cairn.url);

  await app.edit('Title', 'Consultation meeting in Almaty, June 2012');
  await expect(app.readerTitle()).toHaveText('Consultation meeting in Almaty, June 2012');
  await expect(app.rows.first()).toContainText('Consultation meeting in Almaty, June 2012');

  await app.reload();
  await expect(app.field('Title')).toHaveValue('Consultation meeting in Almaty, June 2012');
  await expect(app.rows.first()).toContainText('Consultation meeting in Almaty, June 2012');
});

test('an edit Cairn has said is saved survives the app being killed and started again', async ({ page, cairn }) => {
  const app = new MainWindow(page);
  await app.open(cairn.url);

  await app.edit('Place', 'Almaty, Kazakhstan');
  await expect(app.saveStatus).toHaveText('Saved');
  await app.addTag('Field office copy');
  await expect(app.saveStatus).toHaveText('Saved');

  await cairn.restart({ crash: true });
  await app.open(cairn.url);
  await expect(app.field('Place')).toHaveValue('Almaty, Kazakhstan');
  await expect(app.tagChips()).toHaveText(['Field office copy']);
});

test('a written date is stored as EDTF and shown in words; an unreadable one is explained and kept', async ({ page, cairn }) => {
  const app = new MainWindow(page);
  await app.open(cairn.url);
  const date = app.field('Date');

  await date.fill('the week after');
  await date.press('Enter');
  await expect(app.fieldError('Date')).toContainText('could not read “the week after” as a date');
  await expect(date).toHaveValue('the week after');
  await expect(date).toHaveAttribute('aria-invalid', 'true');

  await date.fill('3 May 2011');
  await date.press('Enter');
  await expect(date).toHaveValue('2011-05-03');
  await expect(app.fieldError('Date')).toHaveCount(0);
  await expect(app.rows.first()).toContainText('3 May 2011');
});

test('a tag added from the vocabulary and a new tag both survive a reload', async ({ page, cairn }) => {
  const app = new MainWindow(page);
  await app.open(cairn.url);

  await app.tagInput.fill('CT');
  await expect(app.tagSuggestion(/Counter-terrorism/)).toBeVisible();
  await app.tagInput.press('Enter');
  await expect(app.tagChips()).toHaveText(['Counter-terrorism']);

  await app.addTag('Almaty office');
  await app.tagSuggestion(/Add “Almaty office” as a new tag/).waitFor({ state: 'detached' });
  await expect(app.tagChips()).toHaveText(['Counter-terrorism', 'Almaty office']);
  await expect(app.saveStatus).toHaveText('Saved');

  await app.reload();
  await expect(app.tagChips()).toHaveText(['Counter-terrorism', 'Almaty office']);
  await expect(app.rows.first()).toContainText('Almaty office');
});

test('a tag that is another tag plus “+” does not break the suggestions: both can be picked', async ({ page, cairn }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const app = new MainWindow(page);
  await app.open(cairn.url);
  await app.addTag('Almaty+');
  await expect(app.tagChips()).toHaveText(['Almaty+']);

  await app.rows.nth(1).click();
  await app.tagInput.fill('Almaty');
  await expect(app.tagSuggestion('Almaty+')).toBeVisible();
  await expect(app.tagSuggestion(/Add “Almaty” as a new tag/)).toBeVisible();
  await app.tagSuggestion(/Add “Almaty” as a new tag/).click();
  await expect(app.tagChips()).toHaveText(['Almaty']);
  expect(errors).toEqual([]);
});

test('a removed tag comes back with the toast’s Undo button', async ({ page, cairn }) => {
  const app = new MainWindow(page);
  await app.open(cairn.url);
  await app.addTag('Keep me');
  await expect(app.tagChips()).toHaveText(['Keep me']);

  await app.removeTagButton('Keep me').click();
  await expect(app.tagChips()).toHaveCount(0);
  const toast = app.toast('Removed the tag “Keep me”.');
  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect(app.tagChips()).toHaveText(['Keep me']);

  await app.reload();
  await expect(app.tagChips()).toHaveText(['Keep me']);
});

test('Ctrl+Z outside a text field undoes the last change and Ctrl+Shift+Z redoes it', async ({ page, cairn }) => {
  const app = new MainWindow(page);
  await app.open(cairn.url);

  await app.edit('Place', 'Almaty, Kazakhstan');
  await app.field('Status').selectOption('in-review');
  await expect(app.selectedRow()).toContainText('In review');

  await app.recordList.focus();
  await page.keyboard.press('Control+z');
  await expect(app.selectedRow()).toContainText('New');
  await page.keyboard.press('Control+z');
  await expect(app.field('Place')).toHaveValue('Almaty');
  await page.keyboard.press('Control+Shift+z');
  await expect(app.field('Place')).toHaveValue('Almaty, Kazakhstan');

  await app.reload();
  await expect(app.field('Place')).toHaveValue('Almaty, Kazakhstan');
  await expect(app.readerTitle()).toHaveText(FIRST);
});

test('a field the importer proposed is marked “auto” until confirmed', async ({ page, cairn }) => {
  const app = new MainWindow(page);
  await app.open(cairn.url);
  const confirm = app.details.getByRole('button', { name: 'Confirm Place' });
  await expect(confirm).toBeVisible();
  await confirm.click();
  await expect(confirm).toHaveCount(0);
  await app.reload();
  await expect(app.details.getByRole('button', { name: 'Confirm Place' })).toHaveCount(0);
  await expect(app.details.getByRole('button', { name: 'Confirm Title' })).toBeVisible();
});
