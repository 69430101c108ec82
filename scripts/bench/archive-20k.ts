// Suite "archive-20k": builds (or reuses) an archive of 20,000 corpus records through the core,
// then measures it in a fresh Node process: open, memory, one-edit saves, search, the full list,
// and the single-lowdb-file layout the design notes warn about.
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { Archive, type IncomingFile } from '../../electron/core/archive';
import { FORMAT_VERSION, layout } from '../../electron/core/store/archive-folder';
import { BENCH_CACHE, corpusRecords, locateCorpus } from './corpus';
import { diskUsage } from './disk-usage';
import { round, since, type Metric, type SuiteResult } from './results';
import { APP_V8_FLAGS } from '../../electron/common/v8-flags';

/** Bump when the corpus cutting changes, so cached archives are rebuilt. */
const BUILD_VERSION = 1;
const BATCH = 500;
const APP = 'Cairn bench';
const exec = promisify(execFile);

export interface ArchiveSuiteOptions {
  repoRoot: string;
  records: number;
  rebuild: boolean;
  log: (line: string) => void;
}

interface BuildInfo {
  buildVersion: number;
  formatVersion: number;
  records: number;
  importSeconds: number;
  wallSeconds: number;
  duplicatesSkipped: number;
  failed: number;
  builtAt: string;
}

export async function runArchiveSuite(options: ArchiveSuiteOptions): Promise<SuiteResult> {
  const suite = options.records === 20_000 ? 'archive-20k' : `archive-${options.records}`;
  const started = performance.now();
  const corpus = await locateCorpus(options.repoRoot);
  if (!corpus.ok) return { suite, status: 'skipped', reason: corpus.reason, seconds: 0, metrics: [] };
  if (corpus.unpackedNow) options.log(`${suite}: unpacked the corpus in ${corpus.seconds.toFixed(1)} s`);

  const dir = path.join(BENCH_CACHE, suite);
  const infoFile = path.join(BENCH_CACHE, `${suite}.build.json`);
  let build = options.rebuild ? null : await cachedBuild(dir, infoFile, options.records);
  const cached = build !== null;
  if (!build) {
    build = await buildArchive(dir, corpus.textDir, options.records, (line) => options.log(`${suite}: ${line}`));
    await writeFile(infoFile, JSON.stringify(build, null, 2));
  } else {
    options.log(`${suite}: reusing the archive built ${build.builtAt} in ${dir} (--rebuild to build it again)`);
  }

  const usage = await diskUsage(dir);
  const metrics: Metric[] = [
    { name: 'records', value: build.records, unit: '', note: `~4 KB parts of UN General Debate speeches; ${build.duplicatesSkipped} duplicate parts skipped` },
    {
      name: 'build: import time',
      value: round(build.importSeconds, 1),
      unit: 's',
      note: `Archive.importFiles in batches of ${BATCH} (${round(build.wallSeconds, 1)} s with reading and cutting the corpus)${cached ? '; from the cached build' : ''}`,
    },
    { name: 'build: records per second', value: Math.round(build.records / build.importSeconds), unit: 'rec/s', note: 'each: decode, hash, extract, 2 fsync’d files, index' },
    { name: 'on disk: total', value: round(usage.allocated / 1048576), unit: 'MB', note: `${round(usage.apparent / 1048576)} MB of file contents in ${usage.files.toLocaleString('en-US')} files` },
    { name: 'on disk: records/', value: round((usage.byTop.records ?? 0) / 1048576), unit: 'MB', note: 'one JSON file per record' },
    { name: 'on disk: originals/', value: round((usage.byTop.originals ?? 0) / 1048576), unit: 'MB', note: 'imported files kept as evidence' },
  ];

  options.log(`${suite}: measuring in a fresh Node process…`);
  const measured = await measureInChildProcess(options.repoRoot, dir, options.log);
  metrics.push(...measured);
  metrics.push(...(await timeCliShow(options.repoRoot, dir)));
  return { suite, status: 'ok', seconds: round(since(started) / 1000), metrics };
}

async function cachedBuild(dir: string, infoFile: string, records: number): Promise<BuildInfo | null> {
  if (!existsSync(infoFile) || !existsSync(layout.manifest(dir))) return null;
  try {
    const info = JSON.parse(await readFile(infoFile, 'utf8')) as BuildInfo;
    return info.buildVersion === BUILD_VERSION && info.formatVersion === FORMAT_VERSION && info.records === records ? info : null;
  } catch {
    return null;
  }
}

async function buildArchive(dir: string, textDir: string, wanted: number, log: (line: string) => void): Promise<BuildInfo> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(path.dirname(dir), { recursive: true });
  const wallStart = performance.now();
  const archive = await Archive.create(dir, { app: APP, name: `UN General Debate, ${wanted.toLocaleString('en-US')} records (bench)` });
  let importMs = 0;
  let duplicatesSkipped = 0;
  let failed = 0;
  try {
    const source = corpusRecords(textDir);
    let nextLog = 2_000;
    while (archive.size < wanted) {
      const batch: IncomingFile[] = [];
      const room = Math.min(BATCH, wanted - archive.size);
      while (batch.length < room) {
        const next = await source.next();
        if (next.done) break;
        batch.push({ name: next.value.name, bytes: Buffer.from(next.value.text, 'utf8') });
      }
      if (batch.length === 0) throw new Error(`the corpus ran out after ${archive.size} records`);
      const start = performance.now();
      const report = await archive.importFiles(batch);
      importMs += since(start);
      duplicatesSkipped += report.duplicates.length;
      failed += report.failed.length;
      for (const f of report.failed.slice(0, 3)) log(`failed ${f.file}: ${f.message}`);
      if (archive.size >= nextLog || archive.size >= wanted) {
        log(`built ${archive.size.toLocaleString('en-US')} / ${wanted.toLocaleString('en-US')} records (${Math.round(archive.size / (importMs / 1000))} rec/s)`);
        nextLog += 2_000;
      }
    }
  } finally {
    await archive.close();
  }
  return {
    buildVersion: BUILD_VERSION,
    formatVersion: FORMAT_VERSION,
    records: archive.size,
    importSeconds: importMs / 1000,
    wallSeconds: since(wallStart) / 1000,
    duplicatesSkipped,
    failed,
    builtAt: new Date().toISOString(),
  };
}

/** Runs archive-20k-measure.ts in its own process (cold JIT, clean heap) and reads its metrics. */
async function measureInChildProcess(repoRoot: string, dir: string, log: (line: string) => void): Promise<Metric[]> {
  const script = path.join(repoRoot, 'scripts', 'bench', 'archive-20k-measure.ts');
  const out = path.join(BENCH_CACHE, `measure-${process.pid}.json`);
  // With the V8 flags the app runs with (the measures are of the app's core, in its process).
  const child = spawn(process.execPath, ['--expose-gc', ...APP_V8_FLAGS, '--import', 'tsx', script, dir, out], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (d: Buffer) => d.toString().split('\n').filter(Boolean).forEach((l) => log(`  ${l}`)));
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`the measuring process failed (exit ${code}): ${stderr.trim().split('\n').slice(-5).join(' | ')}`);
  try {
    return JSON.parse(await readFile(out, 'utf8')) as Metric[];
  } finally {
    await rm(out, { force: true });
  }
}

/** `cairn show ID` as a person runs it: one whole process, open included (needs the build). */
async function timeCliShow(repoRoot: string, dir: string): Promise<Metric[]> {
  if (!existsSync(path.join(repoRoot, 'out', 'main', 'cli.js'))) return [];
  const run = async (args: string[]) => {
    const start = performance.now();
    await exec(process.execPath, [path.join(repoRoot, 'bin', 'cairn.mjs'), '--data-dir', dir, ...args], { maxBuffer: 64 * 1024 * 1024 });
    return { ms: since(start) };
  };
  // Any record will do: take the first record file's id, without opening the archive here.
  const shard = (await readdir(layout.recordsDir(dir))).filter((d) => !d.startsWith('.')).sort()[0]!;
  const id = (await readdir(path.join(layout.recordsDir(dir), shard))).filter((f) => f.endsWith('.json')).sort()[0]!.replace(/\.json$/, '');
  const show = await run(['show', id]);
  return [{ name: 'cairn show ID (built CLI)', value: round(show.ms / 1000, 2), unit: 's', note: 'a whole `node bin/cairn.mjs show` process: Node start-up and reading every record file (no search index needed)' }];
}
