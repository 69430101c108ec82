// The snapshot file on its own: what is written is read back whole, and anything else is named.
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CairnRecord } from '../../contract';
import { useTempFolders } from '../testing/fixtures';
import { INDEX_SCHEME, RecordIndex, stampOf } from './record-index';
import { readSearchSnapshot, snapshotPath, SNAPSHOT_FORMAT, SNAPSHOT_VERSION, writeSearchSnapshot } from './search-snapshot';

const tempFolder = useTempFolders();

function rec(id: string, title: string, text: string, tags: string[] = []): CairnRecord {
  return {
    formatVersion: 2, id, rev: 1, title, date: null, place: '', identifier: '', creator: '', publisher: '', type: '', language: '', derivedFrom: '', rights: '', description: '', status: 'new', tags, text,
    textHash: id, proposed: [], source: null, annotations: [], notes: [], entities: [], createdAt: '', updatedAt: '',
  };
}

/** Whether two indexes hold the same: MiniSearch's serialised state, its words in one order. */
function sameIndex(a: RecordIndex, b: RecordIndex): boolean {
  const norm = (i: RecordIndex) => {
    const js = i.toJSON();
    return JSON.stringify({ ...js, index: [...js.index].sort(([x], [y]) => (x < y ? -1 : 1)) });
  };
  return norm(a) === norm(b);
}

describe('search snapshot', () => {
  it('reads back the index and the stamps it was written with, Cyrillic and diacritics included', async () => {
    const root = await tempFolder();
    const records = [rec('a', 'Совещание в Душанбе', 'Борьба с терроризмом, ёлка'), rec('b', 'Jenča in Ashgabat', 'Miroslav Jenča spoke', ['UNRCCA'])];
    const index = new RecordIndex();
    index.addAll(records);
    const stamps = new Map(records.map((r) => [r.id, stampOf(r)]));
    // The key of a record the index does not hold is not written.
    const keys = new Map([['a', '4981:1765147468246000000:1765147468246000000:12'], ['gone', '1:2:3:4']]);
    await writeSearchSnapshot(root, index, stamps, { keys, now: new Date('2026-11-23T10:00:00Z') });
    const read = await readSearchSnapshot(root);
    expect(read.kind).toBe('loaded');
    if (read.kind !== 'loaded') return;
    expect(read.stamps).toEqual(stamps);
    expect(read.keys).toEqual(new Map([['a', keys.get('a')]]));
    expect(read.createdAt).toBe('2026-11-23T10:00:00.000Z');
    // The postings start at a multiple of 4 in the file, so that they are read in place.
    const bytes = await readFile(snapshotPath(root));
    const bodyAt = bytes.indexOf(0x0a) + 1;
    expect(bodyAt % 4).toBe(0);
    expect((JSON.parse(bytes.subarray(0, bodyAt).toString('utf8')) as { postingsAt: number }).postingsAt % 4).toBe(0);
    for (const q of ['душанбе', 'елка', 'jenca', 'unrcca']) expect(read.index.search(q)).toEqual(index.search(q));
  });

  it('says a stamp changes with every indexed field, and only with those', () => {
    const base = rec('a', 'Title', 'Text', ['Tag']);
    expect(stampOf({ ...base, rev: 7, description: 'not indexed' })).toBe(stampOf(base));
    for (const changed of [{ title: 'Title!' }, { text: 'Text!' }, { tags: ['Tag', 'More'] }, { place: 'Osh' }]) expect(stampOf({ ...base, ...changed })).not.toBe(stampOf(base));
  });

  it('calls a file damaged that passes its checksum but holds no index, or postings that do not add up', async () => {
    const root = await tempFolder();
    // Version 2's form (stamps and keys as objects), still read; version 3's lists are below.
    const write = async (json: string, postings: number[], version = 2) => {
      const at = Math.ceil(Buffer.byteLength(json) / 4) * 4;
      const body = Buffer.concat([Buffer.from(json.padEnd(at, ' ')), Buffer.from(new Uint32Array(postings).buffer)]);
      const header = { format: SNAPSHOT_FORMAT, version, scheme: INDEX_SCHEME, createdAt: '', records: 1, bytes: body.length, sha256: createHash('sha256').update(body).digest('hex'), postingsAt: at };
      await mkdir(path.dirname(snapshotPath(root)), { recursive: true });
      await writeFile(snapshotPath(root), Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), body]));
      return readSearchSnapshot(root);
    };
    expect(await write('{"stamps":{"a":"x"},"index":{"nothing":true}}', [])).toMatchObject({ kind: 'damaged', problem: { key: 'search_snapshot_unreadable' } });

    // A whole one, then each number of its postings pushed out of range in turn.
    const index = new RecordIndex();
    index.addAll([rec('a', 'Osh', 'water water'), rec('b', 'Naryn', 'water')]);
    const { meta, postings } = index.toCompact();
    const json = JSON.stringify({ stamps: { a: 'x', b: 'y' }, index: meta });
    expect(await write(json, [...postings])).toMatchObject({ kind: 'loaded', stamps: new Map([['a', 'x'], ['b', 'y']]), keys: new Map() });
    // Version 3: lists of one length, in the records' order.
    const lists = (records: unknown, stamps: unknown, keys: unknown) => JSON.stringify({ records, stamps, keys, index: meta });
    expect(SNAPSHOT_VERSION).toBe(3);
    expect(await write(lists(['a', 'b'], ['x', 'y'], [null, '1:2:3']), [...postings], 3)).toMatchObject({ kind: 'loaded', stamps: new Map([['a', 'x'], ['b', 'y']]), keys: new Map([['b', '1:2:3']]) });
    for (const wrong of [
      lists(['a', 'b'], ['x'], [null, null]), // a stamp missing
      lists(['a', 'b'], ['x', 'y'], [null]), // a key missing
      lists(['a', 'a'], ['x', 'y'], [null, null]), // an id twice
      lists(['a', 'b'], ['x', 7], [null, null]), // a stamp not a string
      lists(['a', 'b'], ['x', 'y'], [null, 7]), // a key neither a string nor null
      lists(['a', 'c'], ['x', 'y'], [null, null]), // not the index's records
      lists({ a: 'x' }, ['x', 'y'], [null, null]),
    ]) expect(await write(wrong, [...postings], 3)).toMatchObject({ kind: 'damaged' });
    // Version 2's objects under a version 3 header, or another version: damaged, and outdated.
    expect(await write(json, [...postings], 3)).toMatchObject({ kind: 'damaged' });
    expect(await write(json, [...postings], 4)).toEqual({ kind: 'outdated' });
    // Every number has a value it cannot take: none (no fields, no records, never there) or too many.
    const problems = new Set<string>();
    for (let i = 0; i < postings.length; i++) {
      const reads = [];
      for (const wrong of [0, 999_999]) reads.push(await write(json, postings.with(i, wrong) as unknown as number[]));
      expect(reads.map((r) => r.kind)).toContain('damaged');
      for (const r of reads) if (r.kind === 'damaged') problems.add(r.problem.key);
    }
    expect(await write(json, [...postings, 1])).toMatchObject({ kind: 'damaged' });
    expect(await write(json, [...postings].slice(0, -1))).toMatchObject({ kind: 'damaged' });
    expect([...problems]).toEqual(['search_snapshot_unreadable']);
    // Written where numbers are kept in the other byte order: made again, nothing is wrong.
    const other = JSON.stringify({ stamps: { a: 'x', b: 'y' }, index: { ...meta, endianness: meta.endianness === 'LE' ? 'BE' : 'LE' } });
    expect(await write(other, [...postings])).toEqual({ kind: 'outdated' });
  });

  it('loads each word’s postings only when asked for, answers as the index it was made from, and writes again what it never decoded as it was', async () => {
    const root = await tempFolder();
    const records = Array.from({ length: 40 }, (_, i) => rec(`r${i}`, `Note ${i} Osh`, `water ${i % 3 === 0 ? 'border' : 'river'} Душанбе ёлка Jenča ${'x'.repeat(i % 5)}`, i % 4 === 0 ? ['water'] : []));
    const built = new RecordIndex();
    built.addAll(records);
    const stamps = new Map(records.map((r) => [r.id, stampOf(r)]));
    await writeSearchSnapshot(root, built, stamps);
    const first = await readSearchSnapshot(root);
    if (first.kind !== 'loaded') throw new Error(first.kind);
    const words = first.index.undecodedWords();
    expect(words).toBeGreaterThan(20);
    // Written again before anything is decoded: every word's block copied as it was, and it loads alike.
    await writeSearchSnapshot(root, first.index, stamps);
    expect(first.index.undecodedWords()).toBe(words);
    const again = await readSearchSnapshot(root);
    if (again.kind !== 'loaded') throw new Error(again.kind);
    expect(sameIndex(again.index, built)).toBe(true);
    // A query decodes only the words it meets.
    expect(first.index.search('border')).toEqual(built.search('border'));
    expect(first.index.undecodedWords()).toBeLessThan(words);
    expect(first.index.undecodedWords()).toBeGreaterThan(words - 5);
    for (const q of ['water', 'душанбе', 'елка', 'jenca', 'wat', 'rivr', 'osh 7']) expect(first.index.search(q)).toEqual(built.search(q));
    // Edits on the loaded index, as on the built one: then both write and answer alike.
    const edited = rec('r3', 'Naryn', 'water again', ['river']);
    const added = rec('new', 'Khorog', 'border water');
    const waitingBefore = first.index.undecodedWords();
    for (const index of [first.index, built]) {
      index.put(edited);
      index.remove('r5');
      index.addAll([added]);
    }
    // The edits decoded nothing: their postings wait beside the words' blocks (“water” is in every
    // record), and the words new to the index (naryn, again, khorog) wait in a block of their own.
    const waiting = first.index.undecodedWords();
    expect(waiting).toBe(waitingBefore + 3);
    const after = new Map([...stamps].filter(([id]) => id !== 'r5'));
    after.set('r3', stampOf(edited));
    after.set('new', stampOf(added));
    // Written with those postings waiting: from copies, and still nothing decoded.
    await writeSearchSnapshot(root, first.index, after);
    expect(first.index.undecodedWords()).toBe(waiting);
    const second = await readSearchSnapshot(root);
    if (second.kind !== 'loaded') throw new Error(second.kind);
    expect(sameIndex(second.index, built)).toBe(true);
    // Asked for, they decode to what the built index holds: the same answers, the same state.
    for (const q of ['water', 'wat', 'border', 'khorog', 'naryn', 'river', 'note 5']) expect(first.index.search(q)).toEqual(built.search(q));
    expect(sameIndex(first.index, built)).toBe(true);
    // And one changed is not the same (the comparison can tell).
    built.put(rec('r1', 'Note 1 Osh', 'water river'));
    expect(sameIndex(second.index, built)).toBe(false);
    // Stamps that do not name the records indexed: damaged, not loaded.
    await writeSearchSnapshot(root, second.index, stamps);
    expect(await readSearchSnapshot(root)).toMatchObject({ kind: 'damaged', problem: { key: 'search_snapshot_unreadable' } });
  });

  it('says nothing is there when nothing is', async () => {
    expect(await readSearchSnapshot(await tempFolder())).toEqual({ kind: 'missing' });
  });
});
