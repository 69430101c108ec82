// A write-protected archive (a locked USB stick, a read-only disk) opens for reading, never as a dead end.
import AxeBuilder from '@axe-core/playwright';
import { test, expect } from '../fixtures';
import { MainWindow } from '../pages/MainWindow';
import { writeProtect, writeProtectUnavailable } from '../../electron/core/testing/write-protect';

const unavailable = writeProtectUnavailable();

test('an archive on a write-protected stick opens read-only: it can be read and searched, and nothing offers to change it', async ({ page, cairn }) => {
  test.skip(unavailable !== null, `cannot write-protect a folder here: ${unavailable}`);
  const lift = writeProtect(cairn.archiveDir);
  try {
    await cairn.restart();
    const app = new MainWindow(page);
    await app.open(cairn.url);
    await expect(app.notices().filter({ hasText: 'Cairn may not write in this archive’s folder' })).toBeVisible();

    await app.select(/UNRCCA/);
    await expect(app.readerTitle()).toContainText('UNRCCA');
    await expect(app.field('Title')).not.toBeEditable();
    await expect(app.field('Place')).not.toBeEditable();
    await expect(app.field('Status')).toBeDisabled();
    await expect(app.tagInput).toHaveCount(0);
    await expect(app.importButton).toBeDisabled();

    await app.searchFor('Almaty');
    await expect(app.rows.first()).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('read-only.png') });

    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      expect(axe.violations.map((v) => `${colorScheme}: ${v.id} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
    }
    await page.screenshot({ path: test.info().outputPath('read-only-dark.png') });
  } finally {
    lift();
  }
});
