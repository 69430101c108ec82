// A write-protected archive (a locked USB stick, a read-only disk) opens for reading, never as a dead end.
import { test, expect, writeProtectMissing } from '../fixtures';
import { MainWindow } from '../pages/MainWindow';

test.skip(writeProtectMissing !== null, `cannot write-protect a folder here: ${writeProtectMissing}`);

test('an archive on a write-protected stick opens read-only: it can be read and searched, and nothing offers to change it', async ({ page, cairn }) => {
  const app = new MainWindow(page);
  // A tag, given while the archive could still be written, so the read-only window has one to show.
  await app.open(cairn.url);
  await app.select(/UNRCCA/);
  await app.addTag('Counter-terrorism');
  await expect(app.saveStatus).toHaveText('Saved');

  await cairn.writeProtectAndRestart();
  await app.open(cairn.url);
  await expect(app.notices().filter({ hasText: 'Cairn may not write in this archive’s folder' })).toBeVisible();
  await expect(app.notices()).toContainText('you can read, search and export, but not change anything');

  await app.select(/UNRCCA/);
  for (const label of ['Title', 'Date', 'Place', 'Language', 'Creator', 'Identifier', 'Description'] as const) {
    await expect(app.field(label)).not.toBeEditable();
  }
  await expect(app.field('Status')).toBeDisabled();
  await expect(app.tagChips()).toHaveText(['Counter-terrorism']);
  await expect(app.removeTagButton('Counter-terrorism')).toHaveCount(0);
  await expect(app.tagInput).toHaveCount(0);
  await expect(app.importButton).toBeDisabled();

  // Nothing can be undone here: the keys say so, and why, instead of failing.
  await app.recordList.focus();
  await page.keyboard.press('Control+z');
  await expect(app.toast('Nothing can be undone:')).toBeVisible();

  await app.searchFor('Almaty');
  await expect(app.rows.first()).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('read-only.png') });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: test.info().outputPath('read-only-dark.png') });
});

test('files dragged onto a read-only archive are met with why they cannot be imported, and dropping them changes nothing', async ({ page, cairn }) => {
  await cairn.writeProtectAndRestart();
  const app = new MainWindow(page);
  await app.open(cairn.url);
  await expect(app.count).toHaveText('5 records');

  await app.dragFiles({ 'field-note.txt': 'A note from the field office in Osh.' }, { drop: false });
  await expect(app.dropRefusal()).toBeVisible();
  await expect(app.dropInvitation()).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('read-only-drag.png') });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: test.info().outputPath('read-only-drag-dark.png') });

  await app.dragFiles({ 'field-note.txt': 'A note from the field office in Osh.' });
  await expect(app.dropRefusal()).toHaveCount(0);
  // Nothing was tried, so nothing failed: no error, no report, the same five records.
  await expect(app.toasts.getByRole('group')).toHaveCount(0);
  await expect(app.importReport()).toHaveCount(0);
  await expect(app.count).toHaveText('5 records');
});
