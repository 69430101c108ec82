// A damaged record that no backup has is rebuilt from its kept original and its history: every
// field, tag, annotation and review mark saved since the import comes back.
import { rm, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Archive } from '../archive';
import { layout } from '../store/archive-folder';
import { readSampleFiles, useTempFolders } from '../testing/fixtures';

const tempFolder = useTempFolders();
const app = 'Cairn (test)';
const person = 'Aigerim Bekova';

describe('rebuilding a damaged record from its kept original', () => {
  it('brings back the record as last saved when no backup has it: text, fields, tags, annotations, review and a text correction', async () => {
    const root = path.join(await tempFolder(), 'archive');
    const archive = await Archive.create(root, { app, person });
    await archive.importFiles(await readSampleFiles());
    const [first] = archive.list().items;
    const id = first!.id;
    await archive.update({ id, changes: { title: 'Consultation meeting, Almaty', place: 'Almaty', addTags: ['regional cooperation'] } });
    await archive.annotate({ id, quote: 'UNRCCA', note: 'the Centre' });
    const text = archive.get(id).text;
    await archive.update({ id, changes: { text: text.replace('regional organizations', 'regional organisations') } });
    await archive.review({ id, status: 'reviewed', confirmProposals: true });
    const saved = archive.get(id);
    await archive.close();

    await truncate(layout.record(root, id), 30);
    const reopened = await Archive.open(root, { app, person });
    const damaged = reopened.info().problems.find((p) => p.recovery?.id === id)!;
    expect(damaged.recovery).toMatchObject({ kind: 'record', backup: null });
    const { record, replayed } = await reopened.rebuildRecord(id);
    expect(replayed).toBeGreaterThanOrEqual(4);
    // The time of import is the import operation's (when it began), a moment before the file's own.
    const { rev, updatedAt, review, createdAt, source, ...rest } = record;
    const { rev: savedRev, updatedAt: savedAt, review: savedReview, createdAt: savedCreated, source: savedSource, ...was } = saved;
    expect(rest).toEqual(was);
    expect({ ...source, importedAt: '' }).toEqual({ ...savedSource, importedAt: '' });
    expect(Math.abs(Date.parse(createdAt) - Date.parse(savedCreated))).toBeLessThan(60_000);
    expect(review).toMatchObject({ status: 'reviewed', by: { name: person } });
    expect(rev).toBeGreaterThan(savedRev);
    expect(reopened.info().problems).toEqual([]);
    expect((await reopened.history(id)).entries[0]).toMatchObject({ kind: 'restore', comment: expect.stringMatching(/Rebuilt from its kept original/) as string });
    await reopened.close();

    const again = await Archive.open(root, { app });
    expect(again.get(id).annotations.map((a) => a.quote.exact)).toEqual(['UNRCCA']);
    expect(again.info().problems).toEqual([]);
    await again.close();
    void [updatedAt, savedAt, savedReview];
  });

  it('says why when it cannot: the original is gone, or the record is not damaged', async () => {
    const root = path.join(await tempFolder(), 'archive');
    const archive = await Archive.create(root, { app });
    await archive.importFiles(await readSampleFiles());
    const [first, second] = archive.list().items;
    await expect(archive.rebuildRecord(second!.id)).rejects.toMatchObject({ code: 'E_VALIDATION' });
    const sha = archive.get(first!.id).source!.sha256;
    await archive.close();
    await writeFile(layout.record(root, first!.id), '');
    await rm(layout.original(root, sha));
    const reopened = await Archive.open(root, { app });
    await expect(reopened.rebuildRecord(first!.id)).rejects.toMatchObject({ code: 'E_NOT_FOUND', message: expect.stringMatching(/original of this record .* is not in the archive/) as string });
    await reopened.close();
  });
});
