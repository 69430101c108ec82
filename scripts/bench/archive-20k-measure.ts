// Measures an existing bench archive in a fresh process (started by archive-20k.ts with
// --expose-gc): open, memory, the full list, search, one-edit saves, then the single-file trap.
// Usage: node --expose-gc --import tsx archive-20k-measure.ts ARCHIVE_DIR OUT_JSON
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Archive } from '../../electron/core/archive';
import { layout } from '../../electron/core/store/archive-folder';
import { loadRecords } from '../../electron/core/store/record-store';
import { RecordIndex } from '../../electron/core/search/record-index';
import { readSearchSnapshot, snapshotPath, writeSearchSnapshot } from '../../electron/core/search/search-snapshot';
import { driftAllowed } from '../../electron/core/search/search-keeper';
import { measureExports } from './export';
import { measureSingleFileTrap } from './lowdb-single-file';
import { seededRandom } from '../../electron/core/testing/random';
import { mb, median, quantile, round, timed, type Metric } from './results';

/** Typical archivist queries over the UN General Debate; "terror" is a prefix (terrorism, terrorist…). */
export const QUERIES = [
  'nuclear',
  'climate change',
  'Guterres',
  'disarm',
  'Afghanistan',
  'terror',
  'human rights',
  'apartheid',
  'Palestine',
  'sustainable development',
  'Security Council reform',
  'Kofi Annan',
  'Ban Ki-moon',
  'Cold War',
  'decolonization',
  'refugees',
  'pandemic',
  'COVID-19',
  'peacekeeping operations',
  'Millennium Development Goals',
  'weapons of mass destruction',
  'Iraq Kuwait',
  'Cyprus',
  'Korean peninsula',
  'Yugoslavia',
  'oil prices',
  'debt relief',
  'small island developing States',
  'Lajčák',
  'Mladic',
  'ozone layer',
];
/** The query language: phrases (checked word by word in each candidate), exclusions, OR, filters, typos (fuzzy). */
export const LANGUAGE_QUERIES = ['"human rights"', '"weapons of mass destruction"', 'nuclear -Iraq', 'Cyprus OR Yugoslavia', '(climate OR environment) -development', 'year:1990 Iraq', 'title:Cyprus', 'nucelar', 'terorism', 'Guteres', 'has:tags'];
const EDITS = 50;
const APP = 'Cairn bench (measure)';

const [dir, outFile] = process.argv.slice(2);
if (!dir || !outFile) {
  console.error('usage: archive-20k-measure.ts ARCHIVE_DIR OUT_JSON');
  process.exit(2);
}
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const metrics: Metric[] = [];
const stats = (xs: number[]) => `median ${round(median(xs), 2)}, p95 ${round(quantile(xs, 0.95), 2)}, max ${round(Math.max(...xs), 2)} ms`;

// Open, then everything measured on the open archive; the archive is let go when this returns.
// Without a search snapshot first (the index is built from every record and saved), then opening
// again with the snapshot that left, as every later opening does.
await rm(path.dirname(snapshotPath(dir)), { recursive: true, force: true });
await openAndMeasure();
gc();
await measureSnapshotOpen();
gc();

// Where open time goes, measured again in this process (warm JIT).
const reread = await timed(() => loadRecords(dir));
const index = new RecordIndex();
const indexed = await timed(() => index.addAll(reread.value.records));
metrics.push({ name: 'open, part: read record files', value: round(reread.ms / 1000, 2), unit: 's', note: 'loadRecords again, warm JIT' });
metrics.push({ name: 'open, part: build search index', value: round(indexed.ms / 1000, 2), unit: 's', note: 'RecordIndex.addAll of every record (MiniSearch’s index, new words in the compact form), again after closing (GC makes this vary ±30%)' });

// The known trap: the same records in one lowdb JSON file.
console.log('single lowdb file: writing…');
metrics.push(...(await measureSingleFileTrap(reread.value.records, dir)));

await writeFile(outFile, JSON.stringify(metrics));

/** Opening with the snapshot an earlier opening saved: open, load it, bring it up to date, answer a first query. */
async function measureSnapshotOpen(): Promise<void> {
  const snapshot = await stat(snapshotPath(dir!));
  const started = performance.now();
  const archive = await Archive.open(dir!, { app: APP });
  const openedMs = performance.now() - started;
  try {
    gc();
    const before = process.memoryUsage().heapUsed;
    const loading = await timed(() => archive.whenIndexed());
    const first = await timed(() => archive.search('human rights', 20));
    const total = performance.now() - started;
    gc();
    const rebuild = archive.info().searchIndex.rebuild;
    metrics.push({ name: 'search index ready from its snapshot', value: round(loading.ms / 1000, 2), unit: 's', note: `${mb(snapshot.size)} MB snapshot read, checked (SHA-256), loaded in slices and compared by stamps with every record${rebuild ? `; NOT LOADED: ${rebuild.why}` : ''}` });
    metrics.push({ name: 'open, then the first query answered (snapshot)', value: round(total / 1000, 2), unit: 's', note: `Archive.open ${round(openedMs / 1000, 2)} s + index ${round(loading.ms / 1000, 2)} s + "human rights" top 20 ${round(first.ms, 1)} ms` });
    metrics.push({ name: 'JS heap of the loaded index', value: mb(process.memoryUsage().heapUsed - before), unit: 'MB', note: 'heapUsed after a full GC, less before loading' });
    const read = await readSearchSnapshot(dir!);
    if (read.kind !== 'loaded') throw new Error(`the snapshot did not load: ${read.kind}`);
    // Into a folder of its own (the snapshot writer makes search/ in an archive's folder, never the folder itself).
    await mkdir(path.join(tmpdir(), `cairn-bench-snapshot-${process.pid}`), { recursive: true });
    const writing = await timed(() => writeSearchSnapshot(path.join(tmpdir(), `cairn-bench-snapshot-${process.pid}`), read.index, read.stamps));
    metrics.push({ name: 'write the search snapshot', value: round(writing.ms / 1000, 2), unit: 's', note: `${mb(writing.value)} MB, serialised, checksummed and fsynced (at close, or after a pause once ${driftAllowed(archive.size)} records differ)` });
    await rm(path.join(tmpdir(), `cairn-bench-snapshot-${process.pid}`), { recursive: true, force: true });
  } finally {
    await archive.close();
  }
}

/** Each query run once to warm up, then three times: the median of the three, and how many it found. */
async function timeQueries(archive: Archive, queries: readonly string[]): Promise<{ q: string; ms: number; total: number }[]> {
  for (const q of queries) archive.search(q);
  const out: { q: string; ms: number; total: number }[] = [];
  for (const q of queries) {
    const runs: number[] = [];
    let total = 0;
    // One more leading space each run: the same query, but a new question for the archive's kept answers.
    for (let i = 1; i <= 3; i++) {
      const r = await timed(() => archive.search(' '.repeat(i) + q));
      runs.push(r.ms);
      total = r.value.total;
    }
    out.push({ q, ms: median(runs), total });
  }
  return out;
}

async function openAndMeasure(): Promise<void> {
  gc();
  const baseRss = process.memoryUsage().rss;
  const opened = await timed(() => Archive.open(dir!, { app: APP }));
  console.log(`opened ${opened.value.size} records in ${(opened.ms / 1000).toFixed(1)} s`);
  metrics.push({ name: 'open: Archive.open', value: round(opened.ms / 1000, 2), unit: 's', note: 'new process; reads every record file (OS cache warm); the search index is built afterwards, in the background' });
  try {
    await measureOpenArchive(opened.value, baseRss);
  } finally {
    await opened.value.close();
  }
}

async function measureOpenArchive(archive: Archive, baseRss: number): Promise<void> {
  gc();
  const mem = process.memoryUsage();
  metrics.push({ name: 'memory after open: rss', value: mb(mem.rss), unit: 'MB', note: `${mb(baseRss)} MB before opening` });
  metrics.push({ name: 'memory after open: heapUsed', value: mb(mem.heapUsed), unit: 'MB', note: 'after a full GC' });

  // records.list with no query: every summary, sorted by date.
  archive.list();
  const listMs: number[] = [];
  for (let i = 0; i < 20; i++) listMs.push((await timed(() => archive.list())).ms);
  const list = archive.list();
  const payload = await timed(() => JSON.stringify(list));
  const dated = list.items.filter((s) => s.date).length;
  metrics.push({ name: 'records.list, no query (median)', value: round(median(listMs), 1), unit: 'ms', note: `${list.total} summaries sorted by date (${dated} dated); ${stats(listMs)} over 20 runs` });
  metrics.push({ name: 'records.list payload', value: mb(Buffer.byteLength(payload.value)), unit: 'MB', note: `JSON.stringify ${round(payload.ms, 1)} ms (what crosses IPC/HTTP)` });
  console.log(`records.list: median ${median(listMs).toFixed(1)} ms`);

  // The search index, built in slices after open as the app does (whenIndexed), then memory with it.
  const building = await timed(() => archive.whenIndexed());
  gc();
  metrics.push({ name: 'search index built after open (no snapshot)', value: round(building.ms / 1000, 2), unit: 's', note: 'built in the background (200 records a slice) while calls are answered; searches wait for it; then saved as the snapshot' });
  metrics.push({ name: 'memory with search index: rss', value: mb(process.memoryUsage().rss), unit: 'MB', note: `heapUsed ${mb(process.memoryUsage().heapUsed)} MB after a full GC` });

  // search.query: each query 3 times after a warm-up pass; the median of the three counts.
  const perQuery = await timeQueries(archive, QUERIES);
  const searchMs = perQuery.map((p) => p.ms);
  const slowest = perQuery.reduce((a, b) => (b.ms > a.ms ? b : a));
  const hitsOf = (q: string) => perQuery.find((p) => p.q === q)?.total ?? 0;
  metrics.push({ name: 'search.query (median)', value: round(median(searchMs), 1), unit: 'ms', note: `${QUERIES.length} queries, top 50 with snippets` });
  metrics.push({ name: 'search.query (p95)', value: round(quantile(searchMs, 0.95), 1), unit: 'ms', note: `slowest: “${slowest.q}” ${round(slowest.ms, 1)} ms, ${slowest.total} hits` });
  metrics.push({ name: 'search hits (sanity)', value: `${hitsOf('nuclear')} / ${hitsOf('terror')} / ${hitsOf('Guterres')}`, unit: '', note: '“nuclear” / “terror” (prefix) / “Guterres”' });
  console.log(`search: median ${median(searchMs).toFixed(1)} ms, p95 ${quantile(searchMs, 0.95).toFixed(1)} ms`);
  const language = await timeQueries(archive, LANGUAGE_QUERIES);
  const languageMs = language.map((p) => p.ms);
  const slowestLanguage = language.reduce((a, b) => (b.ms > a.ms ? b : a));
  metrics.push({ name: 'search.query, query language (median)', value: round(median(languageMs), 1), unit: 'ms', note: `${LANGUAGE_QUERIES.length} queries: phrases, -exclusion, OR, year:, title:, typos, has:` });
  metrics.push({ name: 'search.query, query language (p95)', value: round(quantile(languageMs, 0.95), 1), unit: 'ms', note: `slowest: ${slowestLanguage.q} ${round(slowestLanguage.ms, 1)} ms, ${slowestLanguage.total} hits` });
  for (const l of language) console.log(`  ${l.q}: ${l.ms.toFixed(1)} ms, ${l.total} hits`);

  // Saving one edit: Archive.update of a title on 50 random records (a fixed seed picks the same ones).
  const ids = list.items.map((s) => s.id);
  const random = seededRandom(50);
  const runTag = Date.now().toString(36);
  const editMs: number[] = [];
  const editBytes: number[] = [];
  for (let i = 0; i < EDITS; i++) {
    const id = ids[Math.floor(random() * ids.length)]!;
    // Strip an earlier run's mark so that the cached archive's titles do not grow run after run.
    const base = archive.get(id).title.replace(/ \[bench [^\]]*\]$/, '');
    const r = await timed(() => archive.update({ id, changes: { title: `${base} [bench ${runTag}-${i}]` } }));
    editMs.push(r.ms);
    editBytes.push((await stat(layout.record(archive.root, id))).size);
  }
  metrics.push({ name: 'save one edit (median)', value: round(median(editMs), 2), unit: 'ms', note: `Archive.update of a title, ${EDITS} random records: ${stats(editMs)}` });
  metrics.push({ name: 'save one edit (p95)', value: round(quantile(editMs, 0.95), 2), unit: 'ms', note: 'fsync’d temp file + rename + folder fsync, and the index update' });
  metrics.push({ name: 'save one edit (max)', value: round(Math.max(...editMs), 2), unit: 'ms' });
  metrics.push({ name: 'bytes written per edit (median)', value: Math.round(median(editBytes)), unit: 'B', note: 'the one record file rewritten' });
  console.log(`edits: median ${median(editMs).toFixed(2)} ms`);

  // Export: every record in each format, through the same job every door starts, into a temp folder.
  metrics.push(...(await measureExports(archive, gc)));
}
