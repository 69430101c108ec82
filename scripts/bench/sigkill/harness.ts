// The SIGKILL harness: kills a worker changing an archive at random moments, then checks that every
// change it acknowledged is there, that the archive opens cleanly, and what the kills left behind.
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Archive } from '../../../electron/core/archive';
import { isDurableTempFile } from '../../../electron/core/store/durable-json-file';
import { corpusRecords, locateCorpus } from '../corpus';
import { seededRandom } from '../random';
import { median, quantile, round, since, type Metric, type SuiteResult } from '../results';
import { checkJournal, OPERATIONS, parseJournal, type Operation } from './journal';

export interface SigkillOptions {
  repoRoot: string;
  /** Kills per operation. */
  cycles: number;
  seed: number;
  log: (line: string) => void;
}

interface OperationFigures {
  cycles: number;
  acknowledged: number;
  lost: string[];
  landedUnacknowledged: number;
  killedBeforeOpen: number;
  failedOpens: string[];
  problems: string[];
  tempFilesLeft: number;
  orphanOriginals: number;
  openMs: number[];
  firstAckMs: number[];
}

const worker = path.join(path.dirname(new URL(import.meta.url).pathname), 'worker.ts');

export async function runSigkillSuite(options: SigkillOptions): Promise<SuiteResult> {
  const started = performance.now();
  const random = seededRandom(options.seed);
  const work = await mkdtemp(path.join(os.tmpdir(), 'cairn-sigkill-'));
  try {
    const textsFile = path.join(work, 'texts');
    const texts = await sourceTexts(options.repoRoot);
    await writeFile(textsFile, texts.join('\u0000'));
    options.log(`  seed ${options.seed}, ${options.cycles} kills per operation, ${texts.length} source texts (${texts.length > 50 ? 'UN General Debate Corpus' : 'generated'})`);
    const metrics: Metric[] = [];
    let lostInAll = 0;
    for (const op of OPERATIONS) {
      const root = path.join(work, op);
      const archive = await Archive.create(root, { app: 'sigkill harness' });
      if (op !== 'import') await archive.importFiles(texts.slice(0, 300).map((text, i) => ({ name: `base-${i}.txt`, bytes: Buffer.from(`base ${i}\n\n${text}`) })));
      await archive.close();
      const figures = await killRepeatedly(root, op, textsFile, options, random);
      lostInAll += figures.lost.length + figures.failedOpens.length;
      for (const line of [...figures.lost, ...figures.failedOpens, ...figures.problems].slice(0, 10)) options.log(`  ${op}: ${line}`);
      metrics.push(...describe(op, figures));
    }
    return {
      suite: 'sigkill',
      status: lostInAll === 0 ? 'ok' : 'failed',
      reason: lostInAll === 0 ? undefined : `${lostInAll} acknowledged operations lost or archives unopenable (seed ${options.seed})`,
      seconds: round(since(started) / 1000),
      metrics,
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function killRepeatedly(root: string, op: Operation, textsFile: string, options: SigkillOptions, random: () => number): Promise<OperationFigures> {
  const f: OperationFigures = { cycles: 0, acknowledged: 0, lost: [], landedUnacknowledged: 0, killedBeforeOpen: 0, failedOpens: [], problems: [], tempFilesLeft: 0, orphanOriginals: 0, openMs: [], firstAckMs: [] };
  for (let cycle = 0; cycle < options.cycles; cycle++) {
    // A quarter of the kills land while the worker starts and opens the archive (lock, loading); the
    // rest are timed from its own OPEN line, so they land mid-write however loaded the machine is.
    const openGuess = f.openMs.length ? median(f.openMs) : 1500;
    const kill: KillAt = random() < 0.25 ? { beforeOpenMs: openGuess * random() } : { afterOpenMs: 400 * random() };
    const run = await runAndKill(root, op, textsFile, Math.floor(random() * 1e9), kill);
    f.cycles++;
    if (run.openMs === null) f.killedBeforeOpen++;
    else f.openMs.push(run.openMs);
    if (run.firstAckMs !== null) f.firstAckMs.push(run.firstAckMs);
    f.tempFilesLeft += await countTempFiles(root);
    let archive: Archive;
    try {
      archive = await Archive.open(root, { app: 'sigkill harness' });
    } catch (e) {
      f.failedOpens.push(`cycle ${cycle}: the archive did not open after the kill: ${(e as Error).message}`);
      continue;
    }
    try {
      const journal = parseJournal(run.output);
      const checked = checkJournal(archive, journal);
      f.acknowledged += checked.acknowledged;
      f.lost.push(...checked.lost.map((l) => `cycle ${cycle}: lost ${l}`));
      f.landedUnacknowledged += checked.landedUnacknowledged;
      f.problems.push(...archive.info().problems.map((p) => `cycle ${cycle}: ${p.file}: ${p.message}`));
      f.orphanOriginals = await countOrphanOriginals(archive);
    } finally {
      await archive.close();
    }
  }
  return f;
}

interface Run {
  output: string;
  openMs: number | null;
  firstAckMs: number | null;
}

type KillAt = { beforeOpenMs: number } | { afterOpenMs: number };

function runAndKill(root: string, op: Operation, textsFile: string, seed: number, kill: KillAt): Promise<Run> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', worker, root, op, String(seed), textsFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let errors = '';
    const run: Run = { output: '', openMs: null, firstAckMs: null };
    // Killed anyway if it never says OPEN (e.g. it waits for a lock).
    let timer = setTimeout(() => child.kill('SIGKILL'), 'beforeOpenMs' in kill ? kill.beforeOpenMs : 30_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (run.openMs === null && output.includes('OPEN\n')) {
        run.openMs = since(start);
        if ('afterOpenMs' in kill) {
          clearTimeout(timer);
          timer = setTimeout(() => child.kill('SIGKILL'), kill.afterOpenMs);
        }
      }
      if (run.firstAckMs === null && output.includes('\nACK ')) run.firstAckMs = since(start);
    });
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL') return reject(new Error(`the worker ended by itself (code ${code}) instead of being killed:\n${errors.slice(-2000)}`));
      resolve({ ...run, output });
    });
  });
}

async function sourceTexts(repoRoot: string): Promise<string[]> {
  const corpus = await locateCorpus(repoRoot);
  if (!corpus.ok) return Array.from({ length: 40 }, (_, i) => `Generated field report ${i}. `.repeat(150));
  const texts: string[] = [];
  for await (const r of corpusRecords(corpus.textDir)) {
    texts.push(r.text);
    if (texts.length >= 600) break;
  }
  return texts;
}

async function countTempFiles(root: string): Promise<number> {
  let n = 0;
  const walk = async (dir: string): Promise<void> => {
    for (const e of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      if (e.isDirectory()) await walk(path.join(dir, e.name));
      else if (isDurableTempFile(e.name)) n++;
    }
  };
  await walk(root);
  return n;
}

async function countOrphanOriginals(archive: Archive): Promise<number> {
  const referenced = new Set(archive.list().items.map((s) => archive.get(s.id).source?.sha256));
  let n = 0;
  const dir = path.join(archive.root, 'originals');
  for (const shard of await readdir(dir).catch(() => [] as string[])) {
    for (const f of await readdir(path.join(dir, shard)).catch(() => [] as string[])) if (!isDurableTempFile(f) && !referenced.has(f)) n++;
  }
  return n;
}

function describe(op: Operation, f: OperationFigures): Metric[] {
  return [
    { name: `${op}: kills`, value: f.cycles, unit: '', note: `${f.killedBeforeOpen} before the archive was open` },
    { name: `${op}: acknowledged operations`, value: f.acknowledged, unit: '', note: `${f.landedUnacknowledged} more landed unacknowledged (in flight at the kill)` },
    { name: `${op}: acknowledged operations lost`, value: f.lost.length, unit: '', note: 'must be 0' },
    { name: `${op}: archives that did not open after a kill`, value: f.failedOpens.length, unit: '', note: 'must be 0' },
    { name: `${op}: problems reported on reopening`, value: f.problems.length, unit: '' },
    { name: `${op}: temp files left by kills`, value: f.tempFilesLeft, unit: '', note: 'each removed at the next writable open' },
    { name: `${op}: orphan originals at the end`, value: f.orphanOriginals, unit: '', note: 'originals no record refers to' },
    { name: `${op}: spawn to archive open`, value: round(median(f.openMs)), unit: 'ms', note: `p95 ${round(quantile(f.openMs, 0.95))} ms` },
    { name: `${op}: spawn to first acknowledgement`, value: round(median(f.firstAckMs)), unit: 'ms', note: `p95 ${round(quantile(f.firstAckMs, 0.95))} ms` },
  ];
}
