// Cairn never talks to the network: every request a session makes goes to its own local server.
import { test, expect } from '../fixtures';

test('a working session makes no request to any address but Cairn’s own', async ({ page, cairn }) => {
  const foreign: string[] = [];
  page.context().on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(`${cairn.origin}/`) && !url.startsWith('data:') && !url.startsWith('blob:')) foreign.push(url);
  });

  await page.goto(cairn.url);
  const search = page.getByRole('searchbox', { name: 'Search records' });
  await expect(search).toBeVisible();
  await expect(page.getByText('United Nations launches regional counter-terrorism project in Ashgabat').first()).toBeVisible();
  await search.fill('Jenca');
  await expect(page.getByText('UNRCCA and CTITF co-organize Consultation Meeting with regional organizations in Almaty').first()).toBeVisible();
  await search.fill('');
  await page.reload();
  await expect(search).toBeVisible();

  expect(foreign, 'requests to other addresses').toEqual([]);
});
