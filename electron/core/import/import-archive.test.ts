// Import into a real archive: every format and encoding, provenance, CSV rows, near duplicates and
// new versions, entity proposals, one undo for an import sent in several calls.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { Archive } from '../archive';
import { readSampleFiles, snapshotTree, useTempFolders } from '../testing/fixtures';

const tempFolder = useTempFolders();
const app = 'Cairn (test)';
const fixtures = path.join(import.meta.dirname, 'formats', 'fixtures');

const RUSSIAN = 'ДУШАНБЕ, 18 ноября 2022 года - Представители пяти государств Центральной Азии обсудили ход выполнения Совместного плана действий по осуществлению Глобальной контртеррористической стратегии ООН.\r\nВстречу открыл Специальный представитель Генерального секретаря Наталья Герман.';

async function newArchive(): Promise<Archive> {
  return Archive.create(path.join(await tempFolder(), 'archive'), { app, name: 'Import', person: 'A. Archivist' });
}

describe('import of text in legacy encodings', () => {
  it('reads Windows-1251 and KOI8-R, records the encoding and how sure it was, and keeps the original bytes', async () => {
    const archive = await newArchive();
    const cp1251 = iconv.encode(RUSSIAN, 'windows-1251');
    const koi8 = iconv.encode(RUSSIAN.replace('Душанбе', 'Бишкек').replace('ДУШАНБЕ', 'БИШКЕК'), 'koi8-r');
    const report = await archive.importFiles([
      { name: 'old/cp1251.txt', bytes: cp1251 },
      { name: 'koi8.txt', bytes: koi8 },
    ]);
    expect(report.failed).toEqual([]);
    const [a, b] = report.imported.map((r) => archive.get(r.id));
    expect(a!.text).toBe(RUSSIAN.replace('\r\n', '\n'));
    expect(a!.source).toMatchObject({ fileName: 'cp1251.txt', path: 'old/cp1251.txt', encoding: 'windows-1251', parser: 'plain-text', mediaType: 'text/plain' });
    expect(a!.source!.encodingConfidence).toBeGreaterThan(0.4);
    expect(b!.source).toMatchObject({ encoding: 'koi8-r' });
    expect(b!.source).not.toHaveProperty('path');
    // The dateline, in Russian, and the language.
    expect(a).toMatchObject({ place: 'Душанбе', date: '2022-11-18', language: 'ru' });
    expect(a!.proposed).toEqual(expect.arrayContaining(['place', 'date', 'language']));
    const kept = await readFile(path.join(archive.root, 'originals', a!.source!.sha256.slice(0, 2), a!.source!.sha256));
    expect(kept.equals(cp1251)).toBe(true);
    await archive.close();
  });
});

describe('import of documents', () => {
  it('takes Markdown, a web page, a Word file and a PDF, each through its parser', async () => {
    const archive = await newArchive();
    const read = (name: string) => readFile(path.join(fixtures, name));
    const report = await archive.importFiles([
      { name: 'note.md', bytes: Buffer.from('# Border posts in Khorog\n\nThe delegation visited **three** border posts along the Panj river and met their commanders, who described the equipment and training they need.\n') },
      { name: 'hostile.html', bytes: await read('hostile.html') },
      { name: 'report.docx', bytes: await read('report.docx') },
      { name: 'two-columns.pdf', bytes: await read('two-columns.pdf') },
    ]);
    expect(report.failed).toEqual([]);
    const records = report.imported.map((r) => archive.get(r.id));
    expect(records.map((r) => r.source?.parser)).toEqual(['markdown', 'html (linkedom, readability)', 'docx (mammoth)', 'pdf (pdf.js)']);
    expect(records[0]!.title).toBe('Border posts in Khorog');
    expect(records[0]!.text).toContain('**three**');
    expect(records[1]!.text).not.toMatch(/alert|onerror|javascript:/i);
    expect(records[2]!.source?.mediaType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(records[3]!.source?.mediaType).toBe('application/pdf');
    for (const r of records) expect(r.text.length).toBeGreaterThan(20);
    await archive.close();
  });

  it('says what is wrong with each bad file and imports the rest, changing nothing for the bad ones', async () => {
    const archive = await newArchive();
    const read = (name: string) => readFile(path.join(fixtures, name));
    const before = await snapshotTree(archive.root);
    const report = await archive.importFiles([
      { name: 'scan.pdf', bytes: await read('scan.pdf') },
      { name: 'encrypted.pdf', bytes: await read('encrypted.pdf') },
      { name: 'corrupt.pdf', bytes: await read('corrupt.pdf') },
      { name: 'corrupt.docx', bytes: await read('corrupt.docx') },
      { name: 'picture.jpg', bytes: Buffer.from([0xff, 0xd8, 0xff, 0xe0]) },
      { name: 'data.json', bytes: Buffer.from('{"a": 1}') },
    ]);
    expect(report.imported).toEqual([]);
    expect(report.failed.map((f) => [f.file, f.code, f.text?.key])).toEqual([
      ['scan.pdf', 'E_UNSUPPORTED_FORMAT', 'import_no_text_layer'],
      ['encrypted.pdf', 'E_UNSUPPORTED_FORMAT', 'import_encrypted'],
      ['corrupt.pdf', 'E_DECODE', 'import_corrupt'],
      ['corrupt.docx', 'E_DECODE', 'import_corrupt'],
      ['picture.jpg', 'E_UNSUPPORTED_FORMAT', 'import_unsupported_format'],
      ['data.json', 'E_UNSUPPORTED_FORMAT', 'import_json_take_back'],
    ]);
    expect(report.failed[0]!.message).toContain('no text layer');
    expect(await snapshotTree(archive.root)).toEqual(before);
    await archive.close();
  });
});

describe('import of a CSV file', () => {
  const csv = [
    'Headline;Date;Body;Keywords;Ref',
    '"Talks in Bishkek";"30 April 2018";"Delegations met in Bishkek to discuss ""water"" and energy,',
    'over two days.";"water; energy";"A/1"',
    '"No date";"";"Officers completed a course on risk analysis.";"";"A/2"',
    '"Bad date";"31 June 2018";"Some text.";"";"A/3"',
  ].join('\r\n');

  it('makes one record per row through the map (rows numbered as a spreadsheet shows them), with quoted newlines, tags, and a bad row named', async () => {
    const archive = await newArchive();
    const report = await archive.importFiles([{ name: 'list.csv', bytes: Buffer.from(csv) }], { csvMaps: { 'list.csv': { title: 'Headline', text: 'Body', identifier: 'Ref' } } });
    expect(report.imported.map((r) => [r.file, r.title])).toEqual([
      ['list.csv:2', 'Talks in Bishkek'],
      ['list.csv:3', 'No date'],
    ]);
    expect(report.failed).toEqual([expect.objectContaining({ file: 'list.csv', row: 4, code: 'E_VALIDATION' })]);
    const first = archive.get(report.imported[0]!.id);
    expect(first).toMatchObject({ date: '2018-04-30', identifier: 'A/1', tags: ['water', 'energy'] });
    expect(first.text).toBe('Delegations met in Bishkek to discuss "water" and energy,\nover two days.');
    expect(first.proposed).not.toContain('title');
    expect(first.source).toMatchObject({ mediaType: 'text/csv', row: 2, parser: 'csv (csv-parse)' });
    await archive.close();
  });

  it('fills the Dublin Core fields from columns named for them (in English or Russian), a language by its name', async () => {
    const archive = await newArchive();
    const list = ['Заголовок,Текст,Издатель,Тип,Язык,Источник,Права', 'Встреча в Бишкеке,Делегации обсудили воду.,ЮНРЦПД,пресс-релиз,русский,https://unrcca.unmissions.org/,© ООН', 'Second,Some text.,UNRCCA,speech,Klingonese,,'].join('\n');
    const report = await archive.importFiles([{ name: 'dc.csv', bytes: Buffer.from(list) }], { entities: false });
    expect(archive.get(report.imported[0]!.id)).toMatchObject({ title: 'Встреча в Бишкеке', publisher: 'ЮНРЦПД', type: 'пресс-релиз', language: 'ru', derivedFrom: 'https://unrcca.unmissions.org/', rights: '© ООН', proposed: [] });
    expect(report.failed).toEqual([expect.objectContaining({ file: 'dc.csv', row: 3, message: expect.stringContaining('“Klingonese” is not a language tag') as string })]);
    await archive.close();
  });

  it('says so for a CSV with a header and no rows', async () => {
    const archive = await newArchive();
    const report = await archive.importFiles([{ name: 'empty.csv', bytes: Buffer.from('Title,Text\n') }]);
    expect(report.failed).toEqual([expect.objectContaining({ file: 'empty.csv', code: 'E_EMPTY_FILE', text: expect.objectContaining({ key: 'import_csv_no_rows' }) })]);
    await archive.close();
  });

  it('refuses a CSV whose text column cannot be found, naming its columns', async () => {
    const archive = await newArchive();
    const report = await archive.importFiles([{ name: 'list.csv', bytes: Buffer.from('Headline,When\nA,B\n') }]);
    expect(report.failed).toEqual([expect.objectContaining({ file: 'list.csv', code: 'E_VALIDATION', message: expect.stringContaining('Headline, When') })]);
    await archive.close();
  });
});

describe('duplicates, near duplicates and new versions', () => {
  const text = 'Проект «Совместный план действий» — этап IV.\nВ Душанбе, 8 декабря, встретились представители пяти государств региона и обсудили дальнейшие шаги.';
  const retyped = 'Проект <<Совместный план действий>> - этап IV.\r\nВ  Душанбе, 8 декабря, встретились представители пяти государств региона и обсудили дальнейшие шаги.';

  it('asks about the same text typed differently, and imports it as a new version when told to', async () => {
    const archive = await newArchive();
    const first = (await archive.importFiles([{ name: 'a.txt', bytes: Buffer.from(text) }])).imported[0]!;
    const again = await archive.importFiles([{ name: 'b.txt', bytes: Buffer.from(retyped) }]);
    expect(again.imported).toEqual([]);
    expect(again.duplicates).toEqual([{ file: 'b.txt', id: first.id, title: first.title, near: true }]);
    const version = await archive.importFiles([{ name: 'b.txt', bytes: Buffer.from(retyped) }], { asNewVersions: true });
    expect(version.imported).toEqual([expect.objectContaining({ file: 'b.txt', versionOf: first.id })]);
    expect(archive.get(version.imported[0]!.id).source?.versionOf).toBe(first.id);
    // Undoing the new version leaves the record it copied findable as a copy, exact or typed differently.
    await archive.undo();
    expect((await archive.importFiles([{ name: 'c.txt', bytes: Buffer.from(text) }])).duplicates).toEqual([expect.objectContaining({ id: first.id })]);
    expect((await archive.importFiles([{ name: 'd.txt', bytes: Buffer.from(retyped) }])).duplicates).toEqual([expect.objectContaining({ id: first.id, near: true })]);
    await archive.close();
  });
});

describe('entities proposed on import', () => {
  it('links the people, organizations and places the samples name, as proposals, one entity per person across spellings', async () => {
    const archive = await newArchive();
    const report = await archive.importFiles(await readSampleFiles());
    expect(report.imported).toHaveLength(5);
    const entities = archive.entities();
    const person = (name: string) => entities.filter((e) => e.kind === 'person' && [e.name, ...e.aliases].some((n) => n.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase() === name.toLowerCase()));
    expect(person('Miroslav Jenca')).toHaveLength(1);
    expect(person('Michele Coninx').map((e) => e.id)).toEqual(person('Michele Coninsx').map((e) => e.id));
    for (const r of report.imported) {
      const record = archive.get(r.id);
      expect(record.entities.length).toBeGreaterThan(0);
      expect(record.entities.every((l) => l.proposed)).toBe(true);
    }
    expect(entities.some((e) => e.kind === 'place' && e.name === 'Tajikistan')).toBe(true);
    await archive.close();
  });
});

describe('an import sent in several calls', () => {
  it('is one operation: one undo takes every record and entity it made', async () => {
    const archive = await newArchive();
    const samples = await readSampleFiles();
    await archive.importFiles(samples.slice(0, 2), { session: 'session-one', first: true, last: false });
    await archive.importFiles(samples.slice(2), { session: 'session-one', last: false });
    await archive.importFiles([], { session: 'session-one', last: true });
    expect(archive.size).toBe(5);
    const undone = await archive.undo();
    expect(undone.reversed.records).toHaveLength(5);
    expect(archive.size).toBe(0);
    expect(archive.entities()).toEqual([]);
    await archive.close();
  });

  it('ends when another change is made between its calls, so the journal keeps the order and undo walks back through both', async () => {
    const archive = await newArchive();
    const samples = await readSampleFiles();
    const first = await archive.importFiles(samples.slice(0, 2), { session: 'session-two', first: true, entities: false });
    await archive.update({ id: first.imported[0]!.id, changes: { title: 'Edited between two calls' } });
    await archive.importFiles(samples.slice(2), { session: 'session-two', last: true, entities: false });
    expect(archive.size).toBe(5);
    expect((await archive.undo()).reversed).toMatchObject({ kind: 'import', records: expect.arrayContaining([expect.any(String)]) });
    expect(archive.size).toBe(2);
    expect((await archive.undo()).reversed).toMatchObject({ kind: 'edit' });
    expect((await archive.undo()).reversed).toMatchObject({ kind: 'import' });
    expect(archive.size).toBe(0);
    await archive.close();
  });

  it('refuses a later call of a session this archive never saw (the window switched archives meanwhile)', async () => {
    const archive = await newArchive();
    const [sample] = await readSampleFiles();
    await expect(archive.importFiles([sample!], { session: 'from-elsewhere', last: false })).rejects.toMatchObject({ code: 'E_CONFLICT', text: { key: 'import_session_unknown' } });
    expect(archive.size).toBe(0);
    await archive.close();
  });

  it('stops between files when cancelled: the files being written finish, no other starts', async () => {
    const archive = await newArchive();
    const files = Array.from({ length: 60 }, (_, i) => ({ name: `letter-${i}.txt`, bytes: new TextEncoder().encode(`Letter number ${i}.\n\nWritten in Dushanbe about matter ${i * 7919}.`) }));
    const stop = new AbortController();
    const report = await archive.importFiles(files, { progress: (done) => done === 2 && stop.abort(), signal: stop.signal, entities: false });
    // At most the files already being written side by side finish after the cancel.
    expect(report.imported.length).toBeGreaterThanOrEqual(2);
    expect(report.imported.length).toBeLessThan(20);
    expect(report.failed).toEqual([]);
    expect(archive.size).toBe(report.imported.length);
    for (const { id } of report.imported) expect(archive.get(id).text).toMatch(/^Letter number \d+\./);
    await archive.close();
  });

  it('writes files side by side yet reports them in the order given, and catches a copy inside one batch', async () => {
    const archive = await newArchive();
    // Each odd file repeats the one before it, so the two are written side by side.
    const files = Array.from({ length: 40 }, (_, i) => ({ name: `note-${String(i).padStart(2, '0')}.txt`, bytes: new TextEncoder().encode(`Note ${Math.floor(i / 2)}: the committee met in Ashgabat.`) }));
    const report = await archive.importFiles(files, { entities: true });
    expect(report.imported.map((r) => r.file)).toEqual(files.filter((_, i) => i % 2 === 0).map((f) => f.name));
    expect(report.duplicates.map((d) => d.file)).toEqual(files.filter((_, i) => i % 2 === 1).map((f) => f.name));
    expect(report.duplicates.map((d) => archive.get(d.id).text)).toEqual(Array.from({ length: 20 }, (_, i) => `Note ${i}: the committee met in Ashgabat.`));
    // Documents naming Ashgabat written side by side make one place entity, linked from the twenty records.
    const places = archive.entities('place').filter((e) => e.name === 'Ashgabat');
    expect(places).toHaveLength(1);
    expect(places[0]!.records).toHaveLength(20);
    await archive.close();
  });
});
