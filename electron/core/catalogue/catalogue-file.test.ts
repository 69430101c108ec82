// The catalogue's file: what goes in (only records still the very objects read from the files of
// their keys, and kept), what comes back out, and what is not believed.
import { readFile, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { CairnRecord, Entity } from '../../contract';
import { useTempFolders } from '../testing/fixtures';
import { catalogueIsCurrent, catalogueOf, cataloguePath, readCatalogue } from './catalogue-file';

const tempFolder = useTempFolders();

const record = (id: string, extra: Partial<CairnRecord> = {}): CairnRecord =>
  ({ formatVersion: 3, id, rev: 1, title: `Title ${id}`, date: null, place: '', identifier: '', creator: '', publisher: '', type: '', language: 'en', derivedFrom: '', rights: '', description: '', status: 'new', tags: ['a'], text: `The text of ${id}, which the catalogue leaves out.`, textHash: 'h', proposed: [], source: null, annotations: [], notes: [], entities: [], createdAt: 't', updatedAt: 't', ...extra }) as CairnRecord;

const entity: Entity = { formatVersion: 1, id: 'e1abc', rev: 1, kind: 'place', name: 'Tashkent', aliases: ['Ташкент'], createdAt: 't', updatedAt: 't' } as Entity;

describe('the catalogue file', () => {
  it('holds the records still read from the files of their keys (and kept), without their texts, and the entities, and reads them back', async () => {
    const root = await tempFolder();
    const [a, b, c, d] = ['r1', 'r2', 'r3', 'r4'].map((id) => record(id));
    const records = new Map([a!, b!, c!, d!].map((r) => [r.id, r]));
    const keys = new Map([['r1', 'k1'], ['r2', 'k2'], ['r3', 'k3'], ['r4', 'k4']]);
    // r2 was changed here (a new object, its key no longer its own); r4 is left out by `keep`.
    const keyOf = (r: CairnRecord) => (r === b ? undefined : keys.get(r.id));
    const write = catalogueOf(root, records, keys, { keyOf, keep: (r) => r.id !== 'r4', entities: [{ file: 'e1/e1abc.json', key: 'ek', entity }] });
    // What is written is the records as they were when asked: a record replaced meanwhile is not seen.
    records.set('r1', record('r1', { title: 'Changed later' }));
    await write();

    const read = await readCatalogue(root);
    if (read.kind !== 'loaded') throw new Error(read.kind);
    expect(read.ids).toEqual(['r1', 'r3']);
    expect(read.titles).toEqual(['Title r1', 'Title r3']);
    expect(read.keys).toEqual(['k1', 'k3']);
    const { text: _text, ...withoutText } = a!;
    expect(read.record(0)).toEqual(withoutText);
    expect(read.record(1).title).toBe('Title r3');
    expect(read.entityFiles).toEqual(['e1/e1abc.json']);
    expect(read.entityKeys).toEqual(['ek']);
    expect(read.entity(0)).toEqual(entity);
    expect(catalogueIsCurrent(root)).toBe(true);
  });

  it('is not believed when missing, cut off, of another version or not matching its checksum', async () => {
    const root = await tempFolder();
    expect(catalogueIsCurrent(root)).toBe(false);
    expect((await readCatalogue(root)).kind).toBe('missing');
    await catalogueOf(root, new Map([['r1', record('r1')]]), new Map([['r1', 'k1']]), { keyOf: () => 'k1' })();
    const content = await readFile(cataloguePath(root));

    await writeFile(cataloguePath(root), content.subarray(0, content.length - 5));
    expect(catalogueIsCurrent(root)).toBe(false);
    expect(await readCatalogue(root)).toEqual({ kind: 'damaged', reason: 'cut off' });

    const flipped = Buffer.from(content);
    flipped[flipped.length - 3] = flipped[flipped.length - 3]! ^ 1;
    await writeFile(cataloguePath(root), flipped);
    expect(await readCatalogue(root)).toEqual({ kind: 'damaged', reason: 'checksum' });

    await writeFile(cataloguePath(root), content.toString('utf8').replace('"version":1', '"version":2'));
    expect(catalogueIsCurrent(root)).toBe(false);
    expect((await readCatalogue(root)).kind).toBe('outdated');
  });
});
