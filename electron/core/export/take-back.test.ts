// Round trips: an archive exported as JSON, JSONL (+ entities.json), a bag and a zipped bag, each
// taken back into an empty archive, gives back every record, entity, vocabulary, original and
// history exactly; into an archive holding records, the records it lacks come in and nothing it
// holds changes; bad exports are refused whole, naming what is wrong, and change nothing.
import { copyFile, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportStartArgs } from '../../contract';
import { Archive } from '../archive';
import { Jobs } from '../jobs/jobs';
import { listTree, readSampleFiles, useTempFolders } from '../testing/fixtures';
import { startExport } from './start-export';

const tempFolder = useTempFolders();
let source: Archive;
let sourceRoot: string;
let exports: string;

beforeAll(async () => {
  const { mkdtemp } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const base = await mkdtemp(path.join(tmpdir(), 'cairn-take-back-'));
  sourceRoot = path.join(base, 'source');
  exports = path.join(base, 'exports');
  await (await import('node:fs/promises')).mkdir(exports);
  source = await Archive.create(sourceRoot, { app: 'test', name: 'Osh', person: 'Дильноза Юсупова' });
  await source.importFiles(await readSampleFiles());
  await source.putVocabulary({ id: 'gcts', label: 'Pillars', concepts: [{ id: 'p1', label: 'Pillar I', color: '#aa3300' }], translations: { ru: { label: 'Столпы', concepts: { p1: 'Столп I' } } } } as never);
  const ids = source.list({ sort: { field: 'title', direction: 'asc' } }).items.map((s) => s.id);
  await source.update({ id: ids[0]!, changes: { title: 'Corrected title — Ташкент', addTags: ['Pillar I', 'ёлка'] } });
  await source.review({ id: ids[0]!, status: 'reviewed', confirmProposals: true });
  await source.review({ id: ids[1]!, status: 'needs-work', comment: 'Check the dateline' });
  await source.annotate({ id: ids[0]!, quote: 'Central Asia', note: 'The region', tags: ['region'] });
  await source.addNote(ids[2]!, 'Internal note');
  await source.markEntity({ id: ids[0]!, name: 'Ashgabat', kind: 'place' });
});

afterAll(async () => {
  await source.close();
});

async function exportAs(args: Omit<ExportStartArgs, 'folder'>): Promise<string> {
  const jobs = new Jobs();
  const started = await startExport(source, jobs, { exportedAt: '2026-12-01T09:00:00Z', includeNotes: true, includeHistory: true, folder: exports, ...args });
  const end = await jobs.settled(started.job);
  expect(end.state).toBe('done');
  return started.target;
}

async function takeBackInto(where: string): Promise<Archive> {
  const root = path.join(await tempFolder(), 'archive');
  const empty = await Archive.create(root, { app: 'test', name: 'Received' });
  await empty.takeBack(where);
  await empty.close();
  return Archive.open(root, { app: 'test' });
}

async function expectSameAsSource(copy: Archive, options: { history: boolean; originals: boolean; vocabularies: boolean }): Promise<void> {
  const mine = source.list().items.map((s) => s.id).sort();
  expect(copy.list().items.map((s) => s.id).sort()).toEqual(mine);
  for (const id of mine) expect(copy.get(id)).toEqual(source.get(id));
  // Which records link to an entity, in any order (the records map is filled in another order).
  const linked = (a: Archive) => a.entities().map((e) => ({ ...e, records: [...e.records].sort() }));
  expect(linked(copy)).toEqual(linked(source));
  if (options.vocabularies) expect(copy.vocabularies()).toEqual(source.vocabularies());
  if (options.history) for (const id of mine) expect((await copy.history(id)).entries).toEqual((await source.history(id)).entries);
  if (options.originals) {
    const originals = (await listTree(path.join(copy.root, 'originals'))).sort();
    expect(originals).toEqual((await listTree(path.join(source.root, 'originals'))).sort());
  }
  expect(copy.info().problems).toEqual([]);
  await copy.whenIndexed();
  await source.whenIndexed();
  expect(copy.search('Ташкент').hits.map((h) => h.id)).toEqual(source.search('Ташкент').hits.map((h) => h.id));
}

describe('taking an export back into an empty archive', () => {
  it('JSON: records, entities, vocabularies and history exactly', async () => {
    const copy = await takeBackInto(await exportAs({ format: 'json', name: 'all.json' }));
    await expectSameAsSource(copy, { history: true, originals: false, vocabularies: true });
    // The history taken back can be undone like any other.
    await copy.undo();
    await copy.close();
  });

  it('JSONL with the entities.json of a bag beside it: records, entities and history', async () => {
    const jsonl = await exportAs({ format: 'jsonl', name: 'all.jsonl' });
    const bag = await exportAs({ format: 'bagit', name: 'for-entities' });
    await copyFile(path.join(bag, 'data', 'entities.json'), path.join(exports, 'entities.json'));
    const copy = await takeBackInto(jsonl);
    await expectSameAsSource(copy, { history: true, originals: false, vocabularies: false });
    await copy.close();
  });

  it('a bag, and a zipped bag: everything, the original files too', async () => {
    for (const args of [{ format: 'bagit', name: 'bag' }, { format: 'bagit', zip: true, name: 'bag.zip' }] as const) {
      const copy = await takeBackInto(await exportAs(args));
      await expectSameAsSource(copy, { history: true, originals: true, vocabularies: true });
      await copy.close();
    }
  });
});

describe('bringing records from an export into an archive that holds records', () => {
  it('brings in the records it lacks, links the entities it knows, leaves copies out, and is one undo', async () => {
    const bag = await exportAs({ format: 'bagit', name: 'for-bringing-in' });
    const root = path.join(await tempFolder(), 'archive');
    const here = await Archive.create(root, { app: 'test', name: 'Dushanbe office' });
    // Two of the samples, imported here on their own: the same texts, other ids.
    const samples = await readSampleFiles();
    const own = await here.importFiles(samples.slice(0, 2));
    const ownIds = own.imported.map((i) => i.id);
    const entitiesBefore = here.entities().map((e) => e.id);
    const taken = await here.takeBack(bag);
    expect(taken).toMatchObject({ into: 'records', records: 3, vocabularies: 1, originals: 3 });
    expect(taken.skipped).toHaveLength(2);
    for (const s of taken.skipped) {
      expect(s.reason).toBe('copy');
      expect(ownIds).toContain(s.here);
    }
    // The records brought in are the source's, as they were: ids, tags, status, annotations, notes.
    const brought = source.list().items.map((r) => r.id).filter((id) => !taken.skipped.some((s) => s.id === id));
    expect(brought).toHaveLength(3);
    for (const id of brought) {
      const { entities: mine, ...rest } = here.get(id);
      const { entities: theirs, ...exported } = source.get(id);
      // Coming in is one more change: one more revision, the time it last changed kept.
      expect(rest).toEqual({ ...exported, rev: exported.rev + 1 });
      // Each entity link points at an entity of this archive going by the name the source's had (as its name or an alias).
      expect(mine).toHaveLength(theirs.length);
      const namesHere = mine.map((l) => here.entity(l.entity).entity).map((e) => [e.name, ...e.aliases]);
      for (const l of theirs) expect(namesHere.some((names) => names.includes(source.entity(l.entity).entity.name))).toBe(true);
    }
    // An entity the archive knew by name (a place the two samples name too) is the archive's own, not a second one.
    for (const e of here.entities()) expect(here.entities().filter((o) => o.kind === e.kind && o.name === e.name)).toHaveLength(1);
    expect(taken.matched).toBeGreaterThan(0);
    // Their history came with them, and the bring-in is the last change.
    const history = (await here.history(brought[0]!)).entries;
    expect(history[0]).toMatchObject({ kind: 'import', field: 'record' });
    expect(history.slice(1)).toEqual((await source.history(brought[0]!)).entries);
    expect(here.info().problems).toEqual([]);
    // One undo takes back the records and the entities made for them; what was here stays.
    await here.undo();
    expect(here.list().items.map((r) => r.id).sort()).toEqual([...ownIds].sort());
    expect(here.entities().map((e) => e.id).sort()).toEqual([...entitiesBefore].sort());
    // Brought in again after the undo: the same records, their history once.
    expect(await here.takeBack(bag)).toMatchObject({ records: 3 });
    expect((await here.history(brought[0]!)).entries.slice(1)).toEqual((await source.history(brought[0]!)).entries);
    expect(here.info().problems).toEqual([]);
    await here.close();
  });

  it('changes nothing the archive holds: the same revision is "here", another revision is left as it is', async () => {
    const first = await exportAs({ format: 'json', name: 'first.json' });
    // Into the archive it came from: every record is here already.
    const before = await listTree(sourceRoot);
    const again = await source.takeBack(first);
    expect(again).toMatchObject({ into: 'records', records: 0, entities: 0, operations: 0 });
    expect(again.skipped.map((s) => s.reason)).toEqual(Array(5).fill('here'));
    expect(await listTree(sourceRoot)).toEqual(before);
    // A copy made from that export, then a record changed at the source and exported again.
    const copy = await takeBackInto(first);
    const changed = source.list({ sort: { field: 'title', direction: 'asc' } }).items[3]!.id;
    const kept = copy.get(changed);
    await source.update({ id: changed, changes: { place: 'Termez' } });
    const later = await exportAs({ format: 'json', name: 'later.json' });
    const taken = await copy.takeBack(later);
    expect(taken.records).toBe(0);
    expect(taken.skipped.find((s) => s.id === changed)).toMatchObject({ reason: 'other-version', here: changed });
    expect(taken.skipped.filter((s) => s.reason === 'here')).toHaveLength(4);
    expect(copy.get(changed)).toEqual(kept);
    await copy.close();
    await source.update({ id: changed, changes: { place: kept.place } });
  });
});

describe('what is refused, changing nothing', () => {
  it('a bag with a changed byte, a JSONL with a bad line, a JSON that is not an export', async () => {
    const bag = await exportAs({ format: 'bagit', name: 'tampered' });
    const csv = path.join(bag, 'data', 'records.jsonl');
    await writeFile(csv, (await readFile(csv, 'utf8')).replace('Corrected', 'Korrected'));
    const jsonl = path.join(await tempFolder(), 'bad.jsonl');
    const good = (await readFile(await exportAs({ format: 'jsonl', name: 'good.jsonl' }), 'utf8')).split('\n');
    await writeFile(jsonl, [good[0], '{"id": "x"', good[1]].join('\n'));
    const notExport = path.join(await tempFolder(), 'other.json');
    await writeFile(notExport, '{"records": []}');
    for (const [where, message] of [
      [bag, /the bag failed its check \(1 problem; first: data\/records.jsonl/],
      [jsonl, /bad\.jsonl, line 2 cannot be read/],
      [notExport, /is not a Cairn export/],
    ] as const) {
      const root = path.join(await tempFolder(), 'archive');
      const empty = await Archive.create(root, { app: 'test' });
      const before = await listTree(root);
      await expect(empty.takeBack(where)).rejects.toThrow(message);
      expect(await listTree(root)).toEqual(before);
      await empty.close();
    }
    expect((await readdir(exports)).length).toBeGreaterThan(0);
  });
});
