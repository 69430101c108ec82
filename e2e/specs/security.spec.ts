// The web door's guards and the rule that document text is shown as text, never run as code.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test, expect } from '../fixtures';
import { MainWindow } from '../pages/MainWindow';

const HOSTILE = [
  'Hostile <b>markup</b> sample',
  '',
  '<script>window.__pwned = "script"</script>',
  '<img src="x" onerror="window.__pwned = \'img\'">',
  '<a href="javascript:window.__pwned=\'link\'">click me</a>',
  'The archive must show all of this as plain text, exactly as received.',
].join('\n');

test('markup inside a document is shown as text and never runs', async ({ page, cairn }) => {
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs++;
    void d.dismiss();
  });
  await page.goto(cairn.url);
  await expect(page.getByRole('searchbox', { name: 'Search records' })).toBeVisible();

  const imported = await page.evaluate(async (text) => {
    const bytes = new TextEncoder().encode(text);
    const dataBase64 = btoa(String.fromCharCode(...bytes));
    const r = await window.cairn!.invoke('records.import', { files: [{ name: 'hostile.txt', dataBase64 }] });
    return r.ok ? r.result.imported.length : r.error.message;
  }, HOSTILE);
  expect(imported).toBe(1);

  await page.reload();
  const search = page.getByRole('searchbox', { name: 'Search records' });
  await search.fill('Hostile');
  await page.getByText('Hostile <b>markup</b> sample').first().click();
  // In the reader, and (as a snippet of the search) in the list row: as text, both.
  const reader = page.getByRole('region', { name: 'Reader' });
  await expect(reader.getByText('<script>window.__pwned = "script"</script>')).toBeVisible();
  await expect(reader.getByText('<img src="x" onerror="window.__pwned = \'img\'">')).toBeVisible();

  expect(await page.evaluate(() => (window as { __pwned?: string }).__pwned ?? null)).toBeNull();
  expect(dialogs).toBe(0);
});

test('the local server refuses requests without this run’s secret or from another origin', async ({ page, cairn }) => {
  const withoutSecret = await fetch(`${cairn.origin}/api/records.list`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: '{"args":{}}',
  });
  expect(withoutSecret.status).toBe(403);
  const secret = cairn.secret;
  const foreignOrigin = await fetch(`${cairn.origin}/api/records.list`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Cairn-Secret': secret, Origin: 'http://evil.example' },
    body: '{"args":{}}',
  });
  expect(foreignOrigin.status).toBe(403);

  const response = await page.goto(cairn.url);
  const csp = response!.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("default-src 'none'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toMatch(/https?:/);
});

test('a vocabulary colour that is not a colour never reaches a tag chip’s style', async ({ page, cairn }) => {
  const file = path.join(cairn.archiveDir, 'vocabularies', 'hostile.json');
  const hostile = 'red;background-image:url(http://127.0.0.1:9/x.png)';
  await writeFile(file, JSON.stringify({ id: 'hostile', label: 'Hostile', concepts: [{ id: 'h', label: 'Hostile concept', altLabels: [], color: hostile }] }));
  await cairn.restart();
  const app = new MainWindow(page);
  await app.open(cairn.url);
  const notice = app.notices().filter({ hasText: 'which is not a colour' });
  await expect(notice).toBeVisible();
  // The file was read and is in use: only the colour was left out.
  await expect(notice).toContainText('is in use without');
  await expect(notice).not.toContainText('could not be read');
  await app.addTag('Hostile concept');
  const chip = app.tagChips().filter({ hasText: 'Hostile concept' });
  await expect(chip).toBeVisible();
  expect(await chip.getAttribute('style')).toBeNull();
  expect(await chip.evaluate((el) => getComputedStyle(el).backgroundImage)).toBe('none');
});
