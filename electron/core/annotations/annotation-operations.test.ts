// Annotations and notes through the archive, on real folders: made from offsets or words, edited,
// removed, undone; a text correction anchors them again (or orphans them), logged and undoable;
// bad requests change nothing.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Archive } from '../archive';
import { readSampleFiles, snapshotTree, useTempFolders } from '../testing/fixtures';

const tempFolder = useTempFolders();
const app = 'Cairn (test)';
const person = 'Aigerim Sadykova';

async function launchArchive() {
  const root = path.join(await tempFolder(), 'archive');
  const archive = await Archive.create(root, { app, person });
  await archive.importFiles(await readSampleFiles(), { entities: false });
  const launch = archive.list().items.find((s) => s.title.startsWith('United Nations launches'))!;
  return { archive, root, id: launch.id };
}

const passage = (text: string, p: { start: number; end: number } | null) => (p ? text.slice(p.start, p.end) : null);

describe('annotating a passage', () => {
  it('by its words (the n-th occurrence) or its offsets, with a note and tags, kept with both selectors', async () => {
    const { archive, id } = await launchArchive();
    const { annotation, record } = await archive.annotate({ id, quote: 'Coninsx', occurrence: 2, note: 'Spelt *Coninx* elsewhere.', tags: ['names', 'Names', 'spelling'] });
    const second = record.text.indexOf('Coninsx', record.text.indexOf('Coninsx') + 1);
    expect(annotation).toMatchObject({ position: { start: second, end: second + 7 }, quote: { exact: 'Coninsx' }, note: 'Spelt *Coninx* elsewhere.', tags: ['names', 'spelling'], by: { name: person } });
    expect(annotation.quote.prefix).toBe(record.text.slice(second - 32, second));
    expect(annotation.quote.suffix).toBe(record.text.slice(second + 7, second + 39));

    const start = record.text.indexOf('Vladimir Voronkov');
    const byOffsets = await archive.annotate({ id, position: { start, end: start + 17 } });
    expect(byOffsets.annotation.quote.exact).toBe('Vladimir Voronkov');
    expect(archive.get(id).annotations).toHaveLength(2);
    expect(byOffsets.record.rev).toBe(record.rev + 1);
  });

  it('refuses an empty, blank, out-of-range or absent passage, and changes nothing', async () => {
    const { archive, root, id } = await launchArchive();
    const before = await snapshotTree(root);
    const length = archive.get(id).text.length;
    await expect(archive.annotate({ id, quote: '' })).rejects.toMatchObject({ code: 'E_VALIDATION' });
    await expect(archive.annotate({ id, quote: '   ' })).rejects.toMatchObject({ code: 'E_VALIDATION' });
    await expect(archive.annotate({ id, position: { start: length - 2, end: length + 5 } })).rejects.toMatchObject({ code: 'E_VALIDATION', message: expect.stringContaining(String(length)) });
    await expect(archive.annotate({ id, position: { start: 5, end: 5 } })).rejects.toMatchObject({ code: 'E_VALIDATION' });
    await expect(archive.annotate({ id, quote: 'Coninx' })).rejects.toMatchObject({ code: 'E_NOT_FOUND', message: expect.stringContaining('Coninx') });
    await expect(archive.annotate({ id, quote: 'Coninsx', occurrence: 9 })).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
    await expect(archive.annotate({ id: 'no-such-record', quote: 'x' })).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
    expect(await snapshotTree(root)).toEqual(before);
  });

  it('edits a note and tags, removes, and each is one change to undo, in the history by field and item', async () => {
    const { archive, id } = await launchArchive();
    const { annotation } = await archive.annotate({ id, quote: 'Ashgabat', occurrence: 2, note: 'first' });
    await archive.updateAnnotation({ id, annotation: annotation.id, note: 'second\r\n\r\nparagraph', tags: ['dateline'] });
    expect(archive.get(id).annotations[0]).toMatchObject({ note: 'second\n\nparagraph', tags: ['dateline'] });
    const unchanged = archive.get(id).rev;
    await archive.updateAnnotation({ id, annotation: annotation.id, note: 'second\n\nparagraph' });
    expect(archive.get(id).rev).toBe(unchanged);
    await archive.removeAnnotation(id, annotation.id);
    expect(archive.get(id).annotations).toEqual([]);
    const history = (await archive.history(id)).entries;
    expect(history.filter((e) => e.field === 'annotations').map((e) => [e.item, e.before === null, e.after === null])).toEqual([
      [annotation.id, false, true],
      [annotation.id, false, false],
      [annotation.id, true, false],
    ]);
    await archive.undo();
    expect(archive.get(id).annotations[0]).toMatchObject({ note: 'second\n\nparagraph' });
    await archive.undo();
    expect(archive.get(id).annotations[0]).toMatchObject({ note: 'first', tags: [] });
    await archive.redo();
    expect(archive.get(id).annotations[0]).toMatchObject({ note: 'second\n\nparagraph' });
    await expect(archive.removeAnnotation(id, 'nope')).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
  });
});

describe('correcting the text', () => {
  it('keeps each annotation on its passage through a correction before it, and orphans one whose passage is deleted', async () => {
    const { archive, root, id } = await launchArchive();
    const original = archive.get(id).text;
    const voronkov = (await archive.annotate({ id, quote: 'Vladimir Voronkov', tags: ['people'] })).annotation;
    const sentence = 'During the first day of the visit';
    const day = (await archive.annotate({ id, quote: sentence })).annotation;

    // A word before both is corrected: the highlight stays on its words.
    const corrected = original.replace('launches regional', 'launched a regional');
    let record = await archive.update({ id, changes: { text: corrected } });
    expect(passage(record.text, record.annotations.find((a) => a.id === voronkov.id)!.position)).toBe('Vladimir Voronkov');
    expect(passage(record.text, record.annotations.find((a) => a.id === day.id)!.position)).toBe(sentence);

    // The passage is deleted: orphaned, its quote kept, never moved onto other words.
    const paragraph = record.text.slice(record.text.indexOf(sentence), record.text.indexOf('\n', record.text.indexOf(sentence)));
    record = await archive.update({ id, changes: { text: record.text.replace(paragraph, '') } });
    const orphan = record.annotations.find((a) => a.id === day.id)!;
    expect(orphan).toMatchObject({ position: null, quote: { exact: sentence } });
    expect(passage(record.text, record.annotations.find((a) => a.id === voronkov.id)!.position)).toBe('Vladimir Voronkov');

    // The original file stays as it was; the corrections are in the history, and undo puts back text and anchors.
    const { entries } = await archive.history(id);
    expect(entries.filter((e) => e.field === 'text')).toHaveLength(2);
    expect(entries.find((e) => e.field === 'text')).toMatchObject({ kind: 'correct' });
    await archive.undo();
    expect(archive.get(id).text).toBe(corrected);
    expect(passage(corrected, archive.get(id).annotations.find((a) => a.id === day.id)!.position)).toBe(sentence);
    await archive.undo();
    expect(archive.get(id).text).toBe(original);
    expect(archive.get(id).textHash).toBe(record.textHash);
    void root;
  });

  it('flags an approximate re-anchoring when a typo inside the passage is fixed', async () => {
    const { archive, id } = await launchArchive();
    const text = archive.get(id).text;
    const words = 'a joint high-level visit to Ashgabat';
    const { annotation } = await archive.annotate({ id, quote: words });
    const record = await archive.update({ id, changes: { text: text.replace('high-level visit', 'high level visit') } });
    const moved = record.annotations.find((a) => a.id === annotation.id)!;
    expect(passage(record.text, moved.position)).toBe('a joint high level visit to Ashgabat');
    expect(moved).toMatchObject({ approximate: true, quote: { exact: 'a joint high level visit to Ashgabat' } });
  });

  it('refuses an empty text and keeps line ends as everywhere else', async () => {
    const { archive, id } = await launchArchive();
    await expect(archive.update({ id, changes: { text: ' \n ' } })).rejects.toMatchObject({ code: 'E_VALIDATION' });
    const record = await archive.update({ id, changes: { text: 'One line\r\nTwo lines\rThree' } });
    expect(record.text).toBe('One line\nTwo lines\nThree');
  });

  it('anchors Cyrillic and decomposed text by the same rules', async () => {
    const root = path.join(await tempFolder(), 'archive');
    const archive = await Archive.create(root, { app, person });
    const russian = 'ДУШАНБЕ, 18 ноября 2022 года – Региональный центр ООН провел встречу. Участники обсудили совместный план действий.';
    const { imported } = await archive.importFiles([{ name: 'ru.txt', bytes: new TextEncoder().encode(russian) }]);
    const id = imported[0]!.id;
    const { annotation } = await archive.annotate({ id, quote: 'совместный план действий' });
    const record = await archive.update({ id, changes: { text: russian.replace('ДУШАНБЕ', 'г. ДУШАНБЕ').replace('провел', 'провёл') } });
    expect(passage(record.text, record.annotations.find((a) => a.id === annotation.id)!.position)).toBe('совместный план действий');
  });
});

describe('record notes', () => {
  it('adds several with author and time, edits and removes them, refusing empty ones', async () => {
    const { archive, root, id } = await launchArchive();
    const first = await archive.addNote(id, 'Check the SRSG title against the 2018 list.');
    const second = await archive.addNote(id, 'Photo in the Ashgabat folder.');
    expect(archive.get(id).notes.map((n) => [n.text, n.by.name])).toEqual([
      ['Check the SRSG title against the 2018 list.', person],
      ['Photo in the Ashgabat folder.', person],
    ]);
    await archive.updateNote(id, first.note.id, 'Checked: correct.');
    await archive.removeNote(id, second.note.id);
    expect(archive.get(id).notes).toMatchObject([{ text: 'Checked: correct.', createdAt: first.note.createdAt }]);
    const before = await snapshotTree(root);
    await expect(archive.addNote(id, '  ')).rejects.toMatchObject({ code: 'E_VALIDATION' });
    await expect(archive.updateNote(id, 'missing', 'x')).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
    expect(await snapshotTree(root)).toEqual(before);
    await archive.undo();
    expect(archive.get(id).notes).toHaveLength(2);
  });
});
