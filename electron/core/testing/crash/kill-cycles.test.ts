// Crash safety under process death: the mixed workload is killed with SIGKILL at random moments,
// 200 times (CAIRN_CRASH_CYCLES changes it), and after every kill the archive must open with every
// acknowledged change, no half-written file, a search snapshot never damaged, and search agreeing
// with the store. `npm run bench -- --suite sigkill` runs the same harness for thousands of cycles
// on corpus texts.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSampleFiles, useTempFolders } from '../fixtures';
import { bundleKillWorker, createCrashArchive, emptyFigures, failuresOf, runKillCycles, writeTextsFile } from './kill-cycles';
import { CRASH_OPERATIONS } from './workload';

const tempFolder = useTempFolders();
const CYCLES = Number(process.env.CAIRN_CRASH_CYCLES ?? 200);

describe('the SIGKILL harness', () => {
  it(`loses no acknowledged change in ${CYCLES} kills at random moments of a mixed workload`, { timeout: 15 * 60_000 }, async () => {
    const work = await tempFolder('cairn-crash-');
    const texts = (await readSampleFiles()).map((f) => f.bytes.toString('utf8'));
    const worker = await bundleKillWorker(work);
    const textsFile = await writeTextsFile(path.join(work, 'texts'), texts);
    const seed = Number(process.env.CAIRN_CRASH_SEED ?? Math.floor(Math.random() * 1e9));

    // Two archives killed side by side, one per core.
    const figures = emptyFigures();
    await Promise.all(
      ['first', 'second'].map(async (name, lane) => {
        const root = path.join(work, name);
        await createCrashArchive(root, Array.from({ length: 40 }, (_, i) => ({ name: `base-${i}.txt`, bytes: Buffer.from(`Base record ${i}\n\n${texts[i % texts.length]}`) })));
        await runKillCycles({ root, name, cycles: Math.ceil(CYCLES / 2), seed: seed + lane, worker, textsFile }, figures);
      }),
    );

    const summary = `seed ${seed}: ${figures.cycles} kills, ${figures.acknowledged} acknowledged changes ${JSON.stringify(figures.acknowledgedByKind)}, ${figures.landedUnacknowledged} landed unacknowledged, ${figures.tempFilesLeft} temp files left, search snapshot loaded ${figures.snapshotsLoaded} times (none yet: ${figures.snapshotsMissing}), ${figures.snapshotWritesCut} of its writes cut by the kill`;
    console.log(summary);
    expect(failuresOf(figures), summary).toEqual([]);
    // The harness must have exercised what it claims: kills mid-start and mid-change, and every kind of change.
    expect(figures.killedBeforeOpen).toBeGreaterThan(0);
    expect(figures.acknowledged).toBeGreaterThan(CYCLES);
    for (const op of CRASH_OPERATIONS) expect(figures.acknowledgedByKind[op] ?? 0, `${op} acknowledged`).toBeGreaterThan(0);
    // …and reopenings that loaded a search snapshot the kills had left (and brought it up to date).
    expect(figures.snapshotsLoaded, summary).toBeGreaterThan(CYCLES / 4);
  });
});
