// One engine measured in a process of its own (started by search.ts with --expose-gc), so that each
// starts cold with a clean heap. Usage:
//   node --expose-gc --import tsx search-measure.ts ENGINE PART ARCHIVE_DIR DB_FILE OUT_JSON
// ENGINE: cairn | fts5. PART: open (open, then the first query answered: nothing else in the
// process; Cairn's archive opened whole, as the app opens it) | first (Cairn only: answered from the
// catalogue and the snapshot, as `cairn search` answers) | work (index build, heap, the query mix,
// one edit visible in search).
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { Archive } from '../../electron/core/archive';
import { FirstAnswers, openFirstAnswers } from '../../electron/core/catalogue/first-answers';
import { loadRecords } from '../../electron/core/store/record-store';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { RecordIndex, stampOf } from '../../electron/core/search/record-index';
import { readSearchSnapshot, writeSearchSnapshot } from '../../electron/core/search/search-snapshot';
import { seededRandom } from '../../electron/core/testing/random';
import { buildFts5, editTitle, open, searchFts5 } from './fts5';
import { SEARCH_MIX, type BenchQuery } from './search-queries';
import { mb, median, round, since, timed } from './results';

export interface EngineFigures {
  /** Open, then "human rights" top 20 with snippets answered (ms, from a cold process). */
  openFirstMs?: number;
  openParts?: string;
  buildMs?: number;
  heapMb?: number;
  /** The same index loaded from its snapshot, before any query decodes a word. */
  heapLoadedMb?: number;
  /** The ArrayBuffer of postings just after building (words new to an index are kept compact). */
  builtArrayBuffersMb?: number;
  /** What the archive's heap grew by once the query mix had decoded the words it met. */
  heapQueriedMb?: number;
  arrayBuffersMb?: number;
  diskMb?: number;
  /** Per query of SEARCH_MIX, in order: median of three runs after a warm-up, and the total found. */
  queries?: { ms: number; total: number; top: string[] }[];
  /** One title edited, then found by a search for the word it added (ms per edit). */
  editVisibleMs?: number[];
}

const FIRST_QUERY: BenchQuery = SEARCH_MIX.find((x) => x.cairn === 'human rights')!;
const EDITS = 30;
const APP = 'Cairn bench (search)';

const [engine, part, dir, dbFile, outFile] = process.argv.slice(2);
if (!engine || !part || !dir || !dbFile || !outFile) {
  console.error('usage: search-measure.ts cairn|fts5 open|first|work ARCHIVE_DIR DB_FILE OUT_JSON');
  process.exit(2);
}
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const figures: EngineFigures = {};

if (engine === 'cairn' && part === 'open') {
  const started = performance.now();
  const archive = await Archive.open(dir, { app: APP, readOnly: true });
  const opened = since(started);
  await archive.whenIndexed();
  const indexed = since(started);
  const first = archive.search(FIRST_QUERY.cairn, 20);
  figures.openFirstMs = since(started);
  const rebuild = archive.info().searchIndex.rebuild;
  const checked = archive.searchIndexChecked();
  figures.openParts = `Archive.open ${round(opened / 1000, 2)} s, index from its snapshot ${round((indexed - opened) / 1000, 2)} s (${checked.byFile.toLocaleString('en')} records known by their files' keys, ${checked.byContent.toLocaleString('en')} hashed), the query ${round(figures.openFirstMs - indexed, 1)} ms (${first.total} found)${rebuild ? `; REBUILT: ${rebuild.why}` : ''}`;
  await archive.close();
} else if (engine === 'cairn' && part === 'first') {
  // As `cairn search` answers: from the catalogue and the snapshot, the record files looked at, not read.
  const started = performance.now();
  const opened = await openFirstAnswers(dir);
  if (!(opened instanceof FirstAnswers)) throw new Error(`the catalogue could not answer: ${opened.whole} (the archive opened whole once writes it)`);
  const ready = since(started);
  const first = opened.search(FIRST_QUERY.cairn, 20);
  if (!first) throw new Error('the catalogue could not answer the first query');
  figures.openFirstMs = since(started);
  figures.openParts = `catalogue, snapshot and ${opened.size.toLocaleString('en')} record files looked at ${round(ready / 1000, 2)} s (${opened.known.byCatalogue.toLocaleString('en')} records and ${opened.known.entities.byCatalogue.toLocaleString('en')} entities known by the catalogue, ${opened.known.read.toLocaleString('en')} and ${opened.known.entities.read.toLocaleString('en')} read), the query ${round(figures.openFirstMs - ready, 1)} ms (${first.total} found)`;
} else if (engine === 'fts5' && part === 'open') {
  const started = performance.now();
  const db = open(dbFile);
  const first = searchFts5(db, FIRST_QUERY, 20);
  figures.openFirstMs = since(started);
  figures.openParts = `${first.total} found`;
  db.close();
} else if (engine === 'cairn' && part === 'work') {
  await measureCairn();
} else if (engine === 'fts5' && part === 'work') {
  await measureFts5();
} else {
  console.error(`unknown engine or part: ${engine} ${part}`);
  process.exit(2);
}
await writeFile(outFile, JSON.stringify(figures));

async function measureCairn(): Promise<void> {
  // Build and heap: MiniSearch fed every record at once, after a full collection.
  const { records } = await loadRecords(dir!);
  gc();
  const before = process.memoryUsage().heapUsed;
  const index = new RecordIndex();
  figures.buildMs = (await timed(() => index.addAll(records))).ms;
  gc();
  figures.heapMb = mb(process.memoryUsage().heapUsed - before);
  figures.builtArrayBuffersMb = mb(process.memoryUsage().arrayBuffers);
  console.log(`cairn: built in ${round(figures.buildMs / 1000, 1)} s, heap +${figures.heapMb} MB`);
  // Saved and loaded back as every opening loads it: each word's postings still in the shared array.
  const stamps = new Map(records.map((r) => [r.id, stampOf(r)]));
  const folder = await mkdtemp(path.join(tmpdir(), 'cairn-bench-heap-'));
  await writeSearchSnapshot(folder, index, stamps);
  gc();
  const beforeLoad = process.memoryUsage().heapUsed;
  const loaded = await readSearchSnapshot(folder);
  gc();
  figures.heapLoadedMb = mb(process.memoryUsage().heapUsed - beforeLoad);
  // The postings the loaded index keeps in one ArrayBuffer (outside the JS heap's count).
  figures.arrayBuffersMb = mb(process.memoryUsage().arrayBuffers);
  if (loaded.kind !== 'loaded' || loaded.index.size !== records.length) throw new Error(`the snapshot did not load: ${loaded.kind}`);
  await rm(folder, { recursive: true, force: true });

  // The rest through the archive, as every door asks it (its index loaded from the snapshot).
  const archive = await Archive.open(dir!, { app: APP });
  try {
    await archive.whenIndexed();
    gc();
    const heapReady = process.memoryUsage().heapUsed;
    // The archive keeps its last answers until something changes (the list, its snippets and the
    // reader ask alike): each run asks with one more leading space, which reads the same (the last
    // word is still the one being typed) but is a new question, answered in full.
    figures.queries = timeQueries((bq, run) => {
      const r = archive.search(' '.repeat(run) + bq.cairn, 20);
      return { total: r.total, top: r.hits.map((h) => h.id) };
    });
    gc();
    figures.heapQueriedMb = mb(process.memoryUsage().heapUsed - heapReady);
    const ids = [...records.map((r) => r.id)];
    const random = seededRandom(11);
    const tag = Date.now().toString(36);
    figures.editVisibleMs = [];
    for (let i = 0; i < EDITS; i++) {
      const id = ids[Math.floor(random() * ids.length)]!;
      const word = `zqbench${tag}x${i}`;
      const base = archive.get(id).title.replace(/ zqbench\w+$/, '');
      const started = performance.now();
      await archive.update({ id, changes: { title: `${base} ${word}` } });
      const found = archive.search(word, 20);
      figures.editVisibleMs.push(since(started));
      if (found.hits[0]?.id !== id) throw new Error(`the edit to ${id} was not found by “${word}”`);
      await archive.update({ id, changes: { title: base } });
    }
  } finally {
    await archive.close();
  }
}

async function measureFts5(): Promise<void> {
  const { records } = await loadRecords(dir!);
  await rm(dbFile!, { force: true });
  await rm(`${dbFile}-wal`, { force: true });
  await rm(`${dbFile}-shm`, { force: true });
  const built = await timed(() => buildFts5(dbFile!, records));
  figures.buildMs = built.ms;
  const db = built.value;
  db.pragma('wal_checkpoint(TRUNCATE)');
  figures.diskMb = mb((await stat(dbFile!)).size);
  console.log(`fts5: built in ${round(figures.buildMs / 1000, 1)} s, ${figures.diskMb} MB`);
  try {
    figures.queries = timeQueries((bq) => {
      const r = searchFts5(db, bq, 20);
      return { total: r.total, top: r.hits.map((h) => h.id) };
    });
    const rowids = new Map((db.prepare('SELECT rowid, id FROM records').all() as { rowid: number; id: string }[]).map((r) => [r.id, r.rowid]));
    const titles = new Map(records.map((r) => [r.id, r.title]));
    const ids = records.map((r) => r.id);
    const random = seededRandom(11);
    figures.editVisibleMs = [];
    for (let i = 0; i < EDITS; i++) {
      const id = ids[Math.floor(random() * ids.length)]!;
      const word = `zqbenchx${i}`;
      const started = performance.now();
      editTitle(db, rowids.get(id)!, `${titles.get(id)} ${word}`);
      const found = searchFts5(db, { kind: 'word', cairn: word, match: word }, 20);
      figures.editVisibleMs.push(since(started));
      if (found.hits[0]?.id !== id) throw new Error(`the edit to ${id} was not found by “${word}”`);
      editTitle(db, rowids.get(id)!, titles.get(id)!);
    }
  } finally {
    db.close();
  }
}

/** Each query once to warm up, then three times (runs 1–3): the median of the three, its total and its top ids. */
function timeQueries(ask: (q: BenchQuery, run: number) => { total: number; top: string[] }): NonNullable<EngineFigures['queries']> {
  for (const bq of SEARCH_MIX) ask(bq, 0);
  return SEARCH_MIX.map((bq) => {
    const runs: number[] = [];
    let answer = { total: 0, top: [] as string[] };
    for (let i = 1; i <= 3; i++) {
      const started = performance.now();
      answer = ask(bq, i);
      runs.push(since(started));
    }
    return { ms: median(runs), ...answer };
  });
}
