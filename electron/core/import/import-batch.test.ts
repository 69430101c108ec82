// The batch writes files side by side: what it shares between them (entities being made, texts
// being written) must come out as if the files were written one after another, and a record that
// cannot be written takes back exactly what was made for it alone. The target here keeps records in
// memory and fails on demand; the change log is a real one in a temp folder.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { CairnRecord, Entity, ImportReport } from '../../contract';
import { ChangeLog, changesLayout } from '../changes/change-log';
import { EntityRegistry } from '../entities/entity-registry';
import { useTempFolders } from '../testing/fixtures';
import { importBatch, type ImportTarget } from './import-batch';
import { Preparer } from './preparer';

const tempFolder = useTempFolders();

async function memoryTarget(fails: (record: CairnRecord) => boolean, entityFails: (entity: Entity) => boolean = () => false) {
  const root = await tempFolder('cairn-batch-');
  const log = await ChangeLog.open(root, 'test');
  const records = new Map<string, CairnRecord>();
  const entities = new EntityRegistry();
  let n = 0;
  const originals = new Map<string, number>();
  const target: ImportTarget = {
    exactCopyOf: (hash) => [...records.values()].find((r) => r.textHash === hash)?.id,
    nearCopyOf: () => undefined,
    titleOf: (id) => records.get(id)!.title,
    entities,
    newId: () => `e${++n}`,
    assertFolderHere: async () => undefined,
    keepOriginal: async (sha) => {
      await new Promise((r) => setTimeout(r, 1));
      if (originals.has(sha)) return null;
      originals.set(sha, 1);
      return sha;
    },
    forgetOriginal: async (stored) => {
      originals.delete(stored);
    },
    writeRecord: async (writer, record) => {
      // A little wait, so that the documents of the batch are really written side by side.
      await new Promise((r) => setTimeout(r, 5));
      if (fails(record)) throw Object.assign(new Error('disk refused the record'), { code: 'EIO' });
      await writer.add({ id: record.id, rev: record.rev, drafts: [{ field: 'record', before: null, after: record.title }] });
      records.set(record.id, record);
    },
    writeEntity: async (writer, before, after) => {
      await new Promise((r) => setTimeout(r, 2));
      if (entityFails(after)) throw Object.assign(new Error('disk refused the entity'), { code: 'EIO' });
      const next: Entity = { ...after, rev: (before?.rev ?? 0) + 1 };
      await writer.add({ id: next.id, doc: 'entity', rev: next.rev, drafts: [{ field: 'entity', before: before?.aliases ?? null, after: next.aliases }] });
      entities.put(next);
      return next;
    },
    forgetEntity: async (writer, before, after) => {
      if (before) entities.put(before);
      else entities.remove(after.id);
      await writer.retractLast(after.id, 'entity');
    },
  };
  return { root, log, records, entities, target, originals };
}

const file = (name: string, body: string) => ({ name, bytes: new TextEncoder().encode(body) });

describe('importBatch, files written side by side', () => {
  it('takes back the entity made for a record that could not be written, and keeps the one another record links', async () => {
    const { root, log, records, entities, target } = await memoryTarget((r) => r.text.includes('Tbilisi'));
    const writer = log.begin({ kind: 'import', who: { name: 'Tester', replica: 'test' } });
    const report: ImportReport = { imported: [], duplicates: [], failed: [] };
    const files = [
      // The record that fails is the first to name Bishkek: the entity is made for it, and the others link it.
      file('b.txt', 'Delegations from Tbilisi and Bishkek met again; the talks went on for two days.'),
      file('a.txt', 'Talks in Bishkek on regional cooperation were held by the delegations.'),
      file('c.txt', 'A report from Bishkek: the regional centre opened its doors to the public.'),
    ];
    await importBatch(target, new Preparer(), files, writer, report, { entities: true });
    await writer.finish();
    expect(report.imported.map((r) => r.file)).toEqual(['a.txt', 'c.txt']);
    expect(report.failed).toEqual([expect.objectContaining({ file: 'b.txt', code: 'E_IO' })]);
    // Tbilisi was named only by the record that failed: it is gone, and so is its history.
    expect(entities.byName('place', 'Tbilisi')).toBeUndefined();
    // Bishkek, named by all three at once, is one entity, linked by the two records written.
    const bishkek = entities.byName('place', 'Bishkek')!;
    expect(entities.all().filter((e) => e.name === 'Bishkek')).toHaveLength(1);
    expect([...records.values()].every((r) => r.entities.some((l) => l.entity === bishkek.id))).toBe(true);
    const made = entities.all().map((e) => e.id);
    for (const id of made) expect((await readFile(changesLayout.entity(root, id), 'utf8')).trim().split('\n')).toHaveLength(1);
  });

  it('gives a spelling first met in two documents at once to the entity once', async () => {
    const { root, entities, target, log } = await memoryTarget(() => false);
    const writer = log.begin({ kind: 'import', who: { name: 'Tester', replica: 'test' } });
    const report: ImportReport = { imported: [], duplicates: [], failed: [] };
    const files = Array.from({ length: 8 }, (_, i) => file(`n${i}.txt`, `Statement ${i}. Mr. Miroslav ${i % 2 ? 'Jenca' : 'Jenča'} spoke in Astana about the plan.`));
    await importBatch(target, new Preparer(), files, writer, report, { entities: true });
    expect(report.imported).toHaveLength(8);
    const people = entities.all().filter((e) => e.kind === 'person');
    expect(people).toMatchObject([{ name: 'Miroslav Jenča', aliases: ['Miroslav Jenca'] }]);
    // Made once and given the other spelling once: two entries in its history, not eight.
    expect((await readFile(changesLayout.entity(root, people[0]!.id), 'utf8')).trim().split('\n')).toHaveLength(2);
    expect(entities.all().filter((e) => e.name === 'Astana')).toHaveLength(1);
  });

  it('an entity that could not be written fails only the documents that planned on it; the files after it make it again', async () => {
    let failures = 1;
    const { entities, target, log, records } = await memoryTarget(() => false, (e) => e.name === 'Tbilisi' && failures-- > 0);
    const writer = log.begin({ kind: 'import', who: { name: 'Tester', replica: 'test' } });
    const report: ImportReport = { imported: [], duplicates: [], failed: [] };
    const files = Array.from({ length: 24 }, (_, i) => file(`t${i}.txt`, `Report ${i}: the delegation from Tbilisi arrived on day ${i * 13}.`));
    await importBatch(target, new Preparer(), files, writer, report, { entities: true });
    // Only files written beside the first one (eight at once) can have planned on the entity that failed.
    expect(report.failed.length).toBeGreaterThanOrEqual(1);
    expect(report.failed.every((f) => Number(f.file.slice(1, -4)) < 8)).toBe(true);
    expect(report.imported.length + report.failed.length).toBe(24);
    const tbilisi = entities.all().filter((e) => e.name === 'Tbilisi');
    expect(tbilisi).toHaveLength(1);
    for (const r of records.values()) expect(r.entities.map((l) => l.entity)).toContain(tbilisi[0]!.id);
  });

  it('keeps a CSV file\'s original while one of its rows is written, and lets it go when none is', async () => {
    const csv = (rows: string[]) => file('list.csv', ['Title,Text', ...rows].join('\n'));
    const partly = await memoryTarget((r) => r.title === 'Second');
    let report: ImportReport = { imported: [], duplicates: [], failed: [] };
    await importBatch(partly.target, new Preparer(), [csv(['First,One text.', 'Second,Two text.', 'Third,Three text.'])], partly.log.begin({ kind: 'import', who: { name: 'T', replica: 't' } }), report, { entities: false });
    expect(report.imported.map((r) => r.title)).toEqual(['First', 'Third']);
    expect(partly.originals.size).toBe(1);
    const none = await memoryTarget(() => true);
    report = { imported: [], duplicates: [], failed: [] };
    await importBatch(none.target, new Preparer(), [csv(['First,One text.', 'Second,Two text.'])], none.log.begin({ kind: 'import', who: { name: 'T', replica: 't' } }), report, { entities: false });
    expect(report.failed).toHaveLength(2);
    expect(none.originals.size).toBe(0);
  });
});
