// The main window, its dialogs and its read-only state meet WCAG 2.1 AA as axe-core checks it, in light and dark.
import AxeBuilder from '@axe-core/playwright';
import { test, expect, writeProtectMissing } from '../fixtures';
import { MainWindow } from '../pages/MainWindow';

async function violations(page: import('@playwright/test').Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} theme`, () => {
    test.use({ colorScheme });

    test('the main window, a tagged record and the archive menu have no accessibility violations', async ({ page, cairn }) => {
      const app = new MainWindow(page);
      await app.open(cairn.url);
      await app.addTag('Counter-terrorism');
      expect(await violations(page)).toEqual([]);

      await app.searchFor('no such word anywhere');
      await expect(app.emptyState()).toBeVisible();
      expect(await violations(page)).toEqual([]);

      await app.searchFor('');
      await app.openArchiveMenu();
      expect(await violations(page)).toEqual([]);
    });

    test('the read-only window of a write-protected archive, and its answer to files dragged onto it, have no accessibility violations', async ({ page, cairn }) => {
      test.skip(writeProtectMissing !== null, `cannot write-protect a folder here: ${writeProtectMissing}`);
      await cairn.writeProtectAndRestart();
      const app = new MainWindow(page);
      await app.open(cairn.url);
      await app.select(/UNRCCA/);
      await expect(app.field('Status')).toBeDisabled();
      expect(await violations(page)).toEqual([]);

      await app.dragFiles({ 'field-note.txt': 'A note.' }, { drop: false });
      await expect(app.dropRefusal()).toBeVisible();
      expect(await violations(page)).toEqual([]);
    });
  });
}
