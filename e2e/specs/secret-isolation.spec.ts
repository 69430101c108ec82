// Another program listening on 127.0.0.1 never learns this run's secret from the browser using Cairn.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { test, expect } from '../fixtures';
import { MainWindow } from '../pages/MainWindow';

/** A local server on another port that keeps everything a browser sends it. */
async function startEavesdropper(): Promise<{ origin: string; heard: string[]; server: Server }> {
  const heard: string[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      heard.push([`${req.method} ${req.url}`, JSON.stringify(req.headers), Buffer.concat(chunks).toString('utf8')].join('\n'));
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Access-Control-Allow-Origin': '*' });
      res.end('<!doctype html><title>Another local program</title><p>hello</p>');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { origin: `http://127.0.0.1:${port}`, heard, server };
}

test('a browser using Cairn sends its secret to no other server on 127.0.0.1, by cookie, header, address or body', async ({ page, cairn }) => {
  const other = await startEavesdropper();
  try {
    const app = new MainWindow(page);
    await app.open(cairn.url);
    await app.addTag('Border security');
    await app.reload();
    await expect(app.rows).toHaveCount(5);

    // The same browser then visits the other program, and a Cairn page talks to it as well.
    await page.goto(`${other.origin}/page`);
    await page.evaluate((origin) => fetch(`${origin}/fetched`, { method: 'POST', credentials: 'include', body: 'x' }), other.origin);
    await app.open(cairn.origin + '/');
    await page.evaluate((origin) => fetch(`${origin}/from-cairn`, { credentials: 'include' }).catch(() => null), other.origin);

    expect(other.heard.length).toBeGreaterThanOrEqual(2);
    for (const request of other.heard) {
      expect(request).not.toContain(cairn.secret);
      expect(request).not.toContain(encodeURIComponent(cairn.secret));
    }
    // The secret is in no cookie the browser holds for 127.0.0.1, whatever the port.
    const cookies = await page.context().cookies();
    expect(cookies.filter((c) => c.value.includes(cairn.secret) || decodeURIComponent(c.value).includes(cairn.secret))).toEqual([]);
  } finally {
    other.server.close();
  }
});

test('the address Cairn printed keeps working after a reload, and a window opened without it is told what to do', async ({ page, browser, cairn }) => {
  const app = new MainWindow(page);
  await app.open(cairn.url);
  expect(page.url()).not.toContain(cairn.secret);
  await app.reload();
  await expect(app.rows).toHaveCount(5);

  const stranger = await browser.newPage();
  await stranger.goto(cairn.origin + '/');
  await expect(stranger.getByText('needs the address Cairn printed when it started')).toBeVisible();
  await stranger.close();
});
