// The main window and its dialogs meet WCAG 2.1 AA as axe-core checks it, in light and dark.
import AxeBuilder from '@axe-core/playwright';
import { test, expect } from '../fixtures';
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
  });
}
