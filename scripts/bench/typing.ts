// Suite "typing": keystroke to rendered results in the window, web mode, on the archive-20k suite's
// 20,000 records. Chromium types each query of the search mix a letter at a time, as a brisk typist
// does (100 ms a key), and the window's own performance measures (records.svelte.ts: from each key
// to the first list on screen that answers it or a later key) are read back. Needs `npm run build`.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { BENCH_CACHE } from './corpus';
import { SEARCH_MIX } from './search-queries';
import { median, quantile, round, since, type SuiteResult } from './results';
import { APP_V8_FLAGS } from '../../electron/common/v8-flags';

const KEY_DELAY_MS = 100;
const MEASURE = 'cairn:keystroke-to-results';

export async function runTypingSuite(options: { repoRoot: string; log: (line: string) => void }): Promise<SuiteResult> {
  const started = performance.now();
  const entry = path.join(options.repoRoot, 'out', 'main', 'web.js');
  const archive = path.join(BENCH_CACHE, 'archive-20k');
  if (!existsSync(entry)) return { suite: 'typing', status: 'skipped', reason: 'needs `npm run build` first (out/main/web.js)', seconds: 0, metrics: [] };
  if (!existsSync(path.join(archive, 'cairn-archive.json'))) return { suite: 'typing', status: 'skipped', reason: 'needs the archive-20k suite’s archive: run `npm run bench -- --suite archive-20k` first', seconds: 0, metrics: [] };
  const profile = await mkdtemp(path.join(tmpdir(), 'cairn-typing-'));
  const child = spawn(process.execPath, [...APP_V8_FLAGS, entry, '--data-dir', archive, '--profile', profile], { stdio: ['ignore', 'pipe', 'inherit'] });
  const browser = await chromium.launch({ executablePath: ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p)), args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /web mode at (\S+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.once('exit', () => reject(new Error(out)));
    });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(url);
    const search = page.getByRole('searchbox', { name: 'Search records' });
    await page.getByRole('region', { name: 'Record list' }).getByRole('status').filter({ hasText: /20,000 records/ }).waitFor({ timeout: 120_000 });
    // One query first, answered once the index is loaded, so that typing measures search, not opening.
    await search.fill('warm');
    await page.waitForFunction((name) => performance.getEntriesByName(name).length > 0, MEASURE, { timeout: 120_000 });
    const all: number[] = [];
    let unanswered = 0;
    let keys = 0;
    // The measures of keys typed into a query (clearing the box between queries asks too: not counted).
    const typedMeasures = (name: string) => performance.getEntriesByName(name).filter((e) => (e as { detail?: { query?: string } }).detail?.query !== '').map((e) => e.duration);
    for (const q of SEARCH_MIX) {
      await search.fill('');
      await page.waitForTimeout(300);
      await page.evaluate((name) => performance.clearMeasures(name), MEASURE).catch(() => undefined);
      await search.pressSequentially(q.cairn, { delay: KEY_DELAY_MS });
      keys += [...q.cairn].length;
      // Until every key is answered (or 10 s).
      await page
        .waitForFunction(([name, n]) => performance.getEntriesByName(name).filter((e) => (e as { detail?: { query?: string } }).detail?.query !== '').length >= n, [MEASURE, [...q.cairn].length] as const, { timeout: 10_000 })
        .catch(() => undefined);
      const got = await page.evaluate(typedMeasures, MEASURE);
      all.push(...got);
      if (got.length < [...q.cairn].length) unanswered += [...q.cairn].length - got.length;
      options.log(`typing: ${q.cairn}: ${got.length} keys, median ${round(median(got), 1)} ms, max ${round(Math.max(...got), 1)} ms`);
    }
    return {
      suite: 'typing',
      status: 'ok',
      seconds: round(since(started) / 1000),
      metrics: [
        { name: 'keystroke to rendered results, p95', value: round(quantile(all, 0.95), 1), unit: 'ms', note: `${all.length} of ${keys} keys answered (${unanswered} not within 10 s), ${SEARCH_MIX.length} queries typed a key every ${KEY_DELAY_MS} ms; web mode, 20,000 records, the window’s own performance measures` },
        { name: 'keystroke to rendered results, median', value: round(median(all), 1), unit: 'ms', note: `max ${round(Math.max(...all), 1)} ms` },
      ],
    };
  } finally {
    await browser.close();
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    await rm(profile, { recursive: true, force: true });
  }
}
