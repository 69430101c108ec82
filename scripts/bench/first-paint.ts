// Cold start to first paint in web mode: spawn the server on a fresh archive, load the page, time it.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';

const root = path.resolve(import.meta.dirname, '..', '..');
const RUNS = Number(process.env.FIRST_PAINT_RUNS ?? 5);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function measureFirstPaint(): Promise<Record<string, number> | null> {
  const entry = path.join(root, 'out', 'main', 'web.js');
  if (!existsSync(entry)) {
    console.log('first-paint: skipped (run `npm run build` first)');
    return null;
  }
  const executablePath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
  const browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const ready: number[] = [];
  const paint: number[] = [];
  const rows: number[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const dir = await mkdtemp(path.join(tmpdir(), 'cairn-paint-'));
      const started = performance.now();
      const child = spawn(process.execPath, [entry, '--data-dir', path.join(dir, 'archive'), '--profile', path.join(dir, 'profile')], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          const m = /web mode at (\S+)/.exec(out);
          if (m) resolve(m[1]!);
        });
        child.once('exit', () => reject(new Error(out)));
      });
      ready.push(performance.now() - started);
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(url);
      await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0);
      const fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]!.startTime);
      paint.push(ready.at(-1)! + fcp);
      await page.getByText('United Nations launches regional counter-terrorism project in Ashgabat').first().waitFor();
      rows.push(performance.now() - started);
      await page.close();
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      await rm(dir, { recursive: true, force: true });
    }
  } finally {
    await browser.close();
  }
  return {
    'server ready (ms, median)': Math.round(median(ready)),
    'first contentful paint (ms from spawn, median)': Math.round(median(paint)),
    'sample records listed (ms from spawn, median)': Math.round(median(rows)),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  measureFirstPaint().then((r) => console.table(r));
}
