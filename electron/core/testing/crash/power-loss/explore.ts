// Cuts a recording at every point, builds what a power cut there could leave on disk, and opens each
// such disk with the real core: it must open, report nothing damaged, and hold every change the
// workload had been told was saved before the cut.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { Archive } from '../../../archive';
import { renderText } from '../../../../common/i18n/text';
import { checkJournal, parseJournal } from '../workload';
import { crashState, durableAt, filesOf, fingerprint, materialize, type Outcome } from './crash-states';
import type { Recording, WriteOp } from './write-recorder';

export interface ExploreOptions {
  /** Where the crash states are written out, one at a time. */
  work: string;
  random: () => number;
  /** Cut points at which, besides "only what fsync made durable", a random part of the rest lands (some writes torn). */
  randomCuts: number;
}

export interface ExploreFigures {
  operations: number;
  fsyncs: number;
  /** Crash states built and, of those, the distinct ones opened. */
  states: number;
  distinct: number;
  acknowledgedChecked: number;
  /** Crash states that opened with a whole search snapshot (the others had none yet). */
  snapshotsLoaded: number;
  failedOpens: string[];
  lost: string[];
  problems: string[];
}

export async function exploreCrashStates(recording: Recording, options: ExploreOptions): Promise<ExploreFigures> {
  const durable = durableAt(recording.ops);
  const figures: ExploreFigures = { operations: recording.ops.length, fsyncs: recording.ops.filter((o) => o.t === 'fsync').length, states: 0, distinct: 0, acknowledgedChecked: 0, snapshotsLoaded: 0, failedOpens: [], lost: [], problems: [] };
  const seen = new Set<string>();
  const tryState = async (cut: number, outcome: (i: number, op: WriteOp) => Outcome, label: string) => {
    figures.states++;
    const state = crashState(recording, durable, cut, outcome);
    const files = filesOf(state);
    const key = fingerprint(files) + '\0' + state.said.filter((l) => l.startsWith('ACK')).length;
    if (seen.has(key)) return;
    seen.add(key);
    figures.distinct++;
    const dir = path.join(options.work, 'state');
    await rm(dir, { recursive: true, force: true });
    await materialize(files, dir);
    const where = `${label} cut at operation ${cut} of ${recording.ops.length}`;
    let archive: Archive;
    try {
      archive = await Archive.open(dir, { app: 'power-loss check' });
    } catch (e) {
      figures.failedOpens.push(`${where}: ${(e as Error).message}`);
      return;
    }
    try {
      figures.problems.push(...archive.info().problems.map((p) => `${where}: ${p.file}: ${p.message}`));
      // The search snapshot is written whole or not at all: loaded, or rebuilt because there is none yet.
      await archive.whenIndexed();
      const rebuild = archive.info().searchIndex.rebuild;
      if (rebuild?.why === 'damaged') figures.problems.push(`${where}: ${rebuild.file}: ${rebuild.problem ? renderText(rebuild.problem) : ''}`);
      else if (!rebuild) figures.snapshotsLoaded++;
      const check = checkJournal(archive, parseJournal(state.said.join('\n') + '\n'), new Set((await archive.backups()).map((b) => b.id)));
      figures.acknowledgedChecked += check.acknowledged;
      figures.lost.push(...check.lost.map((l) => `${where}: lost ${l}`));
    } finally {
      await archive.close();
    }
  };
  // Only what fsync made durable: the worst a power cut can do without tearing anything.
  for (let cut = 0; cut <= recording.ops.length; cut++) await tryState(cut, () => 'none', 'only fsynced writes,');
  // A random part of what was not yet durable lands too, some writes torn part-way.
  for (let n = 0; n < options.randomCuts; n++) {
    const cut = Math.floor(options.random() * (recording.ops.length + 1));
    const chosen = new Map<number, Outcome>();
    const outcome = (i: number, op: WriteOp): Outcome => {
      let o = chosen.get(i);
      if (!o) {
        const r = options.random();
        o = r < 0.45 ? 'all' : r < 0.8 || op.t !== 'write' ? 'none' : { bytes: Math.floor(options.random() * op.data.length) };
        chosen.set(i, o);
      }
      return o;
    };
    await tryState(cut, outcome, 'a random part of the unsynced writes,');
  }
  return figures;
}
