// Exports of a real archive (the five samples, reviewed, annotated, tagged, with nasty text): every
// format's writer, the bag and its verification, determinism, cancelling and where exports may go.
import { mkdir, readdir, readFile, rm, writeFile, appendFile } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import type { CairnRecord, ExportStartArgs, ExportSummary } from '../../contract';
import { Archive } from '../archive';
import { Jobs } from '../jobs/jobs';
import { readSampleFiles, useTempFolders } from '../testing/fixtures';
import { splitValues } from './export-csv';
import { startExport } from './start-export';
import { verifyBag } from './verify-bag';

const tempFolder = useTempFolders();
const AT = '2026-12-01T09:00:00.000Z';
/** Text a format could break: quotes, commas, line breaks, formula starts, control characters, Cyrillic, diacritics, an emoji, a bar. */
const NASTY = '=HYPERLINK("x"), "quoted"; Jenča | Ташкент\r\nsecond line\t\u0001\u0007 — ёлка 𝑥 😀 \\ end';

let root: string;
let archive: Archive;
let ids: string[];

beforeAll(async () => {
  root = path.join(await import('node:fs/promises').then((fs) => fs.mkdtemp(path.join((process.env.TMPDIR ?? '/tmp'), 'cairn-export-'))), 'archive');
  archive = await Archive.create(root, { app: 'test', name: 'Field office: Osh', person: 'Айгуль Jenča' });
  await archive.importFiles(await readSampleFiles(), { entities: false });
  ids = archive.list({ sort: { field: 'title', direction: 'asc' } }).items.map((s) => s.id);
  await archive.update({ id: ids[0]!, changes: { title: NASTY, description: NASTY, addTags: ['-minus', 'pillar › I', 'a|b'] } });
  await archive.review({ id: ids[0]!, status: 'reviewed', confirmProposals: true });
  await archive.review({ id: ids[1]!, status: 'reviewed', confirmProposals: true });
  const text = archive.get(ids[0]!).text;
  const word = text.match(/Central Asia/)![0];
  await archive.annotate({ id: ids[0]!, quote: word, note: 'A note on the region', tags: ['region'] });
  await archive.addNote(ids[0]!, 'Internal: check the date with the Dushanbe office');
  await archive.markEntity({ id: ids[0]!, name: 'Ashgabat', kind: 'place' });
});

afterAll(async () => {
  await archive.close();
  await rm(path.dirname(root), { recursive: true, force: true });
});

async function exportTo(args: Partial<ExportStartArgs> & { format: ExportStartArgs['format'] }, folder?: string): Promise<ExportSummary> {
  const jobs = new Jobs();
  const started = await startExport(archive, jobs, { exportedAt: AT, folder: folder ?? (await tempFolder()), ...args });
  const end = await jobs.settled(started.job);
  if (end.state !== 'done') throw new Error(`export ${end.state}: ${end.error?.message}`);
  return end.result!;
}

describe('the writers', () => {
  it('CSV: read back with a CSV parser, every field of every record is as stored (formula starts neutralised)', async () => {
    const out = await exportTo({ format: 'csv', query: '', csvBom: true });
    const bytes = await readFile(out.target);
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(bytes.toString('utf8')).toContain('\r\n');
    const rows = parse(bytes, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(5);
    for (const row of rows) {
      const r: CairnRecord = archive.get(row.id!);
      const lead = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);
      expect(row.title).toBe(lead(r.title));
      expect(row.text).toBe(lead(r.text));
      expect(row.description).toBe(lead(r.description));
      expect(row.date).toBe(r.date ?? '');
      expect(row.status).toBe(r.status);
      expect(splitValues(row.tags!.replace(/^'/, ''))).toEqual(r.tags);
      expect(row.reviewedBy).toBe(r.review?.by.name ?? '');
    }
    const nasty = rows.find((row) => row.id === ids[0])!;
    expect(nasty.title!.startsWith("'=HYPERLINK")).toBe(true);
    expect(nasty.places).toBe('Ashgabat');
    expect(nasty.annotations).toBe('1');
    // Internal notes stay out unless asked for.
    expect(Object.keys(nasty)).not.toContain('notes');
  });

  it('CSV: the columns chosen, id always first, notes when asked', async () => {
    const out = await exportTo({ format: 'csv', fields: ['title', 'notes'], includeNotes: true, ids: [ids[0]!] });
    const rows = parse(await readFile(out.target), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual(['id', 'title', 'notes']);
    expect(rows[0]!.notes).toBe('Internal: check the date with the Dushanbe office');
  });

  it('JSON and JSONL: the records as stored, notes only when asked, names blanked when asked, history when asked', async () => {
    const json = JSON.parse(await readFile((await exportTo({ format: 'json', includeHistory: true })).target, 'utf8')) as { records: (CairnRecord & { history: unknown[] })[]; entities: { name: string }[]; count: number };
    expect(json.count).toBe(5);
    const first = json.records.find((r) => r.id === ids[0])!;
    expect(first.title).toBe(archive.get(ids[0]!).title);
    expect(first.description).toBe(NASTY);
    expect(first.notes).toEqual([]);
    expect(first.history.length).toBeGreaterThan(3);
    expect(json.entities.map((e) => e.name)).toContain('Ashgabat');

    const lines = (await readFile((await exportTo({ format: 'jsonl', includeNotes: true, includeNames: false })).target, 'utf8')).split('\n');
    expect(lines.at(-1)).toBe('');
    const records = lines.slice(0, -1).map((l) => JSON.parse(l) as CairnRecord);
    expect(records).toHaveLength(5);
    const r = records.find((x) => x.id === ids[0])!;
    expect(r.notes[0]!.text).toMatch(/^Internal/);
    expect(r.notes[0]!.by.name).toBe('');
    expect(r.review!.by.name).toBe('');
    expect(r.annotations[0]!.by.name).toBe('');
    expect({ ...r, notes: [], review: null, annotations: [] }).toEqual({ ...archive.get(ids[0]!), notes: [], review: null, annotations: [] });
  });

  it('Dublin Core: one oai_dc:dc per record, text escaped, forbidden control characters replaced', async () => {
    const xml = await readFile((await exportTo({ format: 'dc' })).target, 'utf8');
    expect(xml.match(/<oai_dc:dc /g)).toHaveLength(5);
    expect(xml).toContain('<dc:description xml:lang="en">=HYPERLINK(&quot;x&quot;), &quot;quoted&quot;; Jenča | Ташкент&#13;\nsecond line\t\uFFFD\uFFFD — ёлка 𝑥 😀 \\ end</dc:description>');
    expect(xml).toContain('<dc:subject>pillar › I</dc:subject>');
    expect(xml).toContain(`<dc:identifier>urn:cairn:record:${ids[0]}</dc:identifier>`);
    // eslint-disable-next-line no-control-regex -- the characters XML cannot hold
    expect(xml).not.toMatch(/[\u0001-\u0008]/);
  });

  it('Web Annotations: a collection with TextQuote and TextPosition selectors counted in code points', async () => {
    const doc = JSON.parse(await readFile((await exportTo({ format: 'annotations' })).target, 'utf8')) as { type: string; total: number; first: { items: { target: { source: string; selector: { type: string; start?: number; exact?: string }[] }; body: { purpose: string; value: string }[] }[] } };
    expect(doc.type).toBe('AnnotationCollection');
    expect(doc.total).toBe(1);
    const item = doc.first.items[0]!;
    expect(item.target.source).toBe(`urn:cairn:record:${ids[0]}`);
    expect(item.body).toEqual(expect.arrayContaining([expect.objectContaining({ purpose: 'commenting', value: 'A note on the region' }), expect.objectContaining({ purpose: 'tagging', value: 'region' })]));
    const quote = item.target.selector.find((s) => s.type === 'TextQuoteSelector')!;
    const position = item.target.selector.find((s) => s.type === 'TextPositionSelector')!;
    expect(quote.exact).toBe('Central Asia');
    expect([...archive.get(ids[0]!).text].slice(position.start!, position.start! + 12).join('')).toBe('Central Asia');
  });
});

describe('a BagIt bag', () => {
  it('holds the records in every format, the originals and a datapackage, and verifies', async () => {
    const out = await exportTo({ format: 'bagit', query: 'status:reviewed' });
    expect(out.count).toBe(2);
    const files = await readdir(path.join(out.target, 'data'));
    expect(files.sort()).toEqual(['annotations.jsonld', 'datapackage.json', 'entities.json', 'originals', 'records.csv', 'records.dc.xml', 'records.jsonl', 'vocabularies.json']);
    expect((await readdir(path.join(out.target, 'data', 'originals'))).sort()).toEqual([ids[0], ids[1]].sort());
    const info = await readFile(path.join(out.target, 'bag-info.txt'), 'utf8');
    expect(info).toContain('External-Description: 2 records exported by Cairn from the archive "Field office: Osh" with the query: status:reviewed.');
    expect(info).toContain('Bagging-Date: 2026-12-01');
    expect(info).toMatch(/Payload-Oxum: \d+\.9\n/);
    const pkg = JSON.parse(await readFile(path.join(out.target, 'data', 'datapackage.json'), 'utf8')) as { resources: { path: string; schema?: { fields: { name: string }[] } }[] };
    expect(pkg.resources.find((r) => r.path === 'records.csv')!.schema!.fields[0]!.name).toBe('id');
    const report = await verifyBag(out.target);
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ ok: true, files: 9 });
  });

  it('zipped in any time zone, the same bytes (the zip holds the export time in UTC)', async () => {
    const before = process.env.TZ;
    try {
      process.env.TZ = 'UTC';
      const utc = await readFile((await exportTo({ format: 'bagit', zip: true, name: 'tz.zip' })).target);
      process.env.TZ = 'Asia/Tashkent';
      const tashkent = await readFile((await exportTo({ format: 'bagit', zip: true, name: 'tz.zip' })).target);
      process.env.TZ = 'America/New_York';
      const newYork = await readFile((await exportTo({ format: 'bagit', zip: true, name: 'tz.zip' })).target);
      expect(tashkent).toEqual(utc);
      expect(newYork).toEqual(utc);
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });

  it('verify names an altered, a missing and an extra file, and a wrong Payload-Oxum', async () => {
    const out = await exportTo({ format: 'bagit' });
    const csv = path.join(out.target, 'data', 'records.csv');
    const bytes = await readFile(csv);
    bytes[bytes.length - 3]! ^= 1;
    await writeFile(csv, bytes);
    await rm(path.join(out.target, 'data', 'records.dc.xml'));
    await mkdir(path.join(out.target, 'data', 'more'));
    await writeFile(path.join(out.target, 'data', 'more', 'stray.txt'), 'x');
    await appendFile(path.join(out.target, 'bagit.txt'), '');
    const report = await verifyBag(out.target);
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => [p.kind, p.file])).toEqual(expect.arrayContaining([
      ['altered', 'data/records.csv'],
      ['missing', 'data/records.dc.xml'],
      ['extra', 'data/more/stray.txt'],
      ['oxum', 'bag-info.txt'],
    ]));
  });

  it('zipped: the same bytes every time, and verify reads the zip and names a changed file in it', async () => {
    const folder = await tempFolder();
    const a = await exportTo({ format: 'bagit', zip: true, name: 'a.zip' }, folder);
    const b = await exportTo({ format: 'bagit', zip: true, name: 'a.zip', replace: true }, await tempFolder());
    expect(await readFile(a.target)).toEqual(await readFile(b.target));
    expect((await verifyBag(a.target)).problems).toEqual([]);
    const unzipped = await exportTo({ format: 'bagit', name: 'a' }, folder);
    expect((await verifyBag(unzipped.target)).ok).toBe(true);
    // A changed byte in a stored zip entry: rebuild the zip with one payload file altered.
    const { zipSync, unzipSync } = await import('fflate');
    const entries = unzipSync(await readFile(a.target));
    const name = Object.keys(entries).find((n) => n.endsWith('data/records.jsonl'))!;
    entries[name]![10]! ^= 1;
    await writeFile(path.join(folder, 'b.zip'), zipSync(entries));
    const report = await verifyBag(path.join(folder, 'b.zip'));
    expect(report.problems.map((p) => [p.kind, p.file])).toEqual([['altered', 'data/records.jsonl']]);
  });
});

describe('bags from elsewhere', () => {
  it('a zipped bag with a large tag file verifies (tag files are read whole)', async () => {
    const bag = (await exportTo({ format: 'bagit', name: 'big' })).target;
    const { zipSync } = await import('fflate');
    const { createHash } = await import('node:crypto');
    const info = `${await readFile(path.join(bag, 'bag-info.txt'), 'utf8')}Internal-Sender-Description: ${'x'.repeat(1_500_000)}\n`;
    await writeFile(path.join(bag, 'bag-info.txt'), info);
    const tagManifest = (await readFile(path.join(bag, 'tagmanifest-sha256.txt'), 'utf8')).replace(/^\S+(?= {2}bag-info\.txt$)/m, createHash('sha256').update(info).digest('hex'));
    await writeFile(path.join(bag, 'tagmanifest-sha256.txt'), tagManifest);
    expect((await verifyBag(bag)).problems).toEqual([]);
    const files: Record<string, Uint8Array> = {};
    const { listFiles } = await import('./bagit');
    for (const rel of await listFiles(bag)) files[`big/${rel}`] = await readFile(path.join(bag, ...rel.split('/')));
    const zip = path.join(path.dirname(bag), 'big.zip');
    await writeFile(zip, zipSync(files));
    expect((await verifyBag(zip)).problems).toEqual([]);
  });

  it('a zip using a compression Cairn cannot read is said, not a crash', async () => {
    const { zipSync } = await import('fflate');
    const bytes = Buffer.from(zipSync({ 'bag/bagit.txt': new TextEncoder().encode('BagIt-Version: 1.0\n') }, { level: 0 }));
    // Method 12 (bzip2) in the local header (offset 8) and the central directory entry (offset 10).
    bytes.writeUInt16LE(12, 8);
    bytes.writeUInt16LE(12, bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 10);
    const zip = path.join(await tempFolder(), 'odd.zip');
    await writeFile(zip, bytes);
    const report = await verifyBag(zip);
    expect(report.ok).toBe(false);
    expect(report.problems[0]).toMatchObject({ kind: 'not-a-bag', message: expect.stringMatching(/compression method \(12\)/) as string });
  });

  it('taking back a zip whose entry names reach outside the bag is refused, and nothing is written', async () => {
    const { zipSync } = await import('fflate');
    const bag = (await exportTo({ format: 'bagit', name: 'escape' })).target;
    const { listFiles } = await import('./bagit');
    const files: Record<string, Uint8Array> = {};
    for (const rel of await listFiles(bag)) files[`escape/${rel}`] = await readFile(path.join(bag, ...rel.split('/')));
    files['escape/..\\..\\evil.txt'] = new TextEncoder().encode('x');
    const zip = path.join(path.dirname(bag), 'escape.zip');
    await writeFile(zip, zipSync(files));
    const target = path.join(await tempFolder(), 'archive');
    const empty = await Archive.create(target, { app: 'test' });
    await expect(empty.takeBack(zip)).rejects.toThrow(/reach outside the bag/);
    expect(empty.size).toBe(0);
    await empty.close();
  });

  it('an original with a long Cyrillic name fits in the bag (names are cut by bytes, keeping the extension)', async () => {
    const { safeFileName } = await import('./run-export');
    const long = `${'Ж'.repeat(140)}.txt`;
    const safe = safeFileName(long);
    expect(Buffer.byteLength(safe)).toBeLessThanOrEqual(200);
    expect(safe.endsWith('Ж.txt')).toBe(true);
    expect(safeFileName('a:b?c*.txt')).toBe('a_b_c_.txt');
    expect(safeFileName('../..')).toBe('original');
  });
});

describe('every export', () => {
  it('gives byte-identical output for the same archive and options', async () => {
    for (const format of ['json', 'jsonl', 'csv', 'dc', 'annotations'] as const) {
      const one = await exportTo({ format, includeHistory: true, name: 'x' });
      const two = await exportTo({ format, includeHistory: true, name: 'x' });
      expect(await readFile(one.target), format).toEqual(await readFile(two.target));
    }
  });

  it('goes only where it may: a plain name, in an existing folder outside the archive, never over an existing export unless asked', async () => {
    const folder = await tempFolder();
    const jobs = new Jobs();
    await expect(startExport(archive, jobs, { format: 'json', folder, name: '../x.json' })).rejects.toMatchObject({ code: 'E_VALIDATION' });
    await expect(startExport(archive, jobs, { format: 'json', folder: path.join(folder, 'missing') })).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
    await expect(startExport(archive, jobs, { format: 'json', folder: path.join(root, 'records') })).rejects.toMatchObject({ code: 'E_VALIDATION' });
    await writeFile(path.join(folder, 'x.json'), 'mine');
    await expect(startExport(archive, jobs, { format: 'json', folder, name: 'x.json' })).rejects.toMatchObject({ code: 'E_CONFLICT' });
    expect(await readFile(path.join(folder, 'x.json'), 'utf8')).toBe('mine');
    await exportTo({ format: 'json', name: 'x.json', replace: true }, folder);
    expect(await readFile(path.join(folder, 'x.json'), 'utf8')).toMatch(/^\{/);
    await expect(startExport(archive, jobs, { format: 'json', folder, query: 'tag:(' })).rejects.toMatchObject({ code: 'E_VALIDATION' });
  });

  it('cancelled, leaves nothing behind: no file, no temp file, no half bag', async () => {
    const folder = await tempFolder();
    const jobs = new Jobs();
    for (const format of ['json', 'bagit'] as const) {
      const started = await startExport(archive, jobs, { format, folder });
      jobs.cancel(started.job);
      const end = await jobs.settled(started.job);
      expect(end.state).toBe('cancelled');
    }
    expect(await readdir(folder)).toEqual([]);
  });
});

describe('the Dublin Core export against the oai_dc schema', () => {
  const xmllint = spawnSync('xmllint', ['--version']).status === 0;
  it.skipIf(!xmllint)('validates every oai_dc:dc element (xmllint; skipped where it is not installed)', async () => {
    const xml = await readFile((await exportTo({ format: 'dc' })).target, 'utf8');
    const folder = await tempFolder();
    const elements = xml.match(/ {2}<oai_dc:dc [\s\S]*?<\/oai_dc:dc>/g)!;
    expect(elements).toHaveLength(5);
    const files = await Promise.all(elements.map(async (element, i) => {
      const file = path.join(folder, `${i}.xml`);
      await writeFile(file, `<?xml version="1.0" encoding="UTF-8"?>\n${element.trim()}\n`);
      return file;
    }));
    const run = spawnSync('xmllint', ['--noout', '--nonet', '--schema', path.join(import.meta.dirname, 'xsd', 'oai_dc.xsd'), ...files], { encoding: 'utf8' });
    expect(run.stderr).not.toMatch(/fails to validate|error/i);
    expect(run.status).toBe(0);
    // And the schema does catch a wrong element: the check can fail.
    await writeFile(files[0]!, elements[0]!.trim().replace('<dc:type>Text</dc:type>', '<dc:kind>Text</dc:kind>'));
    expect(spawnSync('xmllint', ['--noout', '--nonet', '--schema', path.join(import.meta.dirname, 'xsd', 'oai_dc.xsd'), files[0]!]).status).not.toBe(0);
  });
});
