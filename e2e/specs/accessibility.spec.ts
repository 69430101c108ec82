// The main window, its dialogs and its read-only state meet WCAG 2.1 AA as axe-core checks it, in light and dark.
import AxeBuilder from '@axe-core/playwright';
import { test, expect, writeProtectMissing } from '../fixtures';
import { MainWindow } from '../pages/MainWindow';
import { wordsOf } from '../pages/catalogue';

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

    test('annotating: the selection bar, the annotation dialog, highlights, the three new tabs and the entity page have no accessibility violations', async ({ page, cairn }) => {
      // Six axe passes over a record that now links twenty proposed entities: 25–32 s on a loaded 2-core machine.
      test.slow();
      const app = new MainWindow(page);
      await app.open(cairn.url);
      await app.select(/launches regional counter-terrorism project/);
      await app.selectWords('Counter-Terrorism Committee Executive Directorate (CTED)');
      expect(await violations(page)).toEqual([]);
      await page.keyboard.press('a');
      await expect(app.dialog('Annotate the passage')).toBeVisible();
      expect(await violations(page)).toEqual([]);
      await page.keyboard.press('Escape');
      await app.annotateSelection('See https://www.un.org/en/ for *CTED*.', ['organizations']);
      await expect(app.highlight('Counter-Terrorism Committee')).toBeVisible();
      await app.selectWords('Executive Directorate');
      await app.annotateSelection('Nested in the other.');
      expect(await violations(page)).toEqual([]);
      await app.selectWords('Michèle Coninsx');
      await app.markSelectionAs('person');
      await app.details.getByRole('checkbox', { name: /^Show the mentions of / }).first().check();
      expect(await violations(page)).toEqual([]);
      await app.detailsTab('Notes').click();
      expect(await violations(page)).toEqual([]);
      await app.openEntity('Michèle Coninsx');
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

const ru = wordsOf('ru');

/** Keeps a screenshot of each screen for a person to look at (test-results/…), 1280×800. */
async function keep(page: import('@playwright/test').Page, name: string): Promise<void> {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`) });
}

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`in Russian, ${colorScheme} theme`, () => {
    test.use({ colorScheme, locale: 'ru-RU', viewport: { width: 1280, height: 800 } });

    test('every screen has no accessibility violations: main window, empty search, menus and every dialog', async ({ page, cairn }) => {
      // A dozen screens, each checked by axe: on a busy machine that is more than the default 30 s.
      test.slow();
      await page.goto(cairn.url);
      const list = page.getByRole('region', { name: ru('list_label') });
      await expect(list.getByRole('status')).toHaveText('5 записей');
      const details = page.getByRole('region', { name: ru('details_title') });
      await details.getByRole('combobox', { name: ru('tag_add') }).fill('против');
      await keep(page, `ru-${colorScheme}-tag-suggestions`);
      expect(await violations(page)).toEqual([]);
      await details.getByRole('combobox', { name: ru('tag_add') }).press('Enter');
      await expect(details.getByRole('list', { name: ru('tags_label') })).toContainText('Противодействие терроризму');
      await keep(page, `ru-${colorScheme}-main`);
      expect(await violations(page)).toEqual([]);

      await page.getByRole('searchbox', { name: ru('search_label') }).fill('нигде не встречающееся слово');
      await expect(page.getByText(/^Нет записей по запросу/)).toBeVisible();
      await keep(page, `ru-${colorScheme}-no-results`);
      expect(await violations(page)).toEqual([]);
      await page.getByRole('searchbox', { name: ru('search_label') }).fill('');

      await page.getByRole('button', { name: /^Архив/ }).click();
      await expect(page.getByRole('menu', { name: ru('archive_caption') })).toBeVisible();
      await keep(page, `ru-${colorScheme}-archive-menu`);
      expect(await violations(page)).toEqual([]);
      await page.keyboard.press('Escape');

      for (const [open, name] of [
        [() => page.getByRole('button', { name: ru('settings_title') }).click(), ru('settings_title')],
        [() => page.keyboard.press('?'), ru('shortcuts_title')],
        [() => page.getByRole('button', { name: /^Архив/ }).click().then(() => page.getByRole('menuitem', { name: ru('archive_new') }).click()), ru('archive_dialog_new_title')],
        // The review dialogs: a decision (with its proposals and the name asked once), a record's history, Change all.
        [() => page.keyboard.press('r'), ru('review_mark_reviewed')],
        [() => page.keyboard.press('n'), ru('review_flag_needs_work')],
        [() => page.keyboard.press('h'), /^История записи/],
        [() => page.getByRole('button', { name: ru('bulk_tag_button') }).click(), /^Изменить \d+ показанн/],
        [() => page.getByRole('button', { name: ru('overview_button') }).click(), ru('overview_title')],
        // Export (Ctrl+E) with its choices, and Verify a bag from the archive menu.
        [() => page.keyboard.press('Control+e'), ru('export_dialog_title')],
        [() => page.getByRole('button', { name: /^Архив/ }).click().then(() => page.getByRole('menuitem', { name: ru('export_verify_a_bag') }).click()), ru('bag_verify_title')],
      ] as const) {
        await open();
        const dialog = page.getByRole('dialog', { name });
        await expect(dialog).toBeVisible();
        await keep(page, `ru-${colorScheme}-dialog-${String(name).replace(/[^\p{L}\d]+/gu, '-')}`);
        expect(await violations(page)).toEqual([]);
        await page.keyboard.press('Escape');
        await expect(dialog).toBeHidden();
      }

      await page.getByLabel(ru('import_files_label')).setInputFiles([
        { name: 'zametka.txt', mimeType: 'text/plain', buffer: Buffer.from('Полевая заметка\n\nОШ, 12 марта 2019 — Встреча с партнёрами.\n') },
        { name: 'pustoj.txt', mimeType: 'text/plain', buffer: Buffer.from('') },
      ]);
      const report = page.getByRole('dialog', { name: ru('import_finished') });
      await expect(report).toContainText('Импортирована 1 запись, 1 файл не импортирован.');
      await keep(page, `ru-${colorScheme}-import-report`);
      expect(await violations(page)).toEqual([]);
    });
  });
}
