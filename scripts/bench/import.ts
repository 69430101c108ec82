// Suite "import": throughput of the import on real documents. 2,000 whole speeches from the corpus
// through Archive.importFiles (prepared in the worker thread, written and fsynced here), the cost of
// preparing one with and without entity extraction, and 20,000 files of ~4 KB through a whole
// `cairn import FOLDER` process (the built CLI), with its peak memory.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Archive } from '../../electron/core/archive';
import { prepareFile } from '../../electron/core/import/prepare-document';
import { extractEntities } from '../../electron/core/import/extract-entities';
import { sourceWorker, useImportWorker } from '../../electron/core/import/preparer';
import { corpusRecords, listSpeeches, locateCorpus } from './corpus';
import { mb, median, round, since, type Metric, type SuiteResult } from './results';

const SPEECHES = 2000;
const FILES = 20_000;

export async function runImportSuite(options: { repoRoot: string; files?: number; log: (line: string) => void }): Promise<SuiteResult> {
  const suite = 'import';
  const started = performance.now();
  const corpus = await locateCorpus(options.repoRoot);
  if (!corpus.ok) return { suite, status: 'skipped', reason: corpus.reason, seconds: 0, metrics: [] };
  const metrics: Metric[] = [];
  const work = await mkdtemp(path.join(os.tmpdir(), 'cairn-bench-import-'));
  try {
    // 2,000 whole speeches, in the core.
    const files = (await listSpeeches(corpus.textDir)).slice(0, SPEECHES);
    const docs = await Promise.all(files.map(async (f) => ({ name: path.basename(f), bytes: await readFile(f) })));
    const bytes = docs.reduce((n, d) => n + d.bytes.length, 0);
    options.log(`  ${docs.length} speeches, ${mb(bytes)} MB: preparing without and with entity extraction`);
    const plain: number[] = [];
    const extraction: number[] = [];
    for (const d of docs.slice(0, 500)) {
      const t = performance.now();
      const prepared = await prepareFile(d.name, d.bytes, new Date().toISOString());
      const whole = since(t);
      const e = performance.now();
      extractEntities(prepared.documents[0]!.record.text);
      const entities = since(e);
      extraction.push(entities);
      plain.push(whole - entities);
    }
    const perSecond = (ms: number[]) => round(1000 / median(ms), 0);
    metrics.push({ name: 'prepare a speech, without entity extraction', value: round(median(plain), 2), unit: 'ms median', note: `${perSecond(plain)} documents/s on one core (decode, normalise, title/date/place, language); 500 speeches of ${round(bytes / docs.length / 1024, 1)} KB on average` });
    metrics.push({ name: 'entity extraction of a speech', value: round(median(extraction), 2), unit: 'ms median', note: `${perSecond(extraction)} documents/s on one core; with it, preparing runs at ${perSecond(plain.map((p, i) => p + extraction[i]!))} documents/s` });

    options.log(`  importing ${docs.length} speeches through Archive.importFiles`);
    // As the doors do: files prepared in the worker thread (here the worker from source, through tsx).
    useImportWorker(sourceWorker());
    const archive = await Archive.create(path.join(work, 'speeches'), { app: 'Cairn bench', name: 'Speeches' });
    const rss0 = process.memoryUsage().rss;
    let peak = rss0;
    const t = performance.now();
    let imported = 0;
    for (let i = 0; i < docs.length; i += 200) {
      const report = await archive.importFiles(docs.slice(i, i + 200), { session: 'bench-speeches', first: i === 0, last: i + 200 >= docs.length });
      imported += report.imported.length;
      peak = Math.max(peak, process.memoryUsage().rss);
    }
    const seconds = since(t) / 1000;
    const entities = archive.entities().length;
    await archive.close();
    metrics.push({ name: `import ${docs.length} speeches (Archive.importFiles, with extraction)`, value: round(imported / seconds, 0), unit: 'documents/s', note: `${imported} in ${round(seconds, 1)} s (${round((bytes / seconds) / 1048576, 2)} MB/s), ${entities} entities proposed; each record, its log entry and original fsynced; this process's memory +${mb(peak - rss0)} MB` });

    // The same without entity extraction (`cairn import --no-entities`).
    options.log(`  importing ${docs.length} speeches without entity extraction`);
    const plainArchive = await Archive.create(path.join(work, 'speeches-plain'), { app: 'Cairn bench', name: 'Speeches' });
    const tp = performance.now();
    let plainImported = 0;
    for (let i = 0; i < docs.length; i += 200) {
      const report = await plainArchive.importFiles(docs.slice(i, i + 200), { session: 'bench-plain', first: i === 0, last: i + 200 >= docs.length, entities: false });
      plainImported += report.imported.length;
    }
    const plainSeconds = since(tp) / 1000;
    await plainArchive.close();
    metrics.push({ name: `import ${docs.length} speeches (Archive.importFiles, without entity extraction)`, value: round(plainImported / plainSeconds, 0), unit: 'documents/s', note: `${plainImported} in ${round(plainSeconds, 1)} s (${round((bytes / plainSeconds) / 1048576, 2)} MB/s)` });

    // 20,000 files through the built CLI.
    const cli = path.join(options.repoRoot, 'out', 'main', 'cli.js');
    const count = options.files ?? FILES;
    if (!existsSync(cli)) {
      metrics.push({ name: `cairn import FOLDER (${count} files)`, value: 0, unit: 'skipped', note: 'needs `npm run build` first (out/main/cli.js)' });
    } else {
      const folder = path.join(work, 'folder');
      let written = 0;
      let folderBytes = 0;
      for await (const record of corpusRecords(corpus.textDir)) {
        if (written >= count) break;
        const sub = path.join(folder, String(Math.floor(written / 1000)).padStart(2, '0'));
        if (written % 1000 === 0) await mkdir(sub, { recursive: true });
        await writeFile(path.join(sub, record.name), record.text);
        folderBytes += Buffer.byteLength(record.text);
        written++;
      }
      options.log(`  cairn import of ${written} files (${mb(folderBytes)} MB) in ${written / 1000} folders`);
      const dataDir = path.join(work, 'cli-archive');
      const run = await runCli(cli, ['--data-dir', dataDir, 'init'], options.repoRoot);
      if (run.code !== 0) throw new Error(`cairn init failed: ${run.stderr}`);
      const cliRun = await runCli(cli, ['--data-dir', dataDir, 'import', folder, '--json'], options.repoRoot);
      const report = JSON.parse(cliRun.stdout || '{}') as { imported?: unknown[]; duplicates?: unknown[]; failed?: unknown[] };
      const n = report.imported?.length ?? 0;
      metrics.push({
        name: `cairn import FOLDER, ${written} files of ~4 KB (one process)`,
        value: round(n / cliRun.seconds, 0),
        unit: 'documents/s',
        note: `${n} imported, ${report.duplicates?.length ?? 0} duplicates, ${report.failed?.length ?? 0} failed in ${round(cliRun.seconds, 1)} s; peak memory ${mb(cliRun.peakRss)} MB (the process and its worker thread)`,
      });
    }
    return { suite, status: 'ok', seconds: round(since(started) / 1000), metrics };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Runs the built CLI, sampling its resident memory (worker threads included) every 100 ms. */
function runCli(cli: string, args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string; seconds: number; peakRss: number }> {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const child = spawn(process.execPath, [cli, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let peakRss = 0;
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const sample = setInterval(() => {
      void readFile(`/proc/${child.pid}/status`, 'utf8').then(
        (status) => {
          const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
          peakRss = Math.max(peakRss, kb * 1024);
        },
        () => undefined,
      );
    }, 100);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(sample);
      resolve({ code: code ?? 1, stdout, stderr, seconds: since(t) / 1000, peakRss });
    });
  });
}
