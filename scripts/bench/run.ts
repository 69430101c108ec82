// `npm run bench [-- --out FILE] [--rebuild] [--records N] [--suite NAME]`: runs the benchmark
// suites in order and prints a table of numbers. Benchmarks measure; they never assert on time.
import { runImportSuite } from './import';
import { runAnnotationsSuite } from './annotations';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { runArchiveSuite } from './archive-20k';
import { formatResults, round, since, type SuiteResult } from './results';
import { runSigkillSuite } from './sigkill';
import { runExport100kSuite } from './export-100k';
import { runChangeLogSuite } from './change-log';
import { runBackupsSuite } from './backups';
import { runDescribeSuite } from './describe';
import { runSearchSuite } from './search';
import { runTypingSuite } from './typing';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const USAGE = `Usage: npm run bench -- [--out FILE] [--rebuild] [--records N] [--kills N] [--seed N] [--suite NAME]…

  --out FILE     also write the results as JSON to FILE
  --rebuild      build the bench archive again instead of reusing the cached one
  --records N    records in the bench archive (default 20000)
  --kills N      sigkill suite: kills in all, of a mixed workload (default 1000)
  --edits N      change-log suite: edits before the log is measured (default 100000)
  --seed N       sigkill suite: the seed that makes a run repeatable (default: random, printed)
  --suite NAME   run only this suite (archive-20k, change-log, annotations, backups, first-paint, sigkill, export-100k, import, describe, search, search-100k, typing); may be repeated

The corpus is read from ../shared/corpora/ungdc-1946-2022.tar.gz (or CAIRN_CORPUS); suites that
need it are skipped when it is absent. Built archives are cached in ${path.join(os.tmpdir(), 'cairn-bench')}.`;

const log = (line: string) => process.stderr.write(`${line}\n`);

interface Suite {
  name: string;
  run: () => Promise<SuiteResult>;
}

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        out: { type: 'string' },
        rebuild: { type: 'boolean', default: false },
        records: { type: 'string' },
        suite: { type: 'string', multiple: true },
        kills: { type: 'string' },
        edits: { type: 'string' },
        seed: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }));
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const records = values.records === undefined ? 20_000 : Number(values.records);
  if (!Number.isInteger(records) || records < 1) {
    console.error(`--records takes a whole number, not “${values.records}”.\n\n${USAGE}`);
    return 2;
  }

  const edits = values.edits === undefined ? 100_000 : Number(values.edits);
  if (!Number.isInteger(edits) || edits < 1) {
    console.error(`--edits takes a whole number, not “${values.edits}”.\n\n${USAGE}`);
    return 2;
  }
  const kills = values.kills === undefined ? 1000 : Number(values.kills);
  const seed = values.seed === undefined ? Math.floor(Math.random() * 1e9) : Number(values.seed);
  if (!Number.isInteger(kills) || kills < 1 || !Number.isInteger(seed)) {
    console.error(`--kills and --seed take whole numbers.\n\n${USAGE}`);
    return 2;
  }

  const suites: Suite[] = [
    { name: 'archive-20k', run: () => runArchiveSuite({ repoRoot, records, rebuild: values.rebuild, log }) },
    { name: 'change-log', run: () => runChangeLogSuite({ edits, log }) },
    { name: 'annotations', run: () => runAnnotationsSuite({ repoRoot, log }) },
    { name: 'backups', run: () => runBackupsSuite({ log }) },
    { name: 'first-paint', run: () => runFirstPaint() },
    { name: 'sigkill', run: () => runSigkillSuite({ repoRoot, cycles: kills, seed, log }) },
    { name: 'export-100k', run: () => runExport100kSuite({ log }) },
    { name: 'import', run: () => runImportSuite({ repoRoot, log }) },
    { name: 'describe', run: () => runDescribeSuite({ log }) },
    { name: 'search', run: () => runSearchSuite({ repoRoot, records: 20_000, log }) },
    { name: 'search-100k', run: () => runSearchSuite({ repoRoot, records: 100_000, log }) },
    { name: 'typing', run: () => runTypingSuite({ repoRoot, log }) },
  ];
  const unknown = (values.suite ?? []).filter((s) => !suites.some((x) => x.name === s));
  if (unknown.length) {
    console.error(`No suite named ${unknown.join(', ')}; the suites are ${suites.map((s) => s.name).join(', ')}.`);
    return 2;
  }
  const chosen = values.suite?.length ? suites.filter((s) => values.suite!.includes(s.name)) : suites;

  const results: SuiteResult[] = [];
  for (const suite of chosen) {
    log(`— ${suite.name}`);
    const started = performance.now();
    try {
      results.push(await suite.run());
    } catch (e) {
      results.push({ suite: suite.name, status: 'failed', reason: (e as Error).message, seconds: round(since(started) / 1000), metrics: [] });
    }
    const last = results.at(-1)!;
    log(`— ${suite.name}: ${last.status}${last.reason ? ` (${last.reason})` : ''} in ${last.seconds} s`);
  }

  console.log('');
  // The load average says whether other work shared the machine while the numbers were taken.
  const load = os.loadavg().map((l) => l.toFixed(1)).join(' ');
  console.log(`Cairn benchmarks — ${new Date().toISOString()} — Node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model.trim() ?? 'unknown'}), ${round(os.totalmem() / 2 ** 30, 0)} GB RAM, load average ${load}`);
  console.log('');
  console.log(formatResults(results));
  if (values.out) {
    const out = path.resolve(values.out);
    await mkdir(path.dirname(out), { recursive: true });
    await writeFile(out, JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: os.cpus().length, loadavg: os.loadavg(), results }, null, 2) + '\n');
    log(`Results written to ${out}`);
  }
  return results.some((r) => r.status === 'failed') ? 1 : 0;
}

/** The web-mode first-paint timing (scripts/bench/first-paint.ts), when that script is present. */
async function runFirstPaint(): Promise<SuiteResult> {
  const file = path.join(repoRoot, 'scripts', 'bench', 'first-paint.ts');
  if (!existsSync(file)) return { suite: 'first-paint', status: 'skipped', reason: 'scripts/bench/first-paint.ts is not there', seconds: 0, metrics: [] };
  const started = performance.now();
  const mod = (await import(pathToFileURL(file).href)) as { measureFirstPaint?: () => Promise<Record<string, number> | null> };
  const measured = await mod.measureFirstPaint?.();
  const seconds = round(since(started) / 1000);
  if (!measured) return { suite: 'first-paint', status: 'skipped', reason: 'needs `npm run build` first (out/main/web.js)', seconds, metrics: [] };
  return {
    suite: 'first-paint',
    status: 'ok',
    seconds,
    metrics: Object.entries(measured).map(([name, value]) => {
      const unit = /\(ms\b/.test(name) ? 'ms' : '';
      return { name: name.replace(/\s*\(ms,?\s*/, ' (').replace(/\(\s*\)/, '').replace(/\s+\)/, ')').trim(), value, unit };
    }),
  };
}

process.exitCode = await main();
