// Suite "export-100k": every export format of 100,000 records. Importing 100,000 corpus parts
// through the core takes 10–20 minutes on these machines, and the export does not care how its
// records came in, so the archive is made from the archive-20k suite's (run that first): each of
// its 20,000 record files is written five times under new ids (titles marked "copy N"), sharing
// its originals (hard links). Then the archive is opened read-only, as `cairn export` opens it,
// and measured through the same job every door starts.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { Archive } from '../../electron/core/archive';
import { layout } from '../../electron/core/store/archive-folder';
import { BENCH_CACHE } from './corpus';
import { measureExports } from './export';
import { round, since, timed, type SuiteResult } from './results';

const COPIES = 5;
const exec = promisify(execFile);

export async function runExport100kSuite(options: { log: (line: string) => void }): Promise<SuiteResult> {
  const started = performance.now();
  const source = path.join(BENCH_CACHE, 'archive-20k');
  if (!existsSync(path.join(source, 'cairn-archive.json'))) {
    return { suite: 'export-100k', status: 'skipped', reason: 'needs the archive-20k suite’s archive: run `npm run bench -- --suite archive-20k` first', seconds: 0, metrics: [] };
  }
  const dir = path.join(BENCH_CACHE, 'archive-100k-copies');
  const built = await timed(() => makeCopies(source, dir, options.log));
  const opened = await timed(() => Archive.open(dir, { app: 'Cairn bench', readOnly: true }));
  const archive = opened.value;
  try {
    options.log(`export-100k: ${archive.size.toLocaleString('en-US')} records opened in ${round(opened.ms / 1000, 1)} s`);
    const metrics = await measureExports(archive, (globalThis as { gc?: () => void }).gc ?? (() => undefined));
    return {
      suite: 'export-100k',
      status: 'ok',
      seconds: round(since(started) / 1000),
      metrics: [
        { name: 'records', value: archive.size, unit: '', note: `the archive-20k records, each ${COPIES} times under new ids; made in ${round(built.ms / 1000, 1)} s` },
        { name: 'open (read-only)', value: round(opened.ms / 1000, 2), unit: 's', note: 'reads every record file' },
        ...metrics,
      ],
    };
  } finally {
    await archive.close();
  }
}

export async function makeCopies(source: string, dir: string, log: (line: string) => void): Promise<void> {
  if (existsSync(path.join(dir, 'cairn-archive.json'))) return;
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await cp(path.join(source, 'cairn-archive.json'), path.join(dir, 'cairn-archive.json'));
  // The originals are shared: hard links, not copies.
  await exec('cp', ['-al', path.join(source, 'originals'), path.join(dir, 'originals')]);
  let written = 0;
  for (const shard of await readdir(path.join(source, 'records'))) {
    for (const name of await readdir(path.join(source, 'records', shard))) {
      const record = JSON.parse(await readFile(path.join(source, 'records', shard, name), 'utf8')) as { id: string; title: string };
      for (let copy = 1; copy <= COPIES; copy++) {
        const hex = createHash('sha256').update(`${record.id}/${copy}`).digest('hex');
        const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
        const file = layout.record(dir, id);
        await mkdir(path.dirname(file), { recursive: true });
        await writeFile(file, JSON.stringify({ ...record, id, title: `${record.title} (copy ${copy})` }, null, 2));
        if (++written % 20_000 === 0) log(`export-100k: ${written.toLocaleString('en-US')} records written`);
      }
    }
  }
}
