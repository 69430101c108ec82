// Annotating as an archivist does it: a passage annotated with a tag, the text corrected before it
// (the highlight stays on its words), the passage deleted (the annotation orphaned, not moved), and
// two spellings of one person merged across the archive.
import { expect, test } from '../fixtures';
import { MainWindow } from '../pages/MainWindow';

test('annotates a passage, keeps it on its words through a correction, and orphans it when the passage is deleted', async ({ page, cairn }) => {
  const app = new MainWindow(page);
  await app.open(cairn.url);
  await app.select(/launches regional counter-terrorism project/);

  await app.selectWords('Michèle Coninsx');
  await app.annotateSelection('Spelt *Coninx* in the Phase IV release.', ['names']);
  await expect(app.highlight('Michèle Coninsx')).toHaveText('Michèle Coninsx');
  await expect(app.detailsTab('Annotations')).toHaveAttribute('aria-selected', 'true');
  const listed = app.annotationsList().getByRole('listitem');
  await expect(listed).toHaveCount(1);
  await expect(listed.first()).toContainText('“Michèle Coninsx”');
  await expect(listed.first().getByRole('emphasis')).toHaveText('Coninx');
  await expect(listed.first()).toContainText('names');

  // A word before the passage is corrected: the highlight stays on its words.
  await app.correctText((text) => text.replace('Vladimir Voronkov, and', 'Mr. Vladimir Voronkov, and'));
  await expect(app.reader).toContainText('Mr. Vladimir Voronkov, and Michèle Coninsx');
  await expect(app.highlight('Michèle Coninsx')).toHaveText('Michèle Coninsx');
  await expect(app.toast(/Text corrected/)).toContainText('orphaned: 0');

  // The passage is deleted: the annotation is orphaned, shown with its words, never moved onto others.
  await app.correctText((text) => text.replace(', and Michèle Coninsx, Assistant Secretary-General', ', and the Assistant Secretary-General'));
  await expect(app.highlight('Michèle Coninsx')).toHaveCount(0);
  await expect(app.reader.locator('mark')).toHaveCount(0);
  await expect(listed.first()).toContainText('Orphaned: its passage is no longer in the text');
  await expect(listed.first()).toContainText('“Michèle Coninsx”');

  // Ctrl+Z takes the correction back, and the highlight with it.
  await app.reader.click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await expect(app.highlight('Michèle Coninsx')).toHaveText('Michèle Coninsx');
});

test('marks two spellings of a person in two records and merges them into one entity', async ({ page, cairn }) => {
  const app = new MainWindow(page);
  await app.open(cairn.url);
  await app.select(/launches regional counter-terrorism project/);
  await app.selectWords('Coninsx');
  await app.markSelectionAs('person');
  await expect(app.toast('Marked Coninsx.')).toBeVisible();

  await app.select(/Launch of the Phase IV/);
  await app.selectWords('Coninx');
  await app.markSelectionAs('person');

  // Shown on demand: the mentions of the person in the text.
  await app.details.getByRole('checkbox', { name: 'Show the mentions of Coninx in the text' }).check();
  await expect(app.reader.locator('mark.mention')).toHaveCount(2);

  await app.select(/launches regional counter-terrorism project/);
  const entity = await app.openEntity('Coninsx');
  await entity.getByRole('combobox', { name: 'Merge into' }).fill('Coninx');
  await entity.getByRole('button', { name: 'Merge', exact: true }).click();
  const merged = app.dialog('Coninx');
  await expect(merged.getByText('person · 2 records')).toBeVisible();
  await expect(merged.getByRole('button', { name: /launches regional counter-terrorism project/ })).toBeVisible();
  await expect(merged.getByRole('button', { name: /Launch of the Phase IV/ })).toBeVisible();
  await expect(merged.getByRole('listitem').filter({ hasText: 'Coninsx' })).toBeVisible();

  // One search finds both records under either spelling.
  await merged.getByRole('button', { name: 'Show these records in the list' }).click();
  await expect(app.rows).toHaveCount(2);
  await app.searchFor('person:Coninsx');
  await expect(app.rows).toHaveCount(2);
});
