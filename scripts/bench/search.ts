// Suite "search" (and "search-100k"): Cairn's search beside SQLite FTS5 (better-sqlite3, tokenizer
// unicode61 remove_diacritics 2) on the same records, with the same queries, in the same run: open and
// answer the first query (in the app's core and as a whole CLI process), index build, query p95 of a
// fixed mix of 56 queries (top 20 with snippets), one edit visible in search, and the index's memory.
// Each engine is measured in processes of its own. Needs the archive-20k suite's archive (and for
// 100,000 records, the copies the export-100k suite makes of it).
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { BENCH_CACHE } from './corpus';
import { makeCopies } from './export-100k';
import { SEARCH_MIX, type QueryKind } from './search-queries';
import type { EngineFigures } from './search-measure';
import { median, quantile, round, since, type Metric, type SuiteResult } from './results';
import { APP_V8_FLAGS } from '../../electron/common/v8-flags';

const exec = promisify(execFile);
const RUNS = 3;

export async function runSearchSuite(options: { repoRoot: string; records: 20_000 | 100_000; log: (line: string) => void }): Promise<SuiteResult> {
  const suite = options.records === 20_000 ? 'search' : 'search-100k';
  const started = performance.now();
  const source = path.join(BENCH_CACHE, 'archive-20k');
  if (!existsSync(path.join(source, 'cairn-archive.json'))) {
    return { suite, status: 'skipped', reason: 'needs the archive-20k suite’s archive: run `npm run bench -- --suite archive-20k` first', seconds: 0, metrics: [] };
  }
  let dir = source;
  if (options.records === 100_000) {
    dir = path.join(BENCH_CACHE, 'archive-100k-copies');
    await makeCopies(source, dir, options.log);
  }
  const db = path.join(BENCH_CACHE, `${suite}.fts5.db`);
  const log = (line: string) => options.log(`${suite}: ${line}`);

  // FTS5 first (it builds its database), then Cairn's work (its snapshot is saved when it closes),
  // then each engine's cold opening, alternately, three times.
  log('FTS5: build, queries, edits…');
  const fts5 = await measure(options.repoRoot, 'fts5', 'work', dir, db, log);
  // Cairn's edits go to a copy (its originals linked, not copied): the cached archive other suites use stays as it was.
  log('Cairn: build, queries, edits (on a copy)…');
  const copy = `${dir}-search-work`;
  await rm(copy, { recursive: true, force: true });
  await exec('cp', ['-al', dir, copy]);
  for (const sub of ['records', 'entities', 'changes', 'search', 'cairn-archive.json']) {
    const at = path.join(copy, sub);
    if (!existsSync(at)) continue;
    // Hard links would share the edits with the cached archive: these are copied for real.
    await rm(at, { recursive: true, force: true });
    await exec('cp', ['-a', path.join(dir, sub), at]);
  }
  const cairn = await measure(options.repoRoot, 'cairn', 'work', copy, db, log);
  // Its snapshot holds the same records (every edit was put back): the cold openings below load it.
  if (existsSync(path.join(copy, 'search', 'index.snapshot'))) {
    await mkdir(path.join(dir, 'search'), { recursive: true });
    await exec('cp', [path.join(copy, 'search', 'index.snapshot'), path.join(dir, 'search', 'index.snapshot')]);
  }
  await rm(copy, { recursive: true, force: true });
  const opens: { cairn: EngineFigures[]; first: EngineFigures[]; fts5: EngineFigures[] } = { cairn: [], first: [], fts5: [] };
  for (let i = 0; i < RUNS; i++) {
    // Opened whole first: the first time, it learns the files' keys of this copy and writes the
    // snapshot and the catalogue with them at close (a reader borrows the free lock), as `cairn search` would.
    opens.cairn.push(await measure(options.repoRoot, 'cairn', 'open', dir, db, log));
    opens.first.push(await measure(options.repoRoot, 'cairn', 'first', dir, db, log));
    opens.fts5.push(await measure(options.repoRoot, 'fts5', 'open', dir, db, log));
  }
  log('whole processes: cairn search and the FTS5 script…');
  const cli = { cairn: [] as number[], fts5: [] as number[] };
  for (let i = 0; i < RUNS; i++) {
    cli.cairn.push(await wholeProcess(process.execPath, [path.join(options.repoRoot, 'bin', 'cairn.mjs'), '--data-dir', dir, 'search', 'human rights', '--json', '--limit', '20']));
    cli.fts5.push(await wholeProcess(process.execPath, [path.join(options.repoRoot, 'scripts', 'bench', 'fts5-search.mjs'), db, 'human rights*', '20']));
  }

  const metrics: Metric[] = [
    { name: 'records', value: options.records, unit: '', note: options.records === 20_000 ? 'the archive-20k suite’s ~4 KB parts of UN General Debate speeches' : 'the archive-20k records, each five times under new ids' },
    ...beside('open, then the first query answered, as `cairn search` does (in-process, cold)', opens.first.map((o) => o.openFirstMs!), opens.fts5.map((o) => o.openFirstMs!), 'ms', `“human rights” top 20 with snippets; Cairn (run with the app’s V8 flags, ${APP_V8_FLAGS.join(' ')}, here and below but the whole process), from the catalogue: ${opens.first.at(-1)!.openParts}`),
    ...beside('the same, the archive opened whole, as the app opens it', opens.cairn.map((o) => o.openFirstMs!), opens.fts5.map((o) => o.openFirstMs!), 'ms', `every record file read and parsed: ${opens.cairn.at(-1)!.openParts}`),
    ...beside('`search "human rights" --json --limit 20`, a whole process', cli.cairn, cli.fts5, 'ms', 'Node start, open, query, snippets, printed: `cairn search` against bench/fts5-search.mjs'),
    ...beside('index build', [cairn.buildMs!], [fts5.buildMs!], 'ms', `Cairn: RecordIndex.addAll of every record (MiniSearch’s index, its words written in the compact form, decoded when a query meets them); FTS5: every row inserted in one transaction, committed (${fts5.diskMb} MB file)`),
  ];
  const all = SEARCH_MIX.map((_, i) => ({ cairn: cairn.queries![i]!, fts5: fts5.queries![i]! }));
  metrics.push(...beside(`query p95, top 20 with snippets (${SEARCH_MIX.length} queries)`, all.map((a) => a.cairn.ms), all.map((a) => a.fts5.ms), 'ms', slowest(all), 0.95));
  metrics.push(...beside('query median, same mix', all.map((a) => a.cairn.ms), all.map((a) => a.fts5.ms), 'ms', '', 0.5));
  const kinds = [...new Set(SEARCH_MIX.map((x) => x.kind))];
  for (const kind of kinds) {
    const of = all.filter((_, i) => SEARCH_MIX[i]!.kind === kind);
    const c = of.map((a) => a.cairn.ms);
    const f = of.map((a) => a.fts5.ms);
    metrics.push({
      name: `  ${kind} (${of.length}): p95 Cairn / FTS5`,
      value: `${round(quantile(c, 0.95), 1)} / ${round(quantile(f, 0.95), 1)}`,
      unit: 'ms',
      note: agreement(kind, of),
    });
  }
  metrics.push(...beside('one edit visible in search', cairn.editVisibleMs!, fts5.editVisibleMs!, 'ms', 'a title changed (durably: fsync / synchronous FULL), then found by the word it added; median', 0.5));
  metrics.push(...beside('  the same, p95', cairn.editVisibleMs!, fts5.editVisibleMs!, 'ms', '', 0.95));
  metrics.push({ name: 'JS heap of the index (Cairn), loaded from its snapshot', value: cairn.heapLoadedMb!, unit: 'MB', note: `before any query decodes a word, and ${cairn.arrayBuffersMb} MB of ArrayBuffers beside it (the postings of this index and of the one just built); built from the records: ${cairn.heapMb} MB and ${cairn.builtArrayBuffersMb} MB of postings (words are kept compact until a query decodes them); the 56 queries then decoded ${cairn.heapQueriedMb} MB more in the archive's index (FTS5 keeps its index on disk, in SQLite’s page cache); heapUsed after a full collection` });
  await rm(`${db}-wal`, { force: true });
  await rm(`${db}-shm`, { force: true });
  return { suite, status: 'ok', seconds: round(since(started) / 1000), metrics };
}

/** Cairn's figure, FTS5's, and the ratio (Cairn / FTS5: below 1 is Cairn ahead), at quantile `q` of each. */
function beside(name: string, cairn: number[], fts5: number[], unit: 'ms', note: string, q = 0.5): Metric[] {
  const c = quantile(cairn, q);
  const f = quantile(fts5, q);
  const spread = (xs: number[]) => (xs.length > 1 && xs.length <= 5 && q === 0.5 ? ` (${xs.map((x) => round(x, 0)).join(', ')})` : '');
  return [
    { name, value: `${fmt(c)} / ${fmt(f)}`, unit, note: `Cairn${spread(cairn)} / FTS5${spread(fts5)}${note ? `; ${note}` : ''}` },
    { name: '  ratio Cairn ÷ FTS5', value: round(c / f, 2), unit: '×', note: c <= f ? 'Cairn ahead or level' : 'FTS5 ahead' },
  ];
}

const fmt = (ms: number) => (ms >= 100 ? String(Math.round(ms)) : String(round(ms, 1)));

function slowest(all: { cairn: { ms: number; total: number }; fts5: { ms: number } }[]): string {
  const i = all.reduce((worst, a, at) => (a.cairn.ms > all[worst]!.cairn.ms ? at : worst), 0);
  const j = all.reduce((worst, a, at) => (a.fts5.ms > all[worst]!.fts5.ms ? at : worst), 0);
  return `slowest: Cairn “${SEARCH_MIX[i]!.cairn}” ${round(all[i]!.cairn.ms, 1)} ms (${all[i]!.cairn.total} found), FTS5 “${SEARCH_MIX[j]!.cairn}” ${round(all[j]!.fts5.ms, 1)} ms`;
}

/** How the two engines' answers compare for one kind of query: totals alike, and the top 20 they share. */
function agreement(kind: QueryKind, of: { cairn: { total: number; top: string[] }; fts5: { total: number; top: string[] } }[]): string {
  const totals = of.map((a) => `${a.cairn.total}/${a.fts5.total}`).join(', ');
  const shared = of.map((a) => a.cairn.top.filter((id) => a.fts5.top.includes(id)).length);
  return `found (Cairn/FTS5): ${totals}; top 20 in common: median ${median(shared)}${kind === 'typo' || kind === 'cyrillic' ? ' (FTS5 cannot forgive typos or read Cyrillic as Latin)' : ''}`;
}

async function measure(repoRoot: string, engine: 'cairn' | 'fts5', part: 'open' | 'first' | 'work', dir: string, db: string, log: (line: string) => void): Promise<EngineFigures> {
  const out = path.join(BENCH_CACHE, `search-${engine}-${part}-${process.pid}.json`);
  const script = path.join(repoRoot, 'scripts', 'bench', 'search-measure.ts');
  const child = spawn(process.execPath, ['--expose-gc', '--max-old-space-size=8192', ...(engine === 'cairn' ? APP_V8_FLAGS : []), '--import', 'tsx', script, engine, part, dir, db, out], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (d: Buffer) => d.toString().split('\n').filter(Boolean).forEach((l) => log(`  ${l}`)));
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`measuring ${engine} (${part}) failed (exit ${code}): ${stderr.trim().split('\n').slice(-5).join(' | ')}`);
  try {
    return JSON.parse(await readFile(out, 'utf8')) as EngineFigures;
  } finally {
    await rm(out, { force: true });
  }
}

async function wholeProcess(command: string, args: string[]): Promise<number> {
  const started = performance.now();
  const { stdout } = await exec(command, args, { maxBuffer: 64 * 1024 * 1024 });
  const answer = JSON.parse(stdout) as { total?: number };
  if (typeof answer.total !== 'number') throw new Error(`${path.basename(args[0]!)} printed no total`);
  return since(started);
}
