// Suite "change-log": the change log on a real 20,000-record archive (a copy of the one the
// archive-20k suite builds): the cost of each fsynced edit with its log entries, the log's size
// after many edits, opening the history of a record with 1,000 changes, undo and redo latency, and
// opening an archive whose journal holds every one of those operations.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Archive } from '../../electron/core/archive';
import { ChangeLog, changesLayout } from '../../electron/core/changes/change-log';
import { layout } from '../../electron/core/store/archive-folder';
import { BENCH_CACHE } from './corpus';
import { diskUsage } from './disk-usage';
import { seededRandom } from '../../electron/core/testing/random';
import { mb, median, quantile, round, since, timed, type Metric, type SuiteResult } from './results';

const exec = promisify(execFile);
const APP = 'Cairn bench (change log)';
const HOT_CHANGES = 1_000;

export interface ChangeLogSuiteOptions {
  /** Edits spread over random records (the log's size is reported after them). */
  edits: number;
  log: (line: string) => void;
}

const stats = (xs: number[]) => `median ${round(median(xs), 2)}, p95 ${round(quantile(xs, 0.95), 2)}, max ${round(Math.max(...xs), 2)} ms`;

export async function runChangeLogSuite(options: ChangeLogSuiteOptions): Promise<SuiteResult> {
  const suite = 'change-log';
  const started = performance.now();
  const source = path.join(BENCH_CACHE, 'archive-20k');
  if (!existsSync(layout.manifest(source))) {
    return { suite, status: 'skipped', reason: 'run the archive-20k suite first: it builds the 20,000-record archive this suite copies', seconds: 0, metrics: [] };
  }
  const dir = path.join(BENCH_CACHE, 'change-log-20k');
  await rm(dir, { recursive: true, force: true });
  await exec('cp', ['-a', source, dir]);
  const metrics: Metric[] = [];
  try {
    let archive = await Archive.open(dir, { app: APP, person: 'Bench Archivist' });
    const ids = archive.list().items.map((s) => s.id);
    const random = seededRandom(7);
    metrics.push({ name: 'records', value: ids.length, unit: '' });

    // Edits spread over the archive, as a working day's would be: a field, a tag, a status.
    const editMs: number[] = [];
    const changes = [
      (i: number) => ({ place: `Place ${i}` }),
      (i: number) => ({ creator: `Delegation ${i % 193}` }),
      (i: number) => ({ addTags: [`topic-${i % 50}`] }),
      (i: number) => ({ status: (['new', 'in-review'] as const)[i % 2] }),
    ];
    for (let i = 0; i < options.edits; i++) {
      const id = ids[Math.floor(random() * ids.length)]!;
      const start = performance.now();
      await archive.update({ id, changes: changes[i % changes.length]!(i) });
      editMs.push(since(start));
      if ((i + 1) % 10_000 === 0) options.log(`${suite}: ${i + 1} edits`);
    }
    metrics.push({ name: 'save one edit with its log entries (median)', value: round(median(editMs), 2), unit: 'ms', note: `Archive.update, ${options.edits.toLocaleString('en-US')} edits on random records: ${stats(editMs)}; record file + log append + journal append, each fsynced` });

    // The log after those edits.
    const logs = await diskUsage(changesLayout.dir(dir));
    const journal = (await stat(changesLayout.journal(dir))).size;
    metrics.push({ name: `change log size after ${options.edits.toLocaleString('en-US')} edits`, value: mb(logs.apparent), unit: 'MB', note: `${mb(logs.allocated)} MB on disk; ${logs.files.toLocaleString('en-US')} files (one per record changed, plus the journal: ${mb(journal)} MB); ${round(logs.apparent / options.edits)} bytes per edit` });

    // Appending alone: one entry, fsynced, to a record's log and the journal.
    const scratch = await mkdtemp(path.join(os.tmpdir(), 'cairn-bench-log-'));
    const log = await ChangeLog.open(scratch, 'bench');
    const appendMs: number[] = [];
    for (let i = 0; i < 200; i++) {
      const start = performance.now();
      await log.write({ kind: 'edit', who: { name: 'Bench', replica: 'bench' } }, [{ id: `r${i % 20}`, rev: i + 1, drafts: [{ field: 'place', before: `a${i}`, after: `b${i}` }] }]);
      appendMs.push(since(start));
    }
    await rm(scratch, { recursive: true, force: true });
    metrics.push({ name: 'append one entry (median)', value: round(median(appendMs), 2), unit: 'ms', note: `ChangeLog.write alone, 200 times: ${stats(appendMs)} (the entry and its journal line, each fsynced)` });

    // A record with 1,000 changes: opening its history.
    const hot = ids[0]!;
    for (let i = 0; i < HOT_CHANGES; i++) await archive.update({ id: hot, changes: { description: `Draft ${i} of the description, a sentence or two long as archivists write them.` } });
    const historyMs: number[] = [];
    let entries = 0;
    for (let i = 0; i < 10; i++) {
      const read = await timed(() => archive.history(hot));
      historyMs.push(read.ms);
      entries = read.value.entries.length;
    }
    metrics.push({ name: `open the history of a record with ${HOT_CHANGES.toLocaleString('en-US')} changes (median)`, value: round(median(historyMs), 1), unit: 'ms', note: `Archive.history: ${entries} entries read and checked; ${stats(historyMs)}` });
    await archive.close();

    // Opening with the whole journal on disk, then undo and redo (the first reads the journal).
    const reopened = await timed(() => Archive.open(dir, { app: APP, person: 'Bench Archivist' }));
    archive = reopened.value;
    metrics.push({ name: 'Archive.open with that journal', value: round(reopened.ms / 1000, 2), unit: 's', note: 'reads only the journal’s tail (for the clock); compare archive-20k’s open' });
    const first = await timed(() => archive.undo());
    metrics.push({ name: 'first undo after open', value: round(first.ms, 1), unit: 'ms', note: `reads the whole journal (${mb(journal)} MB+) to find the last operation not undone` });
    const undoMs: number[] = [];
    const redoMs: number[] = [];
    for (let i = 0; i < 20; i++) undoMs.push((await timed(() => archive.undo())).ms);
    for (let i = 0; i < 20; i++) redoMs.push((await timed(() => archive.redo())).ms);
    metrics.push({ name: 'undo (median)', value: round(median(undoMs), 2), unit: 'ms', note: `20 undos in a row: ${stats(undoMs)}` });
    metrics.push({ name: 'redo (median)', value: round(median(redoMs), 2), unit: 'ms', note: `20 redos: ${stats(redoMs)}` });
    await archive.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return { suite, status: 'ok', seconds: round(since(started) / 1000), metrics };
}
