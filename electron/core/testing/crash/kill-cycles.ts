// The SIGKILL harness: a worker drives the mixed workload through the real core and is killed at
// random moments, again and again; after each kill the archive is opened and checked: it opens, no
// file is half-written, every acknowledged change is there, and search finds what the store holds.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdir, writeFile } from 'node:fs/promises';
import { isDurableTempFile } from '../../store/durable-json-file';
import path from 'node:path';
import { build } from 'esbuild';
import { Archive } from '../../archive';
import { inspectArchiveFiles } from './archive-file-check';
import { checkSearchSnapshot, SNAPSHOT_FILE } from '../../search/search-snapshot';
import { renderText } from '../../../common/i18n/text';
import { checkJournal, parseJournal } from './workload';
import { seededRandom } from '../random';

export interface KillCycleOptions {
  /** An archive (created beforehand, with records in it) the cycles keep changing. */
  root: string;
  cycles: number;
  seed: number;
  /** The bundled worker (bundleKillWorker). */
  worker: string;
  /** A file of texts separated by NUL that imports are made from. */
  textsFile: string;
  /** Kills land after up to this many acknowledged changes (default 25), then up to `killDelayMs` later. */
  maxAcks?: number;
  /** Default 40 ms: about one change, so that kills land in the middle of writing. */
  killDelayMs?: number;
  /** Names this run in what it reports, when several run side by side on one figures object. */
  name?: string;
  onCycle?: (cycle: number, figures: KillFigures) => void;
}

export interface KillFigures {
  cycles: number;
  killedBeforeOpen: number;
  acknowledged: number;
  /** Acknowledged changes of each kind (import, tag, annotate, bulk, undo, backup…). */
  acknowledgedByKind: Record<string, number>;
  /** Acknowledged changes missing after a kill: must be none. */
  lost: string[];
  landedUnacknowledged: number;
  /** Reopenings that failed: must be none. */
  failedOpens: string[];
  /** Problems the reopened archive reported (damaged files): must be none. */
  problems: string[];
  /** Files that did not parse or did not match their content address: must be none. */
  halfWritten: string[];
  /** Acknowledged imports and tags that search did not find after reopening, or found where the store has none: must be none. */
  searchMisses: string[];
  /** Search snapshots a kill left damaged: must be none (each is written whole or not at all). */
  snapshotsDamaged: string[];
  /** Reopenings that found a snapshot and brought it up to date, and those that found none and built the index. */
  snapshotsLoaded: number;
  snapshotsMissing: number;
  /** Kills that landed while the search snapshot was being written (its temp file was left). */
  snapshotWritesCut: number;
  /** Temp files the kills left (each removed at the next writable open). */
  tempFilesLeft: number;
  /** GO to the worker's OPEN line (it was started and loaded beforehand), per cycle that got that far. */
  openMs: number[];
  /** Reopening after the kill (takes over the lock, removes temp files, loads). */
  reopenMs: number[];
}

export const emptyFigures = (): KillFigures => ({
  cycles: 0, killedBeforeOpen: 0, acknowledged: 0, acknowledgedByKind: {}, lost: [], landedUnacknowledged: 0, failedOpens: [], problems: [], halfWritten: [], searchMisses: [], snapshotsDamaged: [], snapshotsLoaded: 0, snapshotsMissing: 0, snapshotWritesCut: 0, tempFilesLeft: 0, openMs: [], reopenMs: [],
});

/** Everything that must be zero for the run to pass, as sentences (empty when it passed). */
export function failuresOf(f: KillFigures): string[] {
  return [...f.failedOpens, ...f.lost, ...f.problems, ...f.halfWritten, ...f.searchMisses, ...f.snapshotsDamaged];
}

/** Bundles the worker into one file, so that each cycle starts Node in a third of a second instead of compiling TypeScript. */
export async function bundleKillWorker(outDir: string): Promise<string> {
  const outfile = path.join(outDir, 'kill-worker.mjs');
  await build({
    entryPoints: [path.join(path.dirname(new URL(import.meta.url).pathname), 'kill-worker.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'warning',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  return outfile;
}

/** Writes the texts imports are made from into one file for the workers. */
export async function writeTextsFile(file: string, texts: readonly string[]): Promise<string> {
  await writeFile(file, texts.join('\u0000'));
  return file;
}

/**
 * Makes the archive the cycles change: the records, and the day's backup already taken (a worker
 * killed within 300 ms of opening would otherwise never finish it, and every worker would start it
 * again instead of changing anything; backups are still taken and killed by bulk changes and by the
 * workload's own backups).
 */
export async function createCrashArchive(root: string, files: { name: string; bytes: Buffer }[]): Promise<void> {
  const archive = await Archive.create(root, { app: 'crash harness' });
  await archive.importFiles(files, { entities: false });
  await archive.close();
  await (await Archive.open(root, { app: 'crash harness', autoBackup: true })).close();
}

export async function runKillCycles(options: KillCycleOptions, figures: KillFigures = emptyFigures()): Promise<KillFigures> {
  const random = seededRandom(options.seed);
  const whole = new Set<string>();
  // The next worker starts (Node, the bundle, the texts: a third of a second) while the harness
  // checks the kill before; it waits for GO before it touches the archive.
  let next = options.cycles > 0 ? startWorker(options, Math.floor(random() * 1e9)) : null;
  try {
    for (let cycle = 0; cycle < options.cycles; cycle++) {
      // A fifth of the kills land while the worker opens the archive (lock, temp files); the rest
      // after a random number of acknowledged changes and a random few milliseconds more, so that
      // they land anywhere in the stream of changes, in the middle of writing, however loaded the
      // machine is.
      const openGuess = figures.openMs.length ? [...figures.openMs].sort((a, b) => a - b)[figures.openMs.length >> 1]! : 100;
      const kill: KillAt = random() < 0.2 ? { beforeOpenMs: openGuess * random() } : { afterAcks: Math.floor(random() * ((options.maxAcks ?? 25) + 1)), delayMs: random() * (options.killDelayMs ?? 40) };
      const worker = next!;
      const run = await runAndKill(worker, kill);
      next = cycle + 1 < options.cycles ? startWorker(options, Math.floor(random() * 1e9)) : null;
      figures.cycles++;
      if (run.openMs === null) figures.killedBeforeOpen++;
      else figures.openMs.push(run.openMs);
      await checkAfterKill(options.root, run.output, options.name ? `${options.name} cycle ${cycle}` : `cycle ${cycle}`, figures, whole);
      options.onCycle?.(cycle, figures);
    }
  } finally {
    next?.child.kill('SIGKILL');
  }
  return figures;
}

async function checkAfterKill(root: string, output: string, cycle: string, figures: KillFigures, whole: Set<string>): Promise<void> {
  // What the kill left on disk, before anything tidies it.
  const files = await inspectArchiveFiles(root, whole);
  figures.tempFilesLeft += files.tempFiles;
  figures.halfWritten.push(...files.damaged.map((d) => `${cycle}: ${d}`));
  const searchDir = await readdir(path.join(root, 'search')).catch(() => [] as string[]);
  if (searchDir.some(isDurableTempFile)) figures.snapshotWritesCut++;
  const snapshot = await checkSearchSnapshot(root);
  if (snapshot) figures.snapshotsDamaged.push(`${cycle}: ${SNAPSHOT_FILE}: ${renderText(snapshot)}`);
  const started = performance.now();
  let archive: Archive;
  try {
    archive = await Archive.open(root, { app: 'crash harness' });
  } catch (e) {
    figures.failedOpens.push(`${cycle}: the archive did not open after the kill: ${(e as Error).message}`);
    return;
  }
  figures.reopenMs.push(performance.now() - started);
  try {
    figures.problems.push(...archive.info().problems.map((p) => `${cycle}: ${p.file}: ${p.message}`));
    const journal = parseJournal(output);
    const backups = new Set((await archive.backups()).map((b) => b.id));
    const checked = checkJournal(archive, journal, backups);
    figures.acknowledged += checked.acknowledged;
    for (const e of journal) if (e.phase === 'ACK') figures.acknowledgedByKind[e.op] = (figures.acknowledgedByKind[e.op] ?? 0) + 1;
    figures.landedUnacknowledged += checked.landedUnacknowledged;
    figures.lost.push(...checked.lost.map((l) => `${cycle}: lost ${l}`));
    // The search index: its snapshot loaded and brought up to date with the store (or built when
    // there is none). It must agree with the store: what was imported is found by its marker, and a
    // tag value finds exactly the records that hold the tag (none once undone).
    await archive.whenIndexed();
    const rebuild = archive.info().searchIndex.rebuild;
    if (rebuild?.why === 'damaged') figures.snapshotsDamaged.push(`${cycle}: ${rebuild.file}: ${rebuild.problem ? renderText(rebuild.problem) : ''}`);
    if (rebuild) figures.snapshotsMissing++;
    else figures.snapshotsLoaded++;
    for (const e of journal.filter((x) => x.phase === 'ACK' && x.op === 'import')) {
      const hits = archive.search(e.value, 5).hits;
      if (!hits.some((h) => archive.get(h.id).source?.fileName === e.name)) figures.searchMisses.push(`${cycle}: search did not find the import of ${e.name}`);
    }
    const tagged = new Set(journal.filter((x) => x.op === 'tag' || x.op === 'bulk').map((x) => x.value));
    const summaries = tagged.size ? archive.list().items : [];
    for (const value of tagged) {
      const found = archive.search(value, 10_000).hits.map((h) => h.id).sort();
      const holding = summaries.filter((s) => s.tags.includes(value)).map((s) => s.id).sort();
      if (found.join() !== holding.join()) figures.searchMisses.push(`${cycle}: search for the tag ${value} found ${found.length} records, the store has it on ${holding.length}`);
    }
  } finally {
    await archive.close();
  }
}

interface Run {
  output: string;
  openMs: number | null;
}

type KillAt = { beforeOpenMs: number } | { afterAcks: number; delayMs: number };

interface Worker {
  child: ChildProcess;
  /** Resolves once the worker has loaded and waits for GO. */
  ready: Promise<void>;
  /** What it printed after READY. */
  output: () => string;
  errors: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startWorker(options: KillCycleOptions, seed: number): Worker {
  const child = spawn(process.execPath, [options.worker, options.root, String(seed), options.textsFile], { stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  let errors = '';
  let onReady!: () => void;
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  child.stdout!.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    if (output.startsWith('READY\n')) {
      output = output.slice('READY\n'.length);
      onReady();
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  // A worker killed before it read GO must not fail the harness on a closed pipe.
  child.stdin!.on('error', () => undefined);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  return { child, ready, output: () => output, errors: () => errors, exited };
}

async function runAndKill(worker: Worker, kill: KillAt): Promise<Run> {
  const ended = worker.exited.then(({ code }) => {
    throw new Error(`the worker ended before it was told to start (code ${code}):\n${worker.errors().slice(-3000)}`);
  });
  await Promise.race([worker.ready, ended]);
  ended.catch(() => undefined);
  const { child } = worker;
  return new Promise((resolve, reject) => {
    const start = performance.now();
    let openMs: number | null = null;
    // Killed anyway if it never says OPEN (e.g. it waits for a lock).
    let timer = setTimeout(() => child.kill('SIGKILL'), 'beforeOpenMs' in kill ? kill.beforeOpenMs : 30_000);
    let armed = false;
    const watch = () => {
      const output = worker.output();
      if (openMs === null && output.startsWith('OPEN\n')) openMs = performance.now() - start;
      if (openMs !== null && !armed && 'afterAcks' in kill && (output.match(/^ACK /gm)?.length ?? 0) >= kill.afterAcks) {
        armed = true;
        clearTimeout(timer);
        timer = setTimeout(() => child.kill('SIGKILL'), kill.delayMs);
      }
    };
    child.stdout!.on('data', watch);
    void worker.exited.then(({ code, signal }) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL') return reject(new Error(`the worker ended by itself (code ${code}) instead of being killed:\n${worker.errors().slice(-3000)}`));
      resolve({ output: worker.output(), openMs });
    }, reject);
    child.stdin!.write('GO\n');
  });
}
