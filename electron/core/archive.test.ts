// The open archive end to end on real folders: import, edit, reopen, search, list order, export.
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CairnRecord, Vocabulary } from '../contract';
import { exportText } from './testing/export-text';
import { Archive } from './archive';
import { dateSortKey } from './model/dates';
import { layout } from './store/archive-folder';
import { changesLayout } from './changes/change-log';
import { readSampleFiles, sampleDir, snapshotTree, useTempFolders, type SampleFile } from './testing/fixtures';
import { sha256 } from './import/prepare-document';

const tempFolder = useTempFolders();
const app = 'Cairn (test)';

let samples: SampleFile[];
beforeEach(async () => {
  samples = await readSampleFiles();
});

async function sampleArchive(): Promise<Archive> {
  const archive = await Archive.create(path.join(await tempFolder(), 'archive'), { app, name: 'Sample', person: 'A. Archivist' });
  // Entity proposals are import-archive.test.ts's; here they would only stand in the way of reviews.
  const report = await archive.importFiles(samples, { entities: false });
  expect(report.failed).toEqual([]);
  expect(report.imported).toHaveLength(5);
  return archive;
}

function idOf(archive: Archive, fileName: string): string {
  const record = archive.list().items.map((s) => archive.get(s.id)).find((r) => r.source?.fileName === fileName);
  if (!record) throw new Error(`no record from ${fileName}`);
  return record.id;
}

const readRecordFile = async (root: string, id: string) => JSON.parse(await readFile(layout.record(root, id), 'utf8')) as CairnRecord;

describe('store round trip', () => {
  it('keeps every imported and edited field across close and a new Archive.open', async () => {
    const archive = await sampleArchive();
    const root = archive.root;
    const id = idOf(archive, '001_f7b9e3b84d36ff61.txt');
    const before = archive.get(id);
    expect(before.rev).toBe(1);

    await new Promise((r) => setTimeout(r, 5)); // so that updatedAt can differ from createdAt
    const edited = await archive.update({
      id,
      changes: { title: 'UN counter-terrorism project launched in Ashgabat', date: '30 April 2018', place: 'Ashgabat, Turkmenistan', status: 'reviewed', tags: ['Central Asia', 'UNOCT'], confirm: [...before.proposed] },
    });
    expect(edited).toMatchObject({
      rev: 2,
      title: 'UN counter-terrorism project launched in Ashgabat',
      date: '2018-04-30',
      place: 'Ashgabat, Turkmenistan',
      status: 'reviewed',
      tags: ['Central Asia', 'UNOCT'],
    });
    expect(edited.updatedAt > before.updatedAt).toBe(true);
    expect(edited.createdAt).toBe(before.createdAt);
    expect(edited.text).toBe(before.text);

    const again = await archive.update({ id, changes: { addTags: ['Turkmenistan'] } });
    expect(again.rev).toBe(3);
    const everything = archive.list().items.map((s) => archive.get(s.id));
    await archive.close();

    const reopened = await Archive.open(root, { app });
    expect(reopened.size).toBe(5);
    expect(reopened.get(id)).toEqual(again);
    for (const record of everything) expect(reopened.get(record.id)).toEqual(record);
    expect(reopened.info().problems).toEqual([]);
    await reopened.close();
  });

  it('writes the record to records/<first 2 chars of id>/<id>.json with the new values', async () => {
    const archive = await sampleArchive();
    const id = idOf(archive, '000_7170fe4d90e21053.txt');
    await archive.update({ id, changes: { title: 'Ashgabat Declaration', status: 'in-review' } });
    const file = path.join(archive.root, 'records', id.slice(0, 2), `${id}.json`);
    const onDisk = JSON.parse(await readFile(file, 'utf8')) as CairnRecord;
    expect(onDisk).toMatchObject({ id, rev: 2, title: 'Ashgabat Declaration', status: 'in-review' });
    expect(onDisk).toEqual(archive.get(id));
    await archive.close();
  });

  it('an edit writes only that record’s file and appends to its log and the journal: every other file keeps its bytes and mtime', async () => {
    const archive = await sampleArchive();
    const id = idOf(archive, '002_dc1c1573bed37b86.txt');
    const before = await snapshotTree(archive.root);
    await new Promise((r) => setTimeout(r, 20)); // a rewrite would show as a later mtime
    await archive.update({ id, changes: { tags: ['Tajikistan'] } });
    const after = await snapshotTree(archive.root);

    const rewritten = path.relative(archive.root, layout.record(archive.root, id));
    const appended = [path.relative(archive.root, changesLayout.record(archive.root, id)), path.relative(archive.root, changesLayout.journal(archive.root))];
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    for (const file of Object.keys(before)) {
      if (file === rewritten) expect(after[file]!.bytes).not.toBe(before[file]!.bytes);
      else if (appended.includes(file)) expect(Buffer.from(after[file]!.bytes, 'base64').subarray(0, Buffer.from(before[file]!.bytes, 'base64').length).toString('base64')).toBe(before[file]!.bytes);
      else expect(after[file], file).toEqual(before[file]);
    }
    await archive.close();
  });

  it('a patch that changes nothing keeps the revision and writes nothing', async () => {
    const archive = await sampleArchive();
    const id = idOf(archive, '003_38c546566e91b785.txt');
    const record = archive.get(id);
    const mtime = (await stat(layout.record(archive.root, id))).mtimeMs;
    const same = await archive.update({ id, changes: { status: record.status, tags: [], removeTags: ['absent'] } });
    expect(same).toEqual(record);
    expect((await stat(layout.record(archive.root, id))).mtimeMs).toBe(mtime);
    await archive.close();
  });

  it('refuses a stale revision with E_CONFLICT and changes nothing', async () => {
    const archive = await sampleArchive();
    const id = idOf(archive, '004_65fedb5677ea9341.txt');
    await archive.update({ id, ifRev: 1, changes: { place: 'Almaty, Kazakhstan' } });
    await expect(archive.update({ id, ifRev: 1, changes: { place: 'Astana' } })).rejects.toMatchObject({ code: 'E_CONFLICT' });
    expect(archive.get(id)).toMatchObject({ rev: 2, place: 'Almaty, Kazakhstan' });
    expect((await readRecordFile(archive.root, id)).place).toBe('Almaty, Kazakhstan');
    await archive.close();
  });

  it('an invalid edit fails with E_VALIDATION and leaves memory and disk unchanged', async () => {
    const archive = await sampleArchive();
    const id = idOf(archive, '004_65fedb5677ea9341.txt');
    const before = archive.get(id);
    const fileBefore = await readFile(layout.record(archive.root, id), 'utf8');
    await expect(archive.update({ id, changes: { place: 'Bishkek', date: 'sometime in spring' } })).rejects.toMatchObject({ code: 'E_VALIDATION' });
    await expect(archive.update({ id, changes: { title: '  ', status: 'reviewed' } })).rejects.toMatchObject({ code: 'E_VALIDATION' });
    expect(archive.get(id)).toEqual(before);
    expect(await readFile(layout.record(archive.root, id), 'utf8')).toBe(fileBefore);
    expect(archive.search('Bishkek').total).toBe(0);
    await archive.close();
  });

  it('refuses unknown ids with E_NOT_FOUND, and every change after close with E_NO_ARCHIVE', async () => {
    const archive = await sampleArchive();
    expect(() => archive.get('no-such-id')).toThrow(expect.objectContaining({ code: 'E_NOT_FOUND' }));
    await expect(archive.update({ id: 'no-such-id', changes: { title: 'x' } })).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
    const id = archive.list().items[0]!.id;
    await archive.close();
    await expect(archive.update({ id, changes: { title: 'x' } })).rejects.toMatchObject({ code: 'E_NO_ARCHIVE' });
  });

  it('runs concurrent edits one at a time: every one lands, each with its own revision', async () => {
    const archive = await sampleArchive();
    const id = idOf(archive, '000_7170fe4d90e21053.txt');
    const results = await Promise.all(['a', 'b', 'c', 'd'].map((t) => archive.update({ id, changes: { addTags: [t] } })));
    expect(results.map((r) => r.rev)).toEqual([2, 3, 4, 5]);
    expect(archive.get(id).tags).toEqual(['a', 'b', 'c', 'd']);
    expect((await readRecordFile(archive.root, id)).tags).toEqual(['a', 'b', 'c', 'd']);
    await archive.close();
  });

  it('reports a damaged record file as a problem, puts it aside unchanged, and loads the rest', async () => {
    const archive = await sampleArchive();
    const root = archive.root;
    const id = idOf(archive, '003_38c546566e91b785.txt');
    await archive.close();
    await writeFile(layout.record(root, id), '{"id": "half a rec');
    const reopened = await Archive.open(root, { app });
    expect(reopened.size).toBe(4);
    const [problem] = reopened.info().problems;
    expect(reopened.info().problems).toEqual([
      {
        file: path.relative(root, layout.record(root, id)),
        message: expect.stringContaining('Unreadable record file'),
        text: expect.objectContaining({ key: 'record_file_unreadable' }),
        quarantined: expect.stringMatching(/^quarantine\//),
        recovery: { kind: 'record', id, backup: null },
      },
    ]);
    expect(await readFile(path.join(root, problem!.quarantined!), 'utf8')).toBe('{"id": "half a rec');
    await reopened.close();
  });
});

describe('import', () => {
  it('proposes the extracted fields and keeps the source’s provenance', async () => {
    const archive = await sampleArchive();
    const record = archive.get(idOf(archive, '000_7170fe4d90e21053.txt'));
    expect(record).toMatchObject({ rev: 1, status: 'new', identifier: 'PA/19', date: 'XXXX-06-13', place: 'Ashgabat', tags: [] });
    expect(record.proposed.sort()).toEqual(['date', 'identifier', 'language', 'place', 'title']);
    expect(record.language).toBe('en');
    expect(record.source).toMatchObject({ fileName: '000_7170fe4d90e21053.txt', mediaType: 'text/plain', encoding: 'utf-8', encodingConfidence: 1, parser: 'plain-text', bytes: samples[0]!.bytes.length, sha256: sha256(samples[0]!.bytes) });
    expect(record.text).toBe(samples[0]!.bytes.toString('utf8'));
    await archive.close();
  });

  it('keeps the text exactly as received, even when it ends mid-sentence', async () => {
    const archive = await sampleArchive();
    const record = archive.get(idOf(archive, '001_f7b9e3b84d36ff61.txt'));
    const original = await readFile(path.join(sampleDir, '001_f7b9e3b84d36ff61.txt'), 'utf8');
    expect(record.text).toBe(original);
    await archive.close();
  });

  it('keeps each original under originals/<sha prefix>/<sha> with identical bytes', async () => {
    const archive = await sampleArchive();
    for (const file of samples) {
      const sha = sha256(file.bytes);
      const kept = await readFile(path.join(archive.root, 'originals', sha.slice(0, 2), sha));
      expect(kept.equals(file.bytes), file.name).toBe(true);
    }
    await archive.close();
  });

  it('refuses a second import of the same file as a duplicate, naming the existing record', async () => {
    const archive = await sampleArchive();
    const file = samples[2]!;
    const existing = idOf(archive, file.name);
    const report = await archive.importFiles([{ name: 'copy of release.txt', bytes: file.bytes }]);
    expect(report).toEqual({ imported: [], duplicates: [{ file: 'copy of release.txt', id: existing, title: archive.get(existing).title }], failed: [] });
    expect(archive.size).toBe(5);
    await archive.close();
  });

  it('treats the same text with CRLF line ends, a UTF-8 BOM, or trailing spaces as a duplicate', async () => {
    const archive = await sampleArchive();
    const file = samples[1]!;
    const text = file.bytes.toString('utf8');
    const crlf = Buffer.from(text.replace(/\n/g, '\r\n'));
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), file.bytes]);
    const spaces = Buffer.from(text.replace(/\n/g, '  \n'));
    const report = await archive.importFiles([
      { name: 'crlf.txt', bytes: crlf },
      { name: 'bom.txt', bytes: bom },
      { name: 'spaces.txt', bytes: spaces },
    ]);
    const existing = idOf(archive, file.name);
    expect(report.imported).toEqual([]);
    expect(report.duplicates.map((d) => [d.file, d.id])).toEqual([
      ['crlf.txt', existing],
      ['bom.txt', existing],
      ['spaces.txt', existing],
    ]);
    await archive.close();
  });

  it('refuses a duplicate within one batch', async () => {
    const archive = await Archive.create(await tempFolder(), { app });
    const report = await archive.importFiles([samples[0]!, { name: 'again.txt', bytes: samples[0]!.bytes }]);
    expect(report.imported).toHaveLength(1);
    expect(report.duplicates).toEqual([{ file: 'again.txt', id: report.imported[0]!.id, title: report.imported[0]!.title }]);
    await archive.close();
  });

  it('reads a Windows-1251 file (Cyrillic from an old Windows machine) and says so; refuses bytes no encoding reads, changing nothing', async () => {
    const archive = await sampleArchive();
    // "Привет, мир" in Windows-1251.
    const cp1251 = Buffer.from([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2, 0x2c, 0x20, 0xec, 0xe8, 0xf0]);
    const imported = await archive.importFiles([{ name: 'privet.txt', bytes: cp1251 }]);
    expect(archive.get(imported.imported[0]!.id)).toMatchObject({ text: 'Привет, мир', source: { encoding: 'windows-1251' } });
    const noise = Buffer.from(Array.from({ length: 300 }, (_, i) => 0x80 + ((i * 37) % 0x7f)));
    const before = await snapshotTree(archive.root);
    const report = await archive.importFiles([{ name: 'noise.txt', bytes: noise }]);
    expect(report.imported).toEqual([]);
    expect(report.failed).toEqual([{ file: 'noise.txt', code: 'E_DECODE', message: expect.stringContaining('could not be read as text'), text: { key: 'import_undecodable', params: { name: 'noise.txt' } } }]);
    expect(await snapshotTree(archive.root)).toEqual(before);
    expect(archive.size).toBe(6);
    await archive.close();
  });

  it('refuses empty and blank files with E_EMPTY_FILE, other formats with E_UNSUPPORTED_FORMAT, binaries too', async () => {
    const archive = await Archive.create(await tempFolder(), { app });
    const report = await archive.importFiles([
      { name: 'empty.txt', bytes: Buffer.alloc(0) },
      { name: 'blank.txt', bytes: Buffer.from(' \n\t\r\n ') },
      { name: 'report.pdf', bytes: Buffer.from('%PDF-1.7 ...') },
      { name: 'photo.txt', bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x1a]) },
    ]);
    expect(report.failed.map((f) => [f.file, f.code])).toEqual([
      ['empty.txt', 'E_EMPTY_FILE'],
      ['blank.txt', 'E_EMPTY_FILE'],
      ['report.pdf', 'E_DECODE'],
      ['photo.txt', 'E_UNSUPPORTED_FORMAT'],
    ]);
    expect(report.failed[2]!.message).toContain('not a readable PDF file');
    expect(archive.size).toBe(0);
    await archive.close();
  });

  it('does not let one bad file stop the others in the same batch', async () => {
    const archive = await Archive.create(await tempFolder(), { app });
    const report = await archive.importFiles([
      samples[0]!,
      { name: 'bad.pdf', bytes: Buffer.from('%PDF') },
      samples[1]!,
      { name: 'empty.txt', bytes: Buffer.alloc(0) },
      samples[2]!,
    ]);
    expect(report.imported.map((i) => i.file)).toEqual([samples[0]!.name, samples[1]!.name, samples[2]!.name]);
    expect(report.failed.map((f) => f.code)).toEqual(['E_DECODE', 'E_EMPTY_FILE']);
    expect(archive.size).toBe(3);
    await archive.close();
  });

  it('imports UTF-16 text with a byte-order mark', async () => {
    const archive = await Archive.create(await tempFolder(), { app });
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Minutes of the Osh meeting\n\nThe meeting opened at noon.', 'utf16le')]);
    const report = await archive.importFiles([{ name: 'osh.txt', bytes: utf16 }]);
    expect(report.failed).toEqual([]);
    const record = archive.get(report.imported[0]!.id);
    expect(record).toMatchObject({ title: 'Minutes of the Osh meeting', source: { encoding: 'utf-16le' } });
    await archive.close();
  });
});

describe('search index', () => {
  it('finds a new word put into a title at once, and forgets the old one', async () => {
    const archive = await sampleArchive();
    const id = idOf(archive, '004_65fedb5677ea9341.txt');
    expect(archive.search('Zarafshan').total).toBe(0);
    await archive.update({ id, changes: { title: 'Zarafshan consultation' } });
    expect(archive.search('Zarafshan').hits.map((h) => h.id)).toEqual([id]);
    expect(archive.list({ query: 'zarafshan' }).items.map((s) => s.id)).toEqual([id]);
    await archive.close();
  });

  it('finds a record by its tag, and no longer once the tag is removed', async () => {
    const archive = await sampleArchive();
    const id = idOf(archive, '002_dc1c1573bed37b86.txt');
    await archive.update({ id, changes: { addTags: ['Kestrel'] } });
    expect(archive.search('kestrel').hits.map((h) => h.id)).toEqual([id]);
    expect(archive.tags()).toEqual([{ tag: 'Kestrel', count: 1 }]);
    await archive.update({ id, changes: { removeTags: ['KESTREL'] } });
    expect(archive.search('kestrel').total).toBe(0);
    expect(archive.tags()).toEqual([]);
    await archive.close();
  });

  it('finds newly imported records at once', async () => {
    const archive = await sampleArchive();
    const report = await archive.importFiles([{ name: 'note.txt', bytes: Buffer.from('Field note\n\nThe Khorog border post reopened.') }]);
    expect(archive.search('Khorog').hits.map((h) => h.id)).toEqual([report.imported[0]!.id]);
    await archive.close();
  });

  it('folds diacritics and case: "jenca" finds both spellings of Jenča, "GUTERRES" finds Guterres', async () => {
    const archive = await sampleArchive();
    const jenca = archive.search('jenca').hits.map((h) => h.id).sort();
    expect(jenca).toEqual([idOf(archive, '003_38c546566e91b785.txt'), idOf(archive, '004_65fedb5677ea9341.txt')].sort());
    expect(archive.search('JENČA').hits.map((h) => h.id).sort()).toEqual(jenca);
    const guterres = archive.search('GUTERRES').hits.map((h) => h.id).sort();
    expect(guterres).toEqual([idOf(archive, '000_7170fe4d90e21053.txt'), idOf(archive, '001_f7b9e3b84d36ff61.txt')].sort());
    await archive.close();
  });

  it('matches prefixes: "terror" finds the counter-terrorism records', async () => {
    const archive = await sampleArchive();
    expect(archive.search('terror').total).toBe(5);
    expect(archive.search('Ashgab').total).toBeGreaterThanOrEqual(3);
    const hit = archive.search('terror').hits[0]!;
    expect(hit.terms.some((t) => t.startsWith('terror'))).toBe(true);
    expect(hit.snippet.toLowerCase()).toContain('terror');
    await archive.close();
  });

  it('combines words with AND', async () => {
    const archive = await sampleArchive();
    expect(archive.search('Guterres Dushanbe').total).toBe(0);
    expect(archive.search('Jenča Bratislava').hits.map((h) => h.id)).toEqual([idOf(archive, '003_38c546566e91b785.txt')]);
    await archive.close();
  });

  it('searches Cyrillic text: a Russian word, its prefix, and its capitalised form', async () => {
    const archive = await sampleArchive();
    const text = 'Совещание в Душанбе\n\nПредставители пяти государств Центральной Азии обсудили борьбу с терроризмом.';
    const report = await archive.importFiles([{ name: 'dushanbe-ru.txt', bytes: Buffer.from(text, 'utf8') }]);
    const id = report.imported[0]!.id;
    expect(archive.get(id).title).toBe('Совещание в Душанбе');
    expect(archive.search('терроризмом').hits.map((h) => h.id)).toEqual([id]);
    // A prefix, and capitals; across scripts too: "террор" is also "terror…", "ДУШАНБЕ" also "Dushanbe".
    expect(archive.search('террор').hits.map((h) => h.id)).toContain(id);
    expect(archive.search('ДУШАНБЕ').hits.map((h) => h.id)).toEqual(archive.search('Dushanbe OR Душанбе').hits.map((h) => h.id));
    expect(archive.search('ДУШАНБЕ').hits.map((h) => h.id)).toContain(id);
    expect(archive.search('государств').hits[0]!.snippet).toContain('государств');
    await archive.close();
  });

  it('is rebuilt from the records on reopen', async () => {
    const archive = await sampleArchive();
    const id = idOf(archive, '004_65fedb5677ea9341.txt');
    await archive.update({ id, changes: { title: 'Zarafshan consultation' } });
    await archive.close();
    const reopened = await Archive.open(archive.root, { app });
    expect(reopened.search('zarafshan').hits.map((h) => h.id)).toEqual([id]);
    await reopened.close();
  });

  it('returns nothing for an empty query and honours the limit', async () => {
    const archive = await sampleArchive();
    expect(archive.search('   ')).toEqual({ total: 0, hits: [] });
    const limited = archive.search('terror', 2);
    expect(limited.total).toBe(5);
    expect(limited.hits).toHaveLength(2);
    await archive.close();
  });
});

describe('records.list order', () => {
  async function datedArchive() {
    const archive = await sampleArchive();
    const ids = {
      a000: idOf(archive, '000_7170fe4d90e21053.txt'), // XXXX-06-13
      a001: idOf(archive, '001_f7b9e3b84d36ff61.txt'), // 2018-04-30
      a002: idOf(archive, '002_dc1c1573bed37b86.txt'), // 2021-12-08
      a003: idOf(archive, '003_38c546566e91b785.txt'),
      a004: idOf(archive, '004_65fedb5677ea9341.txt'), // 2012-06-22
    };
    // Pin every date so the order does not depend on what the extractor finds.
    await archive.update({ id: ids.a003, changes: { date: null } });
    await archive.update({ id: ids.a000, changes: { date: 'XXXX-06-13' } });
    return { archive, ids };
  }

  it('lists by date by default: known years first, then unknown years, then no date', async () => {
    const { archive, ids } = await datedArchive();
    const list = archive.list();
    expect(list.total).toBe(5);
    expect(list.items.map((s) => s.id)).toEqual([ids.a004, ids.a001, ids.a002, ids.a000, ids.a003]);
    expect(list.items.map((s) => s.date)).toEqual(['2012-06-22', '2018-04-30', '2021-12-08', 'XXXX-06-13', null]);
    await archive.close();
  });

  it('orders partial dates with their year: "2012" and "2012-06" before "2012-06-22"', async () => {
    const { archive, ids } = await datedArchive();
    await archive.update({ id: ids.a001, changes: { date: '2012' } });
    await archive.update({ id: ids.a002, changes: { date: 'June 2012' } });
    expect(archive.list().items.map((s) => s.date)).toEqual(['2012', '2012-06', '2012-06-22', 'XXXX-06-13', null]);
    await archive.close();
  });

  it('reverses the date order when descending, still keeping records without a date last', async () => {
    const { archive, ids } = await datedArchive();
    const desc = archive.list({ sort: { field: 'date', direction: 'desc' } }).items.map((s) => s.id);
    expect(desc).toEqual([ids.a000, ids.a002, ids.a001, ids.a004, ids.a003]);
    await archive.close();
  });

  it('keeps records without a place last in both directions', async () => {
    const { archive, ids } = await datedArchive();
    await archive.update({ id: ids.a002, changes: { place: '' } });
    const asc = archive.list({ sort: { field: 'place', direction: 'asc' } }).items;
    const desc = archive.list({ sort: { field: 'place', direction: 'desc' } }).items;
    expect(asc.at(-1)!.id).toBe(ids.a002);
    expect(desc.at(-1)!.id).toBe(ids.a002);
    expect(desc.slice(0, -1).map((s) => s.place)).toEqual(asc.slice(0, -1).map((s) => s.place).reverse());
    await archive.close();
  });

  it('sorts a qualified date ("2012?") with its year, not after every 2012 date', async () => {
    const { archive, ids } = await datedArchive();
    await archive.update({ id: ids.a001, changes: { date: '2012?' } });
    expect(archive.list().items.map((s) => s.date).slice(0, 2)).toEqual(['2012?', '2012-06-22']);
    await archive.close();
  });

  it('sorts by title case-insensitively, both ways', async () => {
    const { archive } = await datedArchive();
    const asc = archive.list({ sort: { field: 'title', direction: 'asc' } }).items.map((s) => s.title);
    expect(asc.map((t) => t.slice(0, 12))).toEqual(['Central Asia', 'Launch of th', 'Secretary-Ge', 'United Natio', 'UNRCCA and C']);
    const desc = archive.list({ sort: { field: 'title', direction: 'desc' } }).items.map((s) => s.title);
    expect(desc).toEqual([...asc].reverse());
    await archive.close();
  });

  it('sorts by review status in workflow order, then by title', async () => {
    const { archive, ids } = await datedArchive();
    await archive.update({ id: ids.a001, changes: { status: 'rejected' }, comment: 'Not about Central Asia' });
    await archive.update({ id: ids.a002, changes: { status: 'reviewed', confirm: [...archive.get(ids.a002).proposed] } });
    await archive.update({ id: ids.a004, changes: { status: 'in-review' } });
    const asc = archive.list({ sort: { field: 'status', direction: 'asc' } }).items;
    expect(asc.map((s) => s.status)).toEqual(['new', 'new', 'in-review', 'reviewed', 'rejected']);
    expect(asc.slice(0, 2).map((s) => s.id)).toEqual([ids.a003, ids.a000]); // "Central Asia…" before "Secretary-General…"
    const desc = archive.list({ sort: { field: 'status', direction: 'desc' } }).items;
    expect(desc.map((s) => s.status)).toEqual(['rejected', 'reviewed', 'in-review', 'new', 'new']);
    await archive.close();
  });

  it('lists search results by relevance unless told otherwise, each with a score', async () => {
    const { archive } = await datedArchive();
    const byRelevance = archive.list({ query: 'terror' }).items;
    expect(byRelevance).toHaveLength(5);
    const scores = byRelevance.map((s) => s.score!);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const byDate = archive.list({ query: 'terror', sort: { field: 'date', direction: 'asc' } }).items;
    expect(byDate.map((s) => s.id).sort()).toEqual(byRelevance.map((s) => s.id).sort());
    const keys = byDate.map((s) => dateSortKey(s.date));
    expect(keys).toEqual([...keys].sort());
    await archive.close();
  });
});

describe('vocabularies', () => {
  const vocabulary: Vocabulary = {
    id: 'topics',
    label: 'Topics',
    concepts: [{ id: 'jpoa', label: 'Joint Plan of Action', altLabels: ['JPoA'] }],
  };

  it('are stored as their own file, survive a reopen, and canonicalise tags on edit', async () => {
    const archive = await sampleArchive();
    await archive.putVocabulary(vocabulary);
    const id = idOf(archive, '000_7170fe4d90e21053.txt');
    const edited = await archive.update({ id, changes: { tags: ['jpoa', 'joint plan of action', 'Ashgabat'] } });
    expect(edited.tags).toEqual(['Joint Plan of Action', 'Ashgabat']);
    await archive.close();

    const reopened = await Archive.open(archive.root, { app });
    expect(reopened.vocabularies()).toEqual([vocabulary]);
    expect(JSON.parse(await readFile(path.join(archive.root, 'vocabularies', 'topics.json'), 'utf8'))).toEqual(vocabulary);
    await reopened.close();
  });
});

describe('export', () => {
  it('exports every record, or the ones a query finds, as parseable JSON with a header', async () => {
    const archive = await sampleArchive();
    const parsed = JSON.parse(await exportText(archive)) as { count: number; records: CairnRecord[]; query: string | null };
    expect(parsed.count).toBe(5);
    expect(parsed.records.map((r) => r.id).sort()).toEqual(archive.list().items.map((s) => s.id).sort());
    expect(parsed.records.find((r) => r.source?.fileName === samples[0]!.name)).toEqual(archive.get(idOf(archive, samples[0]!.name)));

    const parsedSome = JSON.parse(await exportText(archive, { query: 'Jenča' })) as { count: number; records: CairnRecord[]; query: string };
    expect(parsedSome).toMatchObject({ count: 2, query: 'Jenča' });

    expect(JSON.parse(await exportText(archive, { ids: [] }))).toMatchObject({ count: 0, records: [] });
    await archive.close();
  });
});
