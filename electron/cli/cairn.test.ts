// The `cairn` commands end to end, in process, on real temp archive folders built from data/sample.
import { execFileSync } from 'node:child_process';
import { lstat, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Facets, CairnRecord, ImportReport } from '../contract';
import { findAppRoot } from './app-root';
import { cairn } from './test-support/run-in-process';
import { holdArchiveLock } from '../core/testing/child-process';
import { currentBootId } from '../core/store/process-identity';
import { Profile } from '../core/profile';
import { FORMAT_VERSION } from '../core/store/archive-folder';
import { SETTLED_MS } from '../core/store/read-files';
import { answeredFrom } from './commands/search';

const appRoot = findAppRoot()!;
const sampleDir = path.join(appRoot, 'data', 'sample');

let tmp: string;
let dir: string;
/** Runs cairn on the test's archive, with --data-dir given through the environment. */
const run = (...argv: string[]) => cairn(argv, { env: { CAIRN_DATA_DIR: dir }, cwd: tmp });

beforeEach(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'cairn-cli-'));
  dir = path.join(tmp, 'archive');
});
afterEach(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function initWithSamples(): Promise<ImportReport> {
  expect((await run('init')).code).toBe(0);
  const imported = await run('import', sampleDir, '--json');
  expect(imported.code).toBe(0);
  return imported.json<ImportReport>();
}

const idOf = async (titleStart: string) => {
  const list = (await run('list', '--json')).json<{ id: string; title: string }[]>();
  return list.find((r) => r.title.startsWith(titleStart))!.id;
};

describe('init', () => {
  it('creates an empty archive, and refuses to create one over it', async () => {
    const created = await cairn(['--data-dir', dir, 'init', '--json', '--name', 'Field office']);
    expect(created.code).toBe(0);
    expect(created.json()).toMatchObject({ path: dir, name: 'Field office', formatVersion: FORMAT_VERSION, records: 0 });
    expect(existsSync(path.join(dir, 'cairn-archive.json'))).toBe(true);
    expect(existsSync(path.join(dir, 'cairn.lock'))).toBe(false);

    const again = await run('init');
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^cairn: .*already holds a Cairn archive/);
  });

  it('--sample loads the five sample records and the vocabulary, like a first run', async () => {
    const created = await run('init', '--sample', '--json');
    expect(created.json()).toMatchObject({ records: 5 });
    // The sample vocabulary makes tags canonical: "PVE" is an alternative label.
    const id = await idOf('Secretary-General Hails');
    const tagged = await run('tag', id, 'PVE', '--json');
    expect(tagged.json<{ record: CairnRecord }>().record.tags).toEqual(['Preventing violent extremism']);
    // …and untagging by the same alternative label undoes it.
    const untagged = await run('untag', id, 'pve', '--json');
    expect(untagged.json<{ changed: boolean; record: CairnRecord }>()).toMatchObject({ changed: true, record: { tags: [] } });
  });
});

describe('import', () => {
  it('imports the five samples from a folder, then refuses them as duplicates', async () => {
    const first = await initWithSamples();
    expect(first.imported).toHaveLength(5);
    expect(first.duplicates).toEqual([]);
    expect(first.failed).toEqual([]);
    for (const r of first.imported) {
      expect(r.id).toMatch(/^[0-9a-f-]{36}$/);
      // Named by the path from the folder's own name, never by where the folder is on this machine.
      expect(r.file).toMatch(/^sample\/00\d_[0-9a-f]+\.txt$/);
    }

    const again = await run('import', sampleDir, '--json');
    expect(again.code).toBe(0);
    const report = again.json<ImportReport>();
    expect(report.imported).toEqual([]);
    expect(report.duplicates.map((d) => d.id).sort()).toEqual(first.imported.map((i) => i.id).sort());
    expect((await run('list', '--json')).json<unknown[]>()).toHaveLength(5);
  });

  it('prints one line per file and a summary; a bad file fails alone and makes the exit code 1', async () => {
    await run('init');
    await writeFile(path.join(tmp, 'empty.txt'), '');
    await writeFile(path.join(tmp, 'notes.txt'), 'Field notes\n\nMet the elders of the village on 3 May 2019.\n');
    const human = await run('import', 'notes.txt', 'empty.txt', 'missing.txt', path.join(sampleDir, '000_7170fe4d90e21053.txt'));
    expect(human.code).toBe(1);
    const lines = human.stdout.trim().split('\n');
    expect(lines.filter((l) => l.startsWith('imported'))).toHaveLength(2);
    expect(lines.filter((l) => l.startsWith('failed'))).toHaveLength(2);
    expect(lines.at(-1)).toBe('2 files imported, 0 duplicates skipped, 2 files failed.');
    expect(human.stderr).toBe('cairn: 2 files could not be imported.\n');

    const json = (await run('import', 'notes.txt', 'empty.txt', '--json')).json<ImportReport>();
    expect(json.duplicates).toEqual([expect.objectContaining({ file: 'notes.txt' })]);
    expect(json.failed).toEqual([{ file: 'empty.txt', code: 'E_EMPTY_FILE', message: expect.any(String) as string, text: { key: 'import_empty_file', params: { name: 'empty.txt' } } }]);
  });

  it('releases the lock when it is done', async () => {
    await initWithSamples();
    expect(existsSync(path.join(dir, 'cairn.lock'))).toBe(false);
  });
});

describe('reading commands', () => {
  beforeEach(async () => {
    await initWithSamples();
  });

  it('list --json gives id, title, date, place, status and tags, sorted by date', async () => {
    const list = (await run('list', '--json')).json<Record<string, unknown>[]>();
    expect(list).toHaveLength(5);
    for (const row of list) expect(Object.keys(row).sort()).toEqual(['date', 'id', 'place', 'status', 'tags', 'title']);
    const dates = list.map((r) => r.date).filter((d): d is string => typeof d === 'string' && !d.startsWith('X'));
    expect(dates).toEqual([...dates].sort());
    expect(list.find((r) => String(r.title).startsWith('UNRCCA'))).toMatchObject({ date: '2012-06-22', place: 'Almaty', status: 'new', tags: [] });
  });

  it('list prints aligned columns with short ids that show accepts', async () => {
    const out = (await run('list')).stdout.split('\n');
    expect(out[0]).toMatch(/^ID\s+DATE\s+STATUS\s+TITLE\s+PLACE\s+TAGS$/);
    const titleColumn = out[0]!.indexOf('TITLE');
    const row = out.find((l) => l.slice(titleColumn).startsWith('UNRCCA and CTITF'))!;
    expect(row.slice(titleColumn - 2, titleColumn)).toBe('  ');
    expect(out.at(-2)).toBe('5 records');
    const shortId = row.split(' ')[0]!;
    expect(shortId).toMatch(/^[0-9a-f]{8,}$/);
    const shown = await run('show', shortId);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/^Id: +[0-9a-f-]{36}\nTitle: +UNRCCA and CTITF/);
  });

  it('show --json gives the whole record including its full text', async () => {
    const id = await idOf('United Nations launches');
    const record = (await run('show', id, '--json')).json<CairnRecord>();
    const original = await readFile(path.join(sampleDir, '001_f7b9e3b84d36ff61.txt'), 'utf8');
    expect(record).toMatchObject({ id, rev: 1, date: '2018-04-30', place: 'Ashgabat', status: 'new' });
    expect(record.text).toBe(original);
    expect(record.source).toMatchObject({ fileName: '001_f7b9e3b84d36ff61.txt', mediaType: 'text/plain' });
  });

  it('search --json gives total and hits with id, title, score and snippet', async () => {
    const result = (await run('search', 'Almaty', '--json')).json<{ total: number; hits: Record<string, unknown>[] }>();
    expect(result.total).toBeGreaterThanOrEqual(1);
    for (const hit of result.hits) expect(Object.keys(hit).sort()).toEqual(['id', 'score', 'snippet', 'title']);
    expect(result.hits[0]!.snippet).toMatch(/Almaty/);

    const limited = (await run('search', 'counter', 'terrorism', '--limit', '2', '--json')).json<{ total: number; hits: unknown[] }>();
    expect(limited.total).toBe(5);
    expect(limited.hits).toHaveLength(2);
    expect((await run('search', 'zzzqqq', '--json')).json()).toEqual({ total: 0, offset: 0, hits: [] });
  });

  it('search speaks the query language, pages with --offset, sorts with --sort, and points at what is wrong in a query', async () => {
    type Hits = { total: number; offset: number; hits: { id: string; title: string }[] };
    const all = (await run('search', '"Joint Plan of Action" -Kabul', '--json', '--limit', '50')).json<Hits>();
    expect(all.total).toBeGreaterThan(1);
    const second = (await run('search', '"Joint Plan of Action" -Kabul', '--json', '--limit', '1', '--offset', '1')).json<Hits>();
    expect(second).toMatchObject({ total: all.total, offset: 1 });
    expect(second.hits.map((h) => h.id)).toEqual([all.hits[1]!.id]);
    const byTitle = (await run('search', 'Ashgabat OR Almaty', '--json', '--sort', 'title', '--limit', '50')).json<Hits>();
    expect(byTitle.hits.map((h) => h.title)).toEqual([...byTitle.hits.map((h) => h.title)].sort((a, b) => a.localeCompare(b, undefined, { sensitivity: 'base' })));
    expect((await run('search', 'Ashgabat', '--sort', 'colour')).code).toBe(2);
    expect((await run('search', 'Ashgabat', '--offset', '-1')).code).toBe(2);

    const bad = await run('search', 'terrorism', '"joint plan');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('cairn: This quote is not closed: add the closing quote after the phrase.\n  terrorism "joint plan\n            ^\n');
    const unknown = await run('search', 'colour:red', '--json');
    expect(unknown.code).toBe(2);
    expect(unknown.json()).toEqual({ error: { code: 'E_QUERY', message: expect.stringMatching(/^There is no field “colour:”/) as string, at: 0, length: 7 } });
    expect((await run('queue', '--query', 'year:17')).stderr).toMatch(/not a year[\s\S]*\n {2}year:17\n {2}\^{7}\n$/);
    expect((await run('export', '--query', 'a (b', '--out', '-')).code).toBe(2);

    // Facets: how all the hits spread, each value with the filter that narrows to it.
    const faceted = (await run('search', 'Ashgabat', '--facets', '--limit', '1', '--json')).json<Hits & { facets: Facets }>();
    expect(faceted.facets.status.values.find((v) => v.value === 'new')).toEqual({ value: 'new', count: faceted.total, filter: 'status:new' });
    const text = (await run('search', 'Ashgabat', '--facets')).stdout;
    expect(text).toMatch(new RegExp(`\\nStatus: status:new \\(${faceted.total}\\)\\n`));
  });

  it('search keeps its index between runs: built once (said on stderr), then loaded; a damaged one is named, put aside and rebuilt', async () => {
    const first = await run('search', 'Almaty', '--json');
    expect(first.stderr).toMatch(/^cairn: warning: search\/index\.snapshot: No saved search index was found/);
    const second = await run('search', 'Almaty', '--json');
    expect(second.stderr).toBe('');
    expect(second.json()).toEqual(first.json());

    await writeFile(path.join(dir, 'search', 'index.snapshot'), 'zeroed\n');
    const third = await run('search', 'Almaty', '--json');
    // A reader: it cannot move the file while it reads, and does so (borrowing the free lock) before saving the new one.
    expect(third.stderr).toMatch(/^cairn: warning: search\/index\.snapshot: The saved search index \(search\/index\.snapshot\) is damaged: it does not begin as a saved search index does\. .*quarantine/);
    expect(third.json()).toEqual(first.json());
    const [kept] = await readdir(path.join(dir, 'quarantine'));
    expect(await readFile(path.join(dir, 'quarantine', kept!, 'search', 'index.snapshot'), 'utf8')).toBe('zeroed\n');
    expect((await run('search', 'Almaty', '--json')).stderr).toBe('');
  });

  it('search answers from the catalogue as the archive opened whole does, in words and in JSON', async () => {
    // 210 notes more than the samples, so that their files are read with their keys, left to settle.
    const notes = path.join(tmp, 'notes');
    await mkdir(notes);
    for (let i = 0; i < 210; i++) await writeFile(path.join(notes, `note-${i}.txt`), `Field note ${i}\n\nObservation ${i} near Ashgabat on counter terrorism and keyword${i % 7}.`);
    expect((await run('import', notes)).code).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, SETTLED_MS + 100));
    const before = { ...answeredFrom };
    await run('search', 'Almaty', '--json'); // the archive opened whole: it learns the files' keys, and writes the catalogue
    const catalogue = path.join(dir, 'search', 'catalogue');
    expect(existsSync(catalogue)).toBe(true);
    const asks = [['Almaty'], ['"Joint Plan of Action"', '--json'], ['counter', 'terrorism', '--sort', 'date:desc', '--limit', '2', '--offset', '1'], ['Ashgabat', '--facets'], ['place:Ashgabat', '--json'], ['Ташкент'], ['keyword3', '--facets', '--json', '--limit', '3']];
    for (const ask of asks) {
      const fromCatalogue = await run('search', ...ask);
      await rm(catalogue);
      const whole = await run('search', ...ask); // writes the catalogue again, at its close
      expect(existsSync(catalogue)).toBe(true);
      expect(fromCatalogue.stdout, ask.join(' ')).toBe(whole.stdout);
      expect([fromCatalogue.code, fromCatalogue.stderr]).toEqual([whole.code, whole.stderr]);
    }
    expect(answeredFrom.catalogue - before.catalogue).toBe(asks.length);
    expect(answeredFrom.archive - before.archive).toBe(asks.length + 1);
  });

  it('stats counts records, statuses, dates, tags and proposals', async () => {
    const id = await idOf('United Nations launches');
    await run('config', 'set', 'name', 'A. Archivist');
    expect((await run('set', id, 'status=reviewed')).code).not.toBe(0); // its proposals are not confirmed yet
    expect((await run('review', id, '--status', 'reviewed', '--confirm')).code).toBe(0);
    await run('tag', id, 'training');
    // What the importer proposed is the core's business; count it from the records themselves.
    const records = await Promise.all(
      (await run('list', '--json')).json<{ id: string }[]>().map(async (s) => (await run('show', s.id, '--json')).json<CairnRecord>()),
    );
    const proposed: Record<string, number> = {};
    for (const r of records) for (const f of r.proposed) proposed[f] = (proposed[f] ?? 0) + 1;

    const stats = (await run('stats', '--json')).json();
    expect(stats).toEqual({
      records: 5,
      tags: 1,
      byStatus: { new: 4, 'in-review': 0, reviewed: 1, 'needs-work': 0, rejected: 0 },
      withDate: records.filter((r) => r.date).length,
      proposedFields: proposed,
      problems: 0,
      archive: { path: dir, name: 'archive', formatVersion: FORMAT_VERSION },
      reviewers: [{ name: 'A. Archivist', count: 1, byStatus: { reviewed: 1 } }],
      timeline: { granularity: 'year', bars: expect.any(Array), undated: records.filter((r) => !/^\d{4}/.test(r.date ?? '')).length },
    });
    expect(proposed.title).toBe(4);
    expect((await run('stats')).stdout).toMatch(/^Decisions by: +A\. Archivist 1$/m); // the reviewed record’s proposals were confirmed in the review
    expect((await run('stats')).stdout).toMatch(/^Records: +5$/m);
  });
});

describe('changing records', () => {
  beforeEach(async () => {
    await initWithSamples();
  });

  it('tag, untag and set round-trip through the archive', async () => {
    const id = await idOf('United Nations launches');
    const tagged = await run('tag', id, 'Border security', 'fieldwork');
    expect(tagged.code).toBe(0);
    expect(tagged.stdout).toMatch(/^Tagged “United Nations launches.*Tags: Border security, fieldwork\.\n$/);
    await run('untag', id, 'FIELDWORK');

    const set = await run('set', id, 'title=Project launch in Ashgabat', 'date=', 'place=Ashgabat, Turkmenistan', 'status=in-review', 'language=en', '--json');
    expect(set.code).toBe(0);
    expect(set.json()).toMatchObject({ changed: true, record: { id, rev: 4 } });

    const record = (await run('show', id, '--json')).json<CairnRecord>();
    expect(record).toMatchObject({
      title: 'Project launch in Ashgabat',
      date: null,
      place: 'Ashgabat, Turkmenistan',
      status: 'in-review',
      language: 'en',
      tags: ['Border security'],
    });
    expect(record.proposed).not.toContain('title');

    const again = await run('set', id, 'title=Project launch in Ashgabat', '--json');
    expect(again.json()).toMatchObject({ changed: false, record: { rev: 4 } });
    expect((await run('set', id, 'date=30 April 2018', '--json')).json<{ record: CairnRecord }>().record.date).toBe('2018-04-30');
  });

  it('sets the Dublin Core fields (source= is derivedFrom), takes a language by its name, and shows them', async () => {
    const id = await idOf('United Nations launches');
    const set = await run('set', id, 'publisher=UNRCCA', 'type=press release', 'source=https://unrcca.unmissions.org/', 'rights=© United Nations', 'language=Russian', '--json');
    expect(set.json()).toMatchObject({ changed: true, record: { publisher: 'UNRCCA', type: 'press release', derivedFrom: 'https://unrcca.unmissions.org/', rights: '© United Nations', language: 'ru' } });
    const shown = (await run('show', id)).stdout;
    for (const line of [/^Publisher: +UNRCCA$/m, /^Type: +press release$/m, /^Language: +ru \(Russian\)$/m, /^Source: +https:\/\/unrcca\.unmissions\.org\/$/m, /^Rights: +© United Nations$/m, /^Imported from: +001_/m]) expect(shown).toMatch(line);
    const bad = await run('set', id, 'language=Klingonese');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('cairn: “Klingonese” is not a language tag: write a BCP 47 tag such as en, ru, kk or uz-Cyrl.\n');
    const dc = await run('export', '--format', 'dc', '--out', '-');
    for (const element of ['<dc:publisher>UNRCCA</dc:publisher>', '<dc:type xml:lang="ru">press release</dc:type>', '<dc:source>https://unrcca.unmissions.org/</dc:source>', '<dc:rights xml:lang="ru">© United Nations</dc:rights>']) expect(dc.stdout).toContain(element);
  });

  it('bulk changes every record a search finds as one operation, says the count, and one undo takes it back', async () => {
    // place: finds the records whose place is Ashgabat and those that link the place.
    const found = (await run('search', 'place:Ashgabat', '--json')).json<{ total: number; hits: { id: string }[] }>();
    expect(found.total).toBe(3);
    const bulk = await run('bulk', '--query', 'place:Ashgabat', '--add-tag', 'Turkmenistan', '--set', 'publisher=UNRCCA', '--set', 'type=press release');
    expect(bulk.code).toBe(0);
    expect(bulk.stderr).toMatch(/^Found 3 records for “place:Ashgabat”\.$/m);
    expect(bulk.stdout).toBe('Changed 3 records (0 already so): one operation, which cairn undo takes back.\n');
    const list = found.hits;
    for (const r of list) {
      expect((await run('show', r.id, '--json')).json<CairnRecord>()).toMatchObject({ publisher: 'UNRCCA', type: 'press release', tags: expect.arrayContaining(['Turkmenistan']) as string[] });
    }
    const again = (await run('bulk', '--query', 'place:Ashgabat', '--add-tag', 'Turkmenistan', '--json')).json();
    expect(again).toEqual({ matched: 3, op: null, changed: 0, unchanged: 3 });
    expect((await run('undo')).code).toBe(0);
    for (const r of list) expect((await run('show', r.id, '--json')).json<CairnRecord>()).toMatchObject({ publisher: '', type: '' });
    // --all: every record.
    expect((await run('bulk', '--all', '--set', 'rights=© United Nations', '--json')).json()).toMatchObject({ matched: 5, changed: 5 });
    // cairn tags: the tree with counts.
    await run('tag', list[0]!.id, 'Central Asia › Turkmenistan');
    const tags = (await run('tags', '--json')).json<{ name: string; parent: string | null; count: number }[]>();
    expect(tags).toEqual(expect.arrayContaining([
      expect.objectContaining({ name: 'Central Asia', parent: null, count: 0 }),
      expect.objectContaining({ name: 'Central Asia › Turkmenistan', parent: 'Central Asia', count: 1 }),
    ]));
    expect((await run('tags')).stdout).toMatch(/^Central Asia \(0\)\n {2}Turkmenistan \(1\)$/m);
  });

  it('tags renames, merges, moves, colours and deletes a tag across the archive, each one undo; a dry run changes nothing', async () => {
    const [first, second] = (await run('list', '--json')).json<{ id: string }[]>();
    await run('tag', first!.id, 'Central Asia › Turkmenistan', 'Fieldwork');
    await run('tag', second!.id, 'central asia', 'Field work');
    const tagsOf = async (id: string) => (await run('show', id, '--json')).json<CairnRecord>().tags;

    const dry = await run('tags', 'rename', 'Central Asia', 'Central Asian states', '--dry-run');
    expect(dry.stdout).toBe('Would make “Central Asia” “Central Asian states” on 2 records (tags with those below it: 2); nothing changed.\n');
    expect(await tagsOf(first!.id)).toContain('Central Asia › Turkmenistan');

    const renamed = await run('tags', 'rename', 'Central Asia', 'Central Asian states');
    expect(renamed.stdout).toBe('“Central Asia” is now “Central Asian states” on 2 records (tags with those below it: 2).\n');
    expect(await tagsOf(first!.id)).toContain('Central Asian states › Turkmenistan');

    expect((await run('tags', 'merge', 'Field work', 'Fieldwork', '--json')).json()).toEqual({ tag: 'Field work', to: 'Fieldwork', records: 1, tags: 1, vocabularies: 0, applied: true });
    expect(await tagsOf(second!.id)).toContain('Fieldwork');
    await run('tags', 'move', 'Central Asian states › Turkmenistan', '--top');
    expect(await tagsOf(first!.id)).toContain('Turkmenistan');
    expect((await run('tags', 'color', 'Turkmenistan', '#0F766E')).stdout).toBe('“Turkmenistan” is now #0f766e.\n');
    expect((await run('tags', '--json')).json<{ name: string; color: string | null }[]>()).toContainEqual(expect.objectContaining({ name: 'Turkmenistan', color: '#0f766e' }));
    expect((await run('tags', 'delete', 'Fieldwork')).stdout).toBe('Took “Fieldwork” (tags with those below it: 1) off 2 records.\n');

    // One undo each, newest first.
    for (let i = 0; i < 5; i++) expect((await run('undo')).code).toBe(0);
    expect(await tagsOf(first!.id)).toEqual(expect.arrayContaining(['Central Asia › Turkmenistan', 'Fieldwork']));
    expect(await tagsOf(second!.id)).toEqual(expect.arrayContaining(['central asia', 'Field work']));

    // Bad input: a clear error, nothing changed.
    const itself = await run('tags', 'merge', 'Fieldwork', 'fieldwork');
    expect(itself.code).toBe(1);
    expect(itself.stderr).toMatch(/A tag cannot be merged into itself/);
    expect((await run('tags', 'move', 'Central Asia', '--parent', 'Central Asia › Turkmenistan')).stderr).toMatch(/cannot go under “Central Asia › Turkmenistan”: that is the tag itself or a tag below it/);
    expect((await run('tags', 'color', 'Fieldwork', 'red')).stderr).toMatch(/#rrggbb/);
    expect((await run('tags', 'move', 'Fieldwork')).code).toBe(2);
    expect((await run('tags', 'frobnicate', 'x')).stderr).toMatch(/rename, merge, move, color, delete/);
    expect((await run('tags', 'rename', 'Nowhere', 'x')).stderr).toMatch(/No tag “Nowhere”/);
    expect(await tagsOf(first!.id)).toEqual(expect.arrayContaining(['Central Asia › Turkmenistan', 'Fieldwork']));
  });

  it('vocab imports a CSV with Russian labels, lists it as a tree, a new edition moves the records’ tags, and undo takes it back', async () => {
    const csv = path.join(tmp, 'places.csv');
    await writeFile(csv, 'id,label,label@ru,broader\nca,Central Asia,Центральная Азия,\ntm,Turkmenistan,Туркменистан,ca\n');
    const imported = await run('vocab', 'import', csv);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toBe('Imported “places” (places): 2 concepts, other languages: ru; one operation, which cairn undo takes back.\n');
    expect((await run('vocab', 'list')).stdout).toMatch(/^places {2}places \(2 concepts\)$/m);
    expect((await run('vocab', 'list', 'places')).stdout).toBe('Central Asia  (ru: Центральная Азия)  [ca]\n  Turkmenistan  (ru: Туркменистан)  [tm]\n');
    const [first] = (await run('list', '--json')).json<{ id: string }[]>();
    await run('tag', first!.id, 'Turkmenistan');
    expect((await run('show', first!.id, '--json')).json<CairnRecord>().tags).toContain('Central Asia › Turkmenistan');

    await writeFile(csv, 'id,label,label@ru,broader\nca,Central Asian states,Государства Центральной Азии,\ntm,Turkmenistan,Туркменистан,ca\n');
    expect((await run('vocab', 'import', csv, '--dry-run', '--json')).json()).toMatchObject({ replaced: true, changed: 1, records: 1, applied: false });
    expect((await run('vocab', 'import', csv)).stdout).toMatch(/new edition: concepts new: 0, changed: 1, gone: 0; the tags of 1 record follow their concepts/);
    expect((await run('show', first!.id, '--json')).json<CairnRecord>().tags).toContain('Central Asian states › Turkmenistan');
    expect((await run('undo')).code).toBe(0);
    expect((await run('show', first!.id, '--json')).json<CairnRecord>().tags).toContain('Central Asia › Turkmenistan');

    // Bad input: named, nothing changed.
    await writeFile(csv, 'id,label,broader\na,A,b\nb,B,a\n');
    const loop = await run('vocab', 'import', csv);
    expect(loop.code).toBe(1);
    expect(loop.stderr).toMatch(/broader concepts go round in a loop \(a → b → a\)\. Nothing was changed\./);
    expect((await run('vocab', 'import', path.join(tmp, 'nowhere.csv'))).code).toBe(1);
    expect((await run('vocab', 'list', 'nope')).stderr).toMatch(/No vocabulary “nope” in this archive \(it has: places\)/);
  });

  it('searches saves a query under a name, lists it with its count, replaces it by name and forgets it', async () => {
    expect((await run('searches')).stdout).toBe('No saved searches yet (cairn searches save NAME QUERY keeps one).\n');
    expect((await run('searches', 'save', 'Ashgabat', 'place:Ashgabat')).stdout).toBe('Saved “Ashgabat”: it finds 3 records now.\n');
    await run('searches', 'save', 'Almaty', 'place:Almaty');
    expect((await run('searches')).stdout).toBe('Ashgabat  (3)  place:Ashgabat\nAlmaty  (2)  place:Almaty\n');
    expect((await run('searches', '--json')).json<{ name: string; count: number }[]>().map((s) => [s.name, s.count])).toEqual([['Ashgabat', 3], ['Almaty', 2]]);
    expect((await run('searches', 'remove', 'almaty')).stdout).toBe('Forgot the saved search “Almaty”.\n');
    // A query that cannot be read is shown with its place marked, as cairn search shows it (exit 2).
    const bad = await run('searches', 'save', 'Broken', '"unclosed');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/"unclosed\n {2}\^/);
    expect((await run('searches', 'frob')).code).toBe(2);
    expect((await run('searches', 'remove', 'Nowhere')).stderr).toMatch(/No saved search “Nowhere”/);
  });

  it('bulk refuses, changing nothing: a search that finds nothing, a field that is each record\'s own, no change asked', async () => {
    const before = (await run('list', '--json')).stdout;
    const none = await run('bulk', '--query', 'place:Tbilisi', '--add-tag', 'x');
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/^cairn: No record matches “place:Tbilisi”: nothing was changed\.$/m);
    const title = await run('bulk', '--all', '--set', 'title=Same for all');
    expect(title.code).toBe(2);
    expect(title.stderr).toMatch(/“title” cannot be set on many records at once; these can: date, place, creator, publisher, type, language, derivedFrom, rights, description, status/);
    expect((await run('bulk', '--all')).stderr).toMatch(/Say what to change/);
    expect((await run('bulk', '--add-tag', 'x')).stderr).toMatch(/Say which records: --query Q/);
    const badLanguage = await run('bulk', '--all', '--set', 'language=Klingonese');
    expect(badLanguage.code).toBe(1);
    expect((await run('list', '--json')).stdout).toBe(before);
  });

  it('an invalid date fails with one line on stderr, exit 1, and changes nothing', async () => {
    const id = await idOf('United Nations launches');
    const bad = await run('set', id, 'date=the day after the flood');
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/^cairn: Cairn could not read “the day after the flood” as a date\. [^\n]*\n$/);
    const json = await run('set', id, 'date=the day after the flood', '--json');
    expect(json.json()).toEqual({ error: { code: 'E_VALIDATION', message: expect.stringContaining('as a date') as string } });
    expect((await run('show', id, '--json')).json<CairnRecord>()).toMatchObject({ rev: 1, date: '2018-04-30' });
    expect(existsSync(path.join(dir, 'cairn.lock'))).toBe(false);
  });

  it('other refused changes are user errors too', async () => {
    const id = await idOf('United Nations launches');
    expect((await run('set', id, 'title=  ')).stderr).toMatch(/^cairn: A record needs a title/);
    expect((await run('set', id, 'status=done')).code).toBe(1);
    expect((await run('tag', '0000dead', 'x')).stderr).toBe('cairn: No record with id 0000dead in this archive.\n');
    expect((await run('tag', id, 'x'.repeat(350))).code).toBe(1);
  });
});

describe('export', () => {
  beforeEach(async () => {
    await initWithSamples();
  });

  it('writes valid JSON with every record, durably, and reports where', async () => {
    const out = path.join(tmp, 'all.json');
    const result = await run('export', '--format', 'json', '--out', out, '--json');
    expect(result.code).toBe(0);
    const text = await readFile(out, 'utf8');
    expect(result.json()).toEqual({ out, fileName: 'all.json', format: 'json', count: 5, bytes: Buffer.byteLength(text), files: 1, annotations: 0 });
    const doc = JSON.parse(text) as { format: string; count: number; query: null; records: CairnRecord[] };
    expect(doc).toMatchObject({ format: 'cairn-export', count: 5, query: null });
    expect(doc.records).toHaveLength(5);
    expect(doc.records.every((r) => r.text.length > 100)).toBe(true);
    expect((await readdir(tmp)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('--query narrows the export', async () => {
    const result = await run('export', '--out', 'almaty.json', '--query', 'Almaty');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Exported \d records to almaty\.json/);
    const doc = JSON.parse(await readFile(path.join(tmp, 'almaty.json'), 'utf8')) as { count: number; query: string; records: CairnRecord[] };
    expect(doc.query).toBe('Almaty');
    expect(doc.count).toBeGreaterThan(0);
    expect(doc.count).toBeLessThan(5);
    expect(doc.records.every((r) => /almaty/i.test(r.text + r.title + r.place))).toBe(true);
  });

  it('refuses to overwrite a file unless --force', async () => {
    const out = path.join(tmp, 'existing.json');
    await writeFile(out, 'keep me');
    const refused = await run('export', '--out', out);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/already exists.*--force/);
    expect(await readFile(out, 'utf8')).toBe('keep me');
    expect((await run('export', '--out', out, '--force')).code).toBe(0);
    expect((JSON.parse(await readFile(out, 'utf8')) as { count: number }).count).toBe(5);
  });

  it('--out - streams the export to stdout', async () => {
    const result = await run('export', '--out', '-');
    expect((JSON.parse(result.stdout) as { count: number }).count).toBe(5);
  });
});

describe('damaged archives', () => {
  beforeEach(async () => {
    await initWithSamples();
  });

  const recordFile = (id: string) => path.join(dir, 'records', id.slice(0, 2), `${id}.json`);

  it('a record file copied beside itself (sync conflict): tag is refused, not acknowledged and lost', async () => {
    const id = await idOf('Secretary-General Hails');
    const copy = path.join(dir, 'records', id.slice(0, 2), `${id}.sync-conflict-X.json`);
    await writeFile(copy, await readFile(recordFile(id)));

    const tagged = await run('tag', id.slice(0, 4), 't1');
    expect(tagged.code).toBe(1);
    expect(tagged.stderr).toContain(`${id}.sync-conflict-X.json`);
    expect((await run('show', id, '--json')).json<CairnRecord>().tags).toEqual([]);
    const stats = await run('stats');
    expect(stats.code).toBe(0);
    expect(stats.stdout + stats.stderr).toContain('sync-conflict-X.json');
  });

  it('a record with "tags": null or "date": 12345 is reported; list, search, show and stats still work', async () => {
    const id = await idOf('Secretary-General Hails');
    const other = await idOf('UNRCCA');
    const damaged = { ...(JSON.parse(await readFile(recordFile(id), 'utf8')) as object), tags: null, date: 12345 };
    await writeFile(recordFile(id), JSON.stringify(damaged));

    const list = await run('list', '--json');
    expect(list.code).toBe(0);
    expect(list.json<unknown[]>()).toHaveLength(4);
    expect((await run('search', 'Almaty', '--json')).code).toBe(0);
    expect((await run('show', other, '--json')).code).toBe(0);
    const stats = await run('stats');
    expect(stats.code).toBe(0);
    expect(stats.stdout + stats.stderr).toContain(`${id}.json`);
    expect((await run('tag', other, 'fine')).code).toBe(0);
  });

  it('a record without tags or from a newer Cairn: the others list and export, the newer one reads but tag is refused; the damaged file is put aside as it was, the newer one stays', async () => {
    const missing = await idOf('Secretary-General Hails');
    const newer = await idOf('UNRCCA');
    const { tags: _dropped, ...noTags } = JSON.parse(await readFile(recordFile(missing), 'utf8')) as Record<string, unknown>;
    await writeFile(recordFile(missing), JSON.stringify(noTags));
    const future = { ...(JSON.parse(await readFile(recordFile(newer), 'utf8')) as object), formatVersion: 99, transcriptions: [{ quote: 'Almaty' }] };
    await writeFile(recordFile(newer), JSON.stringify(future));
    const before = await Promise.all([missing, newer].map((id) => readFile(recordFile(id), 'utf8')));

    const list = await run('list', '--json');
    expect(list.code).toBe(0);
    expect(list.json<{ id: string }[]>().map((r) => r.id)).toContain(newer);
    expect(list.stderr).toContain(`${missing}.json: Unreadable record file (not a valid Cairn record: tags is missing`);
    expect((await run('show', newer, '--json')).json<CairnRecord & { transcriptions: unknown }>()).toMatchObject({ formatVersion: 99, transcriptions: [{ quote: 'Almaty' }] });
    const exported = await run('export', '--out', '-');
    expect(exported.code).toBe(0);
    expect(JSON.parse(exported.stdout)).toMatchObject({ count: 4 });

    const tagged = await run('tag', newer.slice(0, 4), 't1');
    expect(tagged.code).toBe(1);
    expect(tagged.stderr).toMatch(/newer Cairn.*update Cairn/);
    // Reading left both where they were; the writing command put the damaged one aside, byte for byte.
    const moved = /Moved to (quarantine\/\S+\.json)\./.exec(tagged.stderr)?.[1];
    expect(moved).toContain(missing);
    expect(await Promise.all([path.join(dir, moved!), recordFile(newer)].map((f) => readFile(f, 'utf8')))).toEqual(before);
  });
});

describe('unlock', () => {
  beforeEach(async () => {
    await initWithSamples();
  });
  const lockFile = () => path.join(dir, 'cairn.lock');
  const lockOf = (holder: Record<string, unknown>) => writeFile(lockFile(), JSON.stringify({ user: 'amina', app: 'Cairn 0.1.0', since: '2024-05-01T10:00:00.000Z', ...holder }));

  it('says so when there is no lock', async () => {
    const res = await run('unlock');
    expect(res).toMatchObject({ code: 0, stdout: 'The archive has no lock: no Cairn has it open.\n' });
  });

  it('removes a lock whose process is gone, naming who held it', async () => {
    await lockOf({ pid: 999_999, host: os.hostname() });
    const res = await run('unlock');
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('process 999999');
    expect(existsSync(lockFile())).toBe(false);
  });

  it('needs --force for a lock it cannot judge (another machine, a running pid it cannot identify, another pid namespace)', async () => {
    const inAnotherPidNamespace = { pid: process.ppid, host: os.hostname(), boot: currentBootId() ?? undefined, started: '1', pidns: 'pid:[4026531000]' };
    for (const holder of [{ pid: 999_999, host: 'field-laptop-7' }, { pid: process.ppid, host: os.hostname() }, inAnotherPidNamespace]) {
      await lockOf(holder);
      const refused = await run('unlock');
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('--force');
      expect(existsSync(lockFile())).toBe(true);
      const forced = await run('unlock', '--force', '--json');
      expect(forced.json()).toMatchObject({ removed: true, holder: { pid: holder.pid } });
      expect(existsSync(lockFile())).toBe(false);
    }
  });

  it('refuses, even with --force, a cairn.lock that is not a file (a named pipe), saying what it is and leaving it alone', async () => {
    execFileSync('mkfifo', [lockFile()]);
    for (const argv of [['unlock'], ['unlock', '--force'], ['tag', 'abcd1234', 'x']]) {
      const res = await run(...argv);
      expect(res.code, argv.join(' ')).toBe(1);
      expect(res.stderr).toContain(`${lockFile()} is a named pipe`);
    }
    expect((await lstat(lockFile())).isFIFO()).toBe(true);
  });

  it('never removes the lock of a Cairn that is certainly running, even with --force', async () => {
    const holder = await holdArchiveLock(dir);
    try {
      const res = await run('unlock', '--force');
      expect(res.code).toBe(1);
      expect(res.stderr).toContain(`already open in Lock holder (test) (process ${holder.pid}`);
      expect(existsSync(lockFile())).toBe(true);
    } finally {
      await holder.kill();
    }
  });
});

describe('import of things that are not files', () => {
  it('refuses a named pipe, a link to /dev/zero and a link loop at once, and imports the good file beside them', { timeout: 10_000 }, async () => {
    await run('init');
    const { execFileSync } = await import('node:child_process');
    const { symlink } = await import('node:fs/promises');
    execFileSync('mkfifo', [path.join(tmp, 'f.txt')]);
    await symlink('/dev/zero', path.join(tmp, 'zero.txt'));
    await symlink(path.join(tmp, 'loop2.txt'), path.join(tmp, 'loop1.txt'));
    await symlink(path.join(tmp, 'loop1.txt'), path.join(tmp, 'loop2.txt'));
    await writeFile(path.join(tmp, 'good.txt'), 'Field notes\n\nMet the elders of the village.\n');

    const res = await run('import', 'f.txt', 'zero.txt', 'loop1.txt', 'good.txt', '--json');
    expect(res.code).toBe(1);
    const report = res.json<ImportReport>();
    expect(report.imported.map((r) => r.file)).toEqual(['good.txt']);
    expect(report.failed).toEqual([
      { file: 'loop1.txt', code: 'E_NOT_A_FILE', message: expect.stringContaining('loop') as string, text: expect.objectContaining({ key: 'import_link_loop' }) as unknown },
      { file: 'f.txt', code: 'E_NOT_A_FILE', message: 'f.txt is a named pipe, not a file; there is nothing to import from it.', text: expect.objectContaining({ key: 'import_not_a_file' }) as unknown },
      { file: 'zero.txt', code: 'E_NOT_A_FILE', message: expect.stringContaining('device') as string, text: expect.objectContaining({ key: 'import_not_a_file' }) as unknown },
    ]);
    // A folder holding them: its pipe and links are tried and refused the same way, and the lock is released.
    const folder = await run('import', tmp, '--json');
    const inFolder = (name: string) => `${path.basename(tmp)}/${name} E_NOT_A_FILE`;
    expect(folder.json<ImportReport>().failed.map((f) => `${f.file} ${f.code}`).sort()).toEqual(['f.txt', 'loop1.txt', 'loop2.txt', 'zero.txt'].map(inFolder));
    expect(existsSync(path.join(dir, 'cairn.lock'))).toBe(false);
  });
});

describe('language', () => {
  const inRussian = (...argv: string[]) => cairn(argv, { env: { CAIRN_DATA_DIR: dir, LANG: 'ru_RU.UTF-8' }, cwd: tmp });

  it('speaks Russian when LANG says so, with Russian plurals and errors, and English when LC_ALL overrides it', async () => {
    await initWithSamples();
    const list = await inRussian('list');
    expect(list.stdout).toContain('ЗАГОЛОВОК');
    expect(list.stdout.trim().split('\n').at(-1)).toBe('5 записей');
    const missing = await inRussian('show', 'zzzz');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^cairn: .*zzzz/);
    expect(missing.stderr).not.toMatch(/[A-Za-z]{4,} [a-z]{3,} [a-z]{3,}/);
    const usage = await inRussian('bogus');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('Команды «bogus» нет');
    const english = await cairn(['list'], { env: { CAIRN_DATA_DIR: dir, LANG: 'ru_RU.UTF-8', LC_ALL: 'C' }, cwd: tmp });
    expect(english.stdout.trim().split('\n').at(-1)).toBe('5 records');
  });

  it('counts in Russian forms: 1 запись, 2 записи, 5 записей', async () => {
    expect((await run('init')).code).toBe(0);
    const files = ['one', 'two', 'three', 'four', 'five'].map((n, i) => ({ name: `${n}.txt`, body: `Report ${n}\n\nText number ${i} about ${n}.\n` }));
    const counts: string[] = [];
    for (const f of files) {
      await writeFile(path.join(tmp, f.name), f.body);
      expect((await run('import', f.name)).code).toBe(0);
      counts.push((await inRussian('list')).stdout.trim().split('\n').at(-1)!);
    }
    expect(counts).toEqual(['1 запись', '2 записи', '3 записи', '4 записи', '5 записей']);
  });

  it('never changes --json output with the language', async () => {
    await initWithSamples();
    await writeFile(path.join(tmp, 'empty.txt'), '');
    for (const argv of [['list', '--json'], ['stats', '--json'], ['search', 'Tashkent', '--json'], ['show', 'zzzz', '--json'], ['import', 'empty.txt', '--json']]) {
      const en = await cairn(argv, { env: { CAIRN_DATA_DIR: dir, LANG: 'en_GB.UTF-8' }, cwd: tmp });
      const ru = await inRussian(...argv);
      expect(ru.stdout, argv.join(' ')).toBe(en.stdout);
      expect(ru.code).toBe(en.code);
    }
  });
});

describe('config', () => {
  it('shows and sets the app’s interface language in the profile the app reads, and refuses a language Cairn does not speak', async () => {
    const profileDir = path.join(tmp, 'profile');
    const config = (...argv: string[]) => cairn(['config', ...argv], { env: { CAIRN_PROFILE_DIR: profileDir }, cwd: tmp });
    expect((await config('--json')).json()).toEqual({ language: null, name: '', exportFolder: expect.any(String) as string });
    expect((await config('language', 'ru')).stdout).toBe('language: Русский (ru)\n');
    expect((await Profile.load(profileDir)).settings()).toEqual({ language: 'ru', name: '', exportFolder: expect.any(String) as string });
    const refused = await config('language', 'de');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('Cairn does not speak “de”; language takes en, ru, system.');
    expect((await Profile.load(profileDir)).settings()).toEqual({ language: 'ru', name: '', exportFolder: expect.any(String) as string });
    expect((await config('set', 'language', 'system', '--json')).json()).toEqual({ language: null });
    const inRussian = await cairn(['config'], { env: { CAIRN_PROFILE_DIR: profileDir, LANG: 'ru_RU.UTF-8' }, cwd: tmp });
    expect(inRussian.stdout).toBe('язык: системный (приложение следует языку системы)\nимя: не задано (для решений о проверке оно нужно: cairn config set name "И. Фамилия")\n');
  });

  it('sets the name changes carry, which the app reads too', async () => {
    const profileDir = path.join(tmp, 'profile');
    const config = (...argv: string[]) => cairn(['config', ...argv], { env: { CAIRN_PROFILE_DIR: profileDir }, cwd: tmp });
    expect((await config('set', 'name', '  Aigerim   Sadykova ')).stdout).toBe('name: Aigerim Sadykova\n');
    expect((await Profile.load(profileDir)).settings()).toEqual({ language: null, name: 'Aigerim Sadykova', exportFolder: expect.any(String) as string });
    expect((await config('name', '--json')).json()).toEqual({ name: 'Aigerim Sadykova' });
    expect((await config('set', 'name')).code).toBe(2);
    expect((await config('set', 'colour', 'red')).code).toBe(2);
  });
});
