// A search answered from the catalogue and the index's snapshot, before the records are read: the same
// answers as the archive opened whole, whatever changed since the catalogue was written (by Cairn or
// by hand), and the whole archive asked whenever the catalogue cannot answer exactly.
import { mkdir, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Archive } from '../archive';
import { layout } from '../store/archive-folder';
import { SETTLED_MS } from '../store/read-files';
import { useTempFolders } from '../testing/fixtures';
import { cataloguePath } from './catalogue-file';
import { FirstAnswers, openFirstAnswers } from './first-answers';
import type { SortOrder } from '../../contract';

const tempFolder = useTempFolders();
const app = 'Cairn (test)';
const settle = () => new Promise((resolve) => setTimeout(resolve, SETTLED_MS + 100));

/**
 * An archive of `n` records (read by the worker, so with their files' keys: 200 or more), a few
 * tagged, reviewed, dated and in Russian, its files settled, then opened and closed once: the
 * snapshot and the catalogue are written with every key.
 */
async function catalogued(n = 240): Promise<string> {
  const root = path.join(await tempFolder(), 'archive');
  const archive = await Archive.create(root, { app, person: 'Test Archivist' });
  const files = Array.from({ length: n }, (_, i) => ({
    name: `note-${i}.txt`,
    bytes: Buffer.from(
      i % 40 === 3
        ? `Заметка ${i}\n\nВстреча в Ташкенте по вопросам профилирования, номер ${i}.`
        : `Field note ${i}\n\nObservation number ${i} on human rights mentions keyword${i % 7}, the Security Council and the word zebra${i}.`,
    ),
  }));
  const report = await archive.importFiles(files);
  expect(report.imported).toHaveLength(n);
  const ids = archive.list({ sort: { field: 'title', direction: 'asc' } }).ids;
  for (const [i, id] of ids.slice(0, 30).entries()) {
    await archive.update({ id, changes: { tags: [`topic${i % 3}`], date: `20${10 + (i % 9)}-0${1 + (i % 9)}-15`, place: i % 2 ? 'Tashkent' : 'Bishkek' } });
  }
  await archive.review({ id: ids[5]!, status: 'needs-work', comment: 'check the dateline' });
  await archive.close();
  // 210 places more, as Cairn writes them (so that the entities too are read with their files' keys),
  // and the first 30 records linked to them.
  const now = new Date().toISOString();
  for (let i = 0; i < 210; i++) {
    const id = `st${String(i).padStart(3, '0')}place`;
    const file = path.join(root, 'entities', id.slice(0, 2), `${id}.json`);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify({ formatVersion: 1, id, rev: 1, kind: 'place', name: `Station ${i}`, aliases: [`Stn${i}`], createdAt: now, updatedAt: now }));
  }
  for (const [i, id] of ids.slice(0, 30).entries()) {
    const file = layout.record(root, id);
    const record = JSON.parse(await readFile(file, 'utf8')) as { entities: { entity: string; proposed: boolean }[] };
    await writeFile(file, JSON.stringify({ ...record, entities: [...record.entities, { entity: `st${String(i % 7).padStart(3, '0')}place`, proposed: false }] }));
  }
  await settle();
  const learning = await Archive.open(root, { app });
  await learning.whenIndexed();
  await learning.close();
  expect((await stat(cataloguePath(root))).size).toBeGreaterThan(0);
  return root;
}

/** Every file under the archive folder with its size and modification time. */
async function listing(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
  return Promise.all(files.sort().map(async (f) => `${path.relative(root, f)} ${(await stat(f)).size} ${(await stat(f)).mtimeMs}`));
}

async function wholeSearch(root: string, query: string) {
  const whole = await Archive.open(root, { app, readOnly: true });
  try {
    await whole.whenIndexed();
    return whole.search(query, 5);
  } finally {
    await whole.close();
  }
}

async function firstFile(dir: string): Promise<string> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const file = entries.find((e) => e.isFile() && e.name.endsWith('.json'));
  if (!file) throw new Error(`no file in ${dir}`);
  return path.join(file.parentPath, file.name);
}

async function firstAnswers(root: string): Promise<FirstAnswers> {
  const opened = await openFirstAnswers(root);
  if (!(opened instanceof FirstAnswers)) throw new Error(`the whole archive was needed: ${opened.whole}`);
  return opened;
}

const QUERIES = ['human rights', 'zebra1', 'zebr', 'keyword3 -zebra10', '"Security Council"', 'keyword1 OR keyword2', '(keyword4 OR keyword5) zebra', 'obervation', 'Tashkent', 'Ташкент', 'profilirovaniya', 'tag:topic1', 'status:needs-work', 'year:2012', 'date:2011-01..2014-12', 'has:tags', 'has:entities', 'lang:ru', 'title:note', 'place:Tashkent', 'place:"Station 3"', 'place:Stn5 zebra', 'org:Security human', '-place:Bishkek zebra', '"human rights'];
const SORTS: ({ sort?: SortOrder; offset?: number } | undefined)[] = [undefined, { sort: { field: 'date', direction: 'asc' } }, { sort: { field: 'title', direction: 'desc' } }, { offset: 7 }];

/** Every query in every order, as the archive opened whole answers it and as the catalogue does. */
async function expectSameAnswers(root: string, first: FirstAnswers): Promise<void> {
  const whole = await Archive.open(root, { app, readOnly: true });
  await whole.whenIndexed();
  try {
    expect(first.size).toBe(whole.size);
    expect(first.ids().sort()).toEqual(whole.list().ids.slice().sort());
    for (const query of QUERIES) {
      for (const options of SORTS) {
        const answer = first.search(query, 20, options);
        expect(answer, query).not.toBeNull();
        expect(answer, `${query} ${JSON.stringify(options)}`).toEqual(whole.search(query, 20, options));
      }
      expect(first.search(query, 5, { facets: true }), query).toEqual(whole.search(query, 5, { facets: true }));
    }
    // The entities are there to be asked for.
    expect(whole.search('place:"Station 3"', 5).total).toBeGreaterThan(0);
  } finally {
    await whole.close();
  }
}

describe('answers from the catalogue', () => {
  it('are the answers of the archive opened whole, for words, phrases, prefixes, typos, Cyrillic, filters, sorts and pages', async () => {
    const root = await catalogued();
    const first = await firstAnswers(root);
    expect(first.known).toMatchObject({ byCatalogue: 240, read: 0, entities: { read: 0 } });
    expect(first.known.entities.byCatalogue).toBeGreaterThanOrEqual(210);
    await expectSameAnswers(root, first);
  }, 60_000);

  it('read from its file every record changed since the catalogue (by Cairn or by hand, its times put back), added or removed, and still agree', async () => {
    const root = await catalogued();
    const archive = await Archive.open(root, { app });
    await archive.whenIndexed();
    const [edited, byHand, removed] = archive.search('zebra', 3, { sort: { field: 'title', direction: 'asc' } }).hits.map((h) => h.id);
    await archive.update({ id: edited!, changes: { title: 'Quoll census', tags: ['topic1'] } });
    await archive.importFiles([{ name: 'late.txt', bytes: Buffer.from('A late note on human rights and the quoll.') }]);
    await archive.close();
    // By hand: as many bytes, its modification time put back (its change time moves all the same).
    const file = layout.record(root, byHand!);
    const before = await stat(file);
    await writeFile(file, (await readFile(file, 'utf8')).replace(/zebra(\d)/, 'quoll$1'));
    await utimes(file, before.atime, before.mtime);
    await rm(layout.record(root, removed!));
    // An entity renamed by hand: read from its file (its filter then finds it by its new name).
    const entityFile = await firstFile(path.join(root, 'entities'));
    const entity = JSON.parse(await readFile(entityFile, 'utf8')) as { name: string; kind: string };
    await writeFile(entityFile, JSON.stringify({ ...entity, name: 'Zqxwv' }));
    const filter = `${entity.kind === 'organization' ? 'org' : entity.kind}:Zqxwv`;

    const first = await firstAnswers(root);
    // The edited and the imported record (written a moment ago, or since), the one changed by hand.
    expect(first.known).toMatchObject({ byCatalogue: 237, read: 3 });
    expect(first.known.entities.read).toBeGreaterThanOrEqual(1);
    expect(first.search(filter, 5)!.total).toBeGreaterThan(0);
    expect(first.search(filter, 5)).toEqual(await wholeSearch(root, filter));
    expect(first.search('quoll', 10)!.hits.map((h) => h.id).sort()).toEqual(expect.arrayContaining([edited, byHand]));
    await expectSameAnswers(root, first);
  }, 60_000);

  it('read a record’s text only from the file the catalogue was made of: one changed meanwhile leaves the answer to the whole archive', async () => {
    const root = await catalogued();
    const first = await firstAnswers(root);
    const probe = first.search('zebra17', 1)!;
    expect(probe.hits[0]!.snippet).toMatch(/zebra17/);
    const id = probe.hits[0]!.id;
    const file = layout.record(root, id);
    // Changed after the files were looked at: the text is not taken from it.
    const other = await firstAnswers(root);
    await writeFile(file, (await readFile(file, 'utf8')).replace('zebra17', 'wombat'));
    expect(other.search('zebra17', 1)).toBeNull();
  }, 60_000);

  it('write nothing, and take no lock', async () => {
    const root = await catalogued();
    const before = await listing(root);
    const first = await firstAnswers(root);
    expect(first.search('human rights', 5)!.total).toBeGreaterThan(0);
    expect(first.search('"Security Council" place:Tashkent', 5, { facets: true })).not.toBeNull();
    expect(await listing(root)).toEqual(before);
  }, 60_000);
});

describe('the whole archive is opened instead', () => {
  const whole = async (root: string) => {
    const opened = await openFirstAnswers(root);
    return opened instanceof FirstAnswers ? 'answered' : opened.whole;
  };

  it('when there is no catalogue, or it is damaged, cut off or of another version', async () => {
    const root = await catalogued();
    const content = await readFile(cataloguePath(root));
    const flipped = Buffer.from(content);
    flipped[flipped.length - 10] = flipped[flipped.length - 10]! ^ 1;
    await writeFile(cataloguePath(root), flipped);
    expect(await whole(root)).toBe('no catalogue');
    await writeFile(cataloguePath(root), content.subarray(0, content.length - 100));
    expect(await whole(root)).toBe('no catalogue');
    await writeFile(cataloguePath(root), content.toString('utf8').replace('"version":1', '"version":99'));
    expect(await whole(root)).toBe('no catalogue');
    await rm(cataloguePath(root));
    expect(await whole(root)).toBe('no catalogue');
    // The archive opened whole writes it again (its lock borrowed by a reader at close, as for the snapshot).
    const reader = await Archive.open(root, { app, readOnly: true });
    await reader.whenIndexed();
    await reader.close();
    expect(await whole(root)).toBe('answered');
    await writeFile(cataloguePath(root), content);
    expect(await whole(root)).toBe('answered');
  }, 60_000);

  it('when opening would report a problem: a damaged entity, tags.json or searches.json, a record from a newer Cairn', async () => {
    const root = await catalogued();
    const entity = await firstFile(path.join(root, 'entities'));
    const entityContent = await readFile(entity);
    await writeFile(entity, '{"kind": ');
    expect(await whole(root)).toBe('problems');
    await writeFile(entity, entityContent);
    for (const file of ['tags.json', 'searches.json']) {
      await writeFile(path.join(root, file), '[');
      expect(await whole(root), file).toBe('problems');
      await rm(path.join(root, file));
    }
    expect(await whole(root)).toBe('answered');
    // A record from a newer Cairn: read (its file is new), held back and reported by the archive opened whole.
    const id = (await firstAnswers(root)).ids()[3]!;
    const file = layout.record(root, id);
    await writeFile(file, JSON.stringify({ ...(JSON.parse(await readFile(file, 'utf8')) as object), formatVersion: 99 }));
    expect(await whole(root)).toBe('record files');
  }, 60_000);

  it('when a record file is damaged, kept in another shard or beside a non-file, most files changed, or the archive is from a newer Cairn', async () => {
    const root = await catalogued();
    const ids = (await firstAnswers(root)).ids();
    const damaged = layout.record(root, ids[0]!);
    const content = await readFile(damaged);
    await writeFile(damaged, '{"id": ');
    expect(await whole(root)).toBe('record files');
    await writeFile(damaged, content);
    expect(await whole(root)).toBe('answered');

    const elsewhere = path.join(layout.recordsDir(root), 'zz', `${ids[1]}.json`);
    await mkdir(path.dirname(elsewhere));
    await writeFile(elsewhere, await readFile(layout.record(root, ids[1]!)));
    expect(await whole(root)).toBe('record files');
    await rm(path.dirname(elsewhere), { recursive: true });
    // A folder named as a record file.
    const folder = path.join(path.dirname(layout.record(root, ids[2]!)), 'not-a-record.json');
    await mkdir(folder);
    expect(await whole(root)).toBe('record files');
    await rm(folder, { recursive: true });
    expect(await whole(root)).toBe('answered');

    // Every file's change time moved (copied, restored): reading them all is then no slower.
    for (const id of ids) {
      const file = layout.record(root, id);
      const st = await stat(file);
      await utimes(file, st.atime, st.mtime);
    }
    expect(await whole(root)).toBe('many changed');

    const manifest = path.join(root, 'cairn-archive.json');
    const description = JSON.parse(await readFile(manifest, 'utf8')) as { version: number };
    await writeFile(manifest, JSON.stringify({ ...description, version: description.version + 1 }));
    expect(await whole(root)).toBe('manifest');
  }, 60_000);
});
