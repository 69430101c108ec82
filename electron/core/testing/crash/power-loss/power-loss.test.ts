// Power loss, not only process death: the core's writes during a mixed workload are recorded, then
// replayed cut at every point as a power cut could leave the disk (only what fsync made durable; or
// that plus a random part of the rest, some writes torn). Every such disk must open with every
// acknowledged change and nothing reported damaged. This proves the write protocol (what is fsynced
// before what) against POSIX's durability rules; it does not prove that a given disk honours fsync.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Archive } from '../../../archive';
import { readSampleFiles, useTempFolders } from '../../fixtures';
import { seededRandom } from '../../random';
import { runWorkload } from '../workload';
import { crashState, durableAt, filesOf } from './crash-states';
import { exploreCrashStates } from './explore';
import { recordWrites, type Recording } from './write-recorder';

const tempFolder = useTempFolders();

async function recordWorkload(changes: number, seed: number): Promise<{ root: string; recording: Recording; work: string }> {
  const work = await tempFolder('cairn-power-');
  const root = path.join(work, 'archive');
  const texts = (await readSampleFiles()).map((f) => f.bytes.toString('utf8'));
  const base = await Archive.create(root, { app: 'power-loss test' });
  await base.importFiles(texts.slice(0, 3).map((t, i) => ({ name: `base-${i}.txt`, bytes: Buffer.from(`Base ${i}\n\n${t}`) })), { entities: false });
  await base.close();
  const recorder = await recordWrites(root);
  try {
    // Opening is recorded too: the lock, the day's backup.
    // The search index ready and saved as soon as it drifts, so that its snapshot's writes are cut too.
    const archive = await Archive.open(root, { app: 'power-loss test', autoBackup: true, person: 'Recorder', searchSaveDelayMs: 0 });
    await archive.whenIndexed();
    await archive.createBackup('manual');
    await runWorkload(archive, { random: seededRandom(seed), prefix: `p${seed}`, texts, say: recorder.say, limit: changes, weights: { backup: 1, bulk: 2 } });
    await archive.close();
  } catch (e) {
    recorder.stop();
    throw e;
  }
  return { root, recording: recorder.stop(), work };
}

async function folderFiles(root: string): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  const walk = async (dir: string, prefix: string) => {
    for (const e of (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.isDirectory()) {
        out.set(`${prefix}${e.name}/`, null);
        await walk(path.join(dir, e.name), `${prefix}${e.name}/`);
      } else out.set(prefix + e.name, (await readFile(path.join(dir, e.name))).toString('base64'));
    }
  };
  await walk(root, '');
  return out;
}

describe('power loss', () => {
  it('records every write the core makes: replaying all of them gives the folder exactly as it is', async () => {
    const { root, recording } = await recordWorkload(25, 11);
    const all = filesOf(crashState(recording, durableAt(recording.ops), recording.ops.length, () => 'all'));
    const real = await folderFiles(root);
    const differing = [...new Set([...all.keys(), ...real.keys()])].filter((p) => (all.get(p)?.toString('base64') ?? (all.has(p) ? null : undefined)) !== real.get(p));
    expect(differing).toEqual([]);
    expect(recording.ops.filter((o) => o.t === 'fsync').length).toBeGreaterThan(50);
  });

  it('loses no acknowledged change and damages nothing when the power is cut at any point of a mixed workload', { timeout: 10 * 60_000 }, async () => {
    const seed = Number(process.env.CAIRN_CRASH_SEED ?? 5);
    const { recording, work } = await recordWorkload(25, seed);
    const figures = await exploreCrashStates(recording, { work, random: seededRandom(seed), randomCuts: 300 });
    console.log(`power loss, seed ${seed}: ${figures.operations} recorded operations (${figures.fsyncs} fsyncs), ${figures.states} crash states, ${figures.distinct} distinct ones opened, ${figures.acknowledgedChecked} acknowledged changes checked, ${figures.snapshotsLoaded} with a whole search snapshot loaded`);
    expect([...figures.failedOpens, ...figures.lost, ...figures.problems].slice(0, 30)).toEqual([]);
    expect(figures.acknowledgedChecked).toBeGreaterThan(100);
    expect(figures.snapshotsLoaded).toBeGreaterThan(figures.distinct / 2);
  });
});
