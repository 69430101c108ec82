// The SIGKILL suite: the crash harness of electron/core/testing/crash (the one CI runs 200 kills of)
// run for as many kills as asked, on corpus texts, on two archives side by side. It reports kills,
// acknowledged changes and lost ones; the only acceptable number of lost ones is 0.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { bundleKillWorker, createCrashArchive, emptyFigures, failuresOf, runKillCycles, writeTextsFile, type KillFigures } from '../../electron/core/testing/crash/kill-cycles';
import { corpusRecords, locateCorpus } from './corpus';
import { splitIntoRecords } from './split-speech';
import { median, quantile, round, since, type Metric, type SuiteResult } from './results';

export interface SigkillOptions {
  repoRoot: string;
  /** Kills in all. */
  cycles: number;
  seed: number;
  log: (line: string) => void;
}

const LANES = ['first', 'second'];
/**
 * Kills on one archive before the lane starts again on a fresh one. Each kill adds about two records
 * and a backup, and reopening and checking the archive after each kill grows with it: late in a
 * round of 500 (archives of 1,100 records) the two lanes managed 0.28 kills a second on 2 cores.
 */
const ROUND = 100;
/** How often the run says how far it has come (a run stopped early still leaves its figures so far). */
const PROGRESS_EVERY = 250;

export async function runSigkillSuite(options: SigkillOptions): Promise<SuiteResult> {
  const started = performance.now();
  const work = await mkdtemp(path.join(os.tmpdir(), 'cairn-sigkill-'));
  try {
    const texts = await sourceTexts(options.repoRoot);
    const textsFile = await writeTextsFile(path.join(work, 'texts'), texts);
    const worker = await bundleKillWorker(work);
    options.log(`  seed ${options.seed}, ${options.cycles} kills on ${LANES.length} archives side by side, ${texts.length} source texts (${texts.length > 50 ? 'UN General Debate Corpus, cut into records of about 4 KB' : 'generated'})`);
    const figures = emptyFigures();
    let reported = 0;
    const progress = (_: number, f: KillFigures) => {
      if (f.cycles - reported < PROGRESS_EVERY) return;
      reported = f.cycles;
      options.log(`  ${f.cycles} kills, ${f.acknowledged} acknowledged, ${f.lost.length} lost, ${failuresOf(f).length} failures, ${round(since(started) / 60000)} min`);
    };
    await Promise.all(
      LANES.map(async (name, lane) => {
        const cycles = Math.floor(options.cycles / LANES.length) + (lane < options.cycles % LANES.length ? 1 : 0);
        // A fresh archive every ROUND kills: each cycle adds records, backups and history, and an
        // archive grown by 5,000 cycles would make the reopening and checks, not the kills, take the
        // time (the kills are what is measured; the archive's size is the archive-20k suite's job).
        for (let round = 0, done = 0; done < cycles; round++) {
          const root = path.join(work, `${name}-${round}`);
          const n = Math.min(ROUND, cycles - done);
          await createCrashArchive(root, texts.slice(0, 300).map((text, i) => ({ name: `base-${i}.txt`, bytes: Buffer.from(`base ${i}\n\n${text}`) })));
          await runKillCycles({ root, name: `${name} round ${round + 1}`, cycles: n, seed: options.seed + lane + 1000 * round, worker, textsFile, onCycle: progress }, figures);
          await rm(root, { recursive: true, force: true });
          done += n;
        }
      }),
    );
    const failures = failuresOf(figures);
    for (const line of failures.slice(0, 20)) options.log(`  ${line}`);
    return {
      suite: 'sigkill',
      status: failures.length === 0 ? 'ok' : 'failed',
      reason: failures.length === 0 ? undefined : `${failures.length} failures: lost changes, unopenable archives, damaged files, damaged search snapshots or search misses (seed ${options.seed})`,
      seconds: round(since(started) / 1000),
      metrics: describe(figures),
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function sourceTexts(repoRoot: string): Promise<string[]> {
  const corpus = await locateCorpus(repoRoot);
  if (!corpus.ok) return Array.from({ length: 40 }, (_, i) => `Generated field report ${i}. `.repeat(150));
  const texts: string[] = [];
  // Cut into records of about 4 KB, as the 20,000-record bench archive is: each reopening builds the
  // search index, and whole speeches would make the checks, not the kills, take the time.
  for await (const r of corpusRecords(corpus.textDir)) {
    texts.push(...splitIntoRecords(r.text));
    if (texts.length >= 600) break;
  }
  return texts;
}

function describe(f: KillFigures): Metric[] {
  const kinds = Object.entries(f.acknowledgedByKind).sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `${k} ${n}`).join(', ');
  return [
    { name: 'kills (SIGKILL at random moments)', value: f.cycles, unit: '', note: `${f.killedBeforeOpen} while the worker was opening the archive` },
    { name: 'acknowledged changes', value: f.acknowledged, unit: '', note: kinds },
    { name: 'acknowledged changes lost', value: f.lost.length, unit: '', note: 'must be 0' },
    { name: 'archives that did not open after a kill', value: f.failedOpens.length, unit: '', note: 'must be 0' },
    { name: 'half-written files after a kill', value: f.halfWritten.length, unit: '', note: 'must be 0' },
    { name: 'problems reported on reopening', value: f.problems.length, unit: '', note: 'must be 0' },
    { name: 'searches that disagreed with the store after reopening', value: f.searchMisses.length, unit: '', note: 'imports by their marker, tags by their value; must be 0' },
    { name: 'search snapshots damaged by a kill', value: f.snapshotsDamaged.length, unit: '', note: `must be 0; ${f.snapshotWritesCut} kills landed while it was being written` },
    { name: 'reopenings that loaded the search snapshot', value: f.snapshotsLoaded, unit: '', note: `and brought it up to date; ${f.snapshotsMissing} found none yet and built the index` },
    { name: 'changes that landed unacknowledged', value: f.landedUnacknowledged, unit: '', note: 'in flight at the kill: fine' },
    { name: 'temp files left by kills', value: f.tempFilesLeft, unit: '', note: 'each removed at the next writable open' },
    { name: 'spawn to archive open', value: round(median(f.openMs)), unit: 'ms', note: `p95 ${round(quantile(f.openMs, 0.95))} ms` },
    { name: 'reopening after a kill', value: round(median(f.reopenMs)), unit: 'ms', note: `p95 ${round(quantile(f.reopenMs, 0.95))} ms` },
  ];
}
