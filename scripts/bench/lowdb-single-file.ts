// The layout the design notes warn about, measured for comparison: every record in one lowdb JSON
// file (new Low(new JSONFile(file)) from lowdb/node), so saving one edit rewrites the archive.
import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { CairnRecord } from '../../electron/contract';
import { BENCH_CACHE } from './corpus';
import { mb, median, round, timed, type Metric } from './results';

const WRITES = 5;

export async function measureSingleFileTrap(records: CairnRecord[], archiveDir: string): Promise<Metric[]> {
  const file = path.join(BENCH_CACHE, `single-file-${path.basename(archiveDir)}-${process.pid}.json`);
  try {
    const db = new Low<{ records: CairnRecord[] }>(new JSONFile(file), { records: [] });
    db.data = { records: records.map((r) => ({ ...r })) };
    const first = await timed(() => db.write());
    const size = (await stat(file)).size;
    const writeMs: number[] = [];
    for (let i = 0; i < WRITES; i++) {
      const record = db.data.records[(i * 7919) % db.data.records.length]!;
      record.title = `${record.title} [edit ${i}]`;
      writeMs.push((await timed(() => db.write())).ms);
    }
    const reader = new Low<{ records: CairnRecord[] }>(new JSONFile(file), { records: [] });
    const read = await timed(() => reader.read());
    return [
      { name: 'single lowdb file: size', value: mb(size), unit: 'MB', note: `${records.length} records in one JSON file (first write ${round(first.ms / 1000, 2)} s)` },
      {
        name: 'single lowdb file: save one edit',
        value: round(median(writeMs), 0),
        unit: 'ms',
        note: `median of ${WRITES} write() calls after changing one title (no fsync; max ${round(Math.max(...writeMs), 0)} ms)`,
      },
      { name: 'single lowdb file: bytes per edit', value: size, unit: 'B', note: 'the whole archive, every time' },
      { name: 'single lowdb file: read()', value: round(read.ms / 1000, 2), unit: 's', note: 'parse the whole file (without a search index)' },
    ];
  } finally {
    await rm(file, { force: true });
  }
}
