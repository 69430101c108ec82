// The snapshot file on its own: what is written is read back whole, and anything else is named.
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
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

describe('search snapshot', () => {
  it('reads back the index and the stamps it was written with, Cyrillic and diacritics included', async () => {
    const root = await tempFolder();
    const records = [rec('a', 'Совещание в Душанбе', 'Борьба с терроризмом, ёлка'), rec('b', 'Jenča in Ashgabat', 'Miroslav Jenča spoke', ['UNRCCA'])];
    const index = new RecordIndex();
    index.addAll(records);
    const stamps = new Map(records.map((r) => [r.id, stampOf(r)]));
    await writeSearchSnapshot(root, index, stamps, new Date('2026-11-23T10:00:00Z'));
    const read = await readSearchSnapshot(root);
    expect(read.kind).toBe('loaded');
    if (read.kind !== 'loaded') return;
    expect(read.stamps).toEqual(stamps);
    expect(read.createdAt).toBe('2026-11-23T10:00:00.000Z');
    for (const q of ['душанбе', 'елка', 'jenca', 'unrcca']) expect(read.index.search(q)).toEqual(index.search(q));
  });

  it('says a stamp changes with every indexed field, and only with those', () => {
    const base = rec('a', 'Title', 'Text', ['Tag']);
    expect(stampOf({ ...base, rev: 7, description: 'not indexed' })).toBe(stampOf(base));
    for (const changed of [{ title: 'Title!' }, { text: 'Text!' }, { tags: ['Tag', 'More'] }, { place: 'Osh' }]) expect(stampOf({ ...base, ...changed })).not.toBe(stampOf(base));
  });

  it('calls a file damaged that passes its checksum but holds no index', async () => {
    const root = await tempFolder();
    const body = Buffer.from('{"stamps":{"a":"x"},"index":{"nothing":true}}');
    const header = { format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, scheme: INDEX_SCHEME, createdAt: '', records: 1, bytes: body.length, sha256: createHash('sha256').update(body).digest('hex') };
    await mkdir(path.dirname(snapshotPath(root)), { recursive: true });
    await writeFile(snapshotPath(root), Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), body]));
    expect(await readSearchSnapshot(root)).toMatchObject({ kind: 'damaged', problem: { key: 'search_snapshot_unreadable' } });
  });

  it('says nothing is there when nothing is', async () => {
    expect(await readSearchSnapshot(await tempFolder())).toEqual({ kind: 'missing' });
  });
});
