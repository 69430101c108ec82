// The tag manager across a real archive: rename, merge, move, recolour and delete, each one
// operation that one undo takes back; a concept's tag changed in its vocabulary too; bad changes refused.
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Vocabulary } from '../../contract';
import { Archive } from '../archive';
import { readSampleFiles, useTempFolders } from '../testing/fixtures';
import { verifyArchive } from '../verify/verify-archive';

const tempFolder = useTempFolders();

const places: Vocabulary = {
  id: 'places',
  label: 'Places',
  concepts: [
    { id: 'ca', label: 'Central Asian states', altLabels: [], translations: { ru: { label: 'Государства Центральной Азии' } } },
    { id: 'kz', label: 'Kazakhstan', altLabels: ['Qazaqstan'], broader: 'ca', color: '#1d4ed8' },
    { id: 'tj', label: 'Tajikistan', altLabels: [], broader: 'ca' },
    { id: 'un', label: 'UN entities', altLabels: [] },
  ],
};

let archive: Archive;
let ids: string[];

beforeEach(async () => {
  archive = await Archive.create(path.join(await tempFolder(), 'archive'), { app: 'Cairn (test)' });
  await archive.putVocabulary(places);
  ids = (await archive.importFiles((await readSampleFiles()).slice(0, 3))).imported.map((i) => i.id);
  await archive.update({ id: ids[0]!, changes: { addTags: ['Security › Border', 'Fieldwork', 'Qazaqstan'] } });
  await archive.update({ id: ids[1]!, changes: { addTags: ['security›border › Fergana', 'Tajikistan'] } });
  await archive.update({ id: ids[2]!, changes: { addTags: ['Fieldwork'] } });
});
afterEach(async () => {
  await archive.close();
});

const tagsOf = (i: number) => archive.get(ids[i]!).tags;
const entry = (name: string) => archive.tagEntries().find((e) => e.name === name);

describe('a concept’s tag is its path', () => {
  it('takes a narrower concept’s label, or another label of it, as the broader concept’s path and its own', () => {
    expect(tagsOf(0)).toContain('Central Asian states › Kazakhstan');
    expect(tagsOf(1)).toContain('Central Asian states › Tajikistan');
    expect(archive.search('tag:"Central Asian states"').hits.map((h) => h.id).sort()).toEqual([ids[0], ids[1]].sort());
  });
});

describe('rename', () => {
  it('renames a tag and the tags below it on every record, as one undo', async () => {
    const result = await archive.changeTags({ action: 'rename', tag: 'security', to: 'Border security' });
    expect(result).toMatchObject({ tag: 'security', to: 'Border security', records: 2, tags: 3, applied: true });
    expect(tagsOf(0)).toContain('Border security › Border');
    // Below the renamed level, each record keeps its own spelling.
    expect(tagsOf(1)).toContain('Border security › border › Fergana');
    expect(entry('Security')).toBeUndefined();

    await archive.undo();
    expect(tagsOf(0)).toContain('Security › Border');
    expect(tagsOf(1)).toContain('security›border › Fergana');
  });

  it('keeps the tag under its parent when given a name, and puts it where a path says', async () => {
    await archive.changeTags({ action: 'rename', tag: 'Security › Border', to: 'Frontier' });
    expect(tagsOf(0)).toContain('Security › Frontier');
    await archive.changeTags({ action: 'rename', tag: 'Security › Frontier', to: 'Borders › Frontier' });
    expect(tagsOf(1)).toContain('Borders › Frontier › Fergana');
  });

  it('renames a vocabulary concept: its records follow, the old label stays another label of it, undo puts all back', async () => {
    const result = await archive.changeTags({ action: 'rename', tag: 'Kazakhstan', to: 'Republic of Kazakhstan' });
    expect(result).toMatchObject({ tag: 'Central Asian states › Kazakhstan', to: 'Central Asian states › Republic of Kazakhstan', records: 1, vocabularies: 1 });
    expect(tagsOf(0)).toContain('Central Asian states › Republic of Kazakhstan');
    const concept = archive.vocabularies()[0]!.concepts.find((c) => c.id === 'kz')!;
    expect(concept).toMatchObject({ label: 'Republic of Kazakhstan', altLabels: ['Qazaqstan', 'Kazakhstan'], broader: 'ca', color: '#1d4ed8' });
    // The old name, typed again, still means the concept.
    await archive.update({ id: ids[2]!, changes: { addTags: ['kazakhstan'] } });
    expect(tagsOf(2)).toContain('Central Asian states › Republic of Kazakhstan');
    // The vocabulary file says so too.
    const onDisk = JSON.parse(await readFile(path.join(archive.root, 'vocabularies', 'places.json'), 'utf8')) as Vocabulary;
    expect(onDisk.concepts.find((c) => c.id === 'kz')!.label).toBe('Republic of Kazakhstan');

    await archive.undo(); // the tag added to the third record
    await archive.undo(); // the rename
    expect(tagsOf(0)).toContain('Central Asian states › Kazakhstan');
    expect(archive.vocabularies()[0]!.concepts.find((c) => c.id === 'kz')).toMatchObject({ label: 'Kazakhstan', altLabels: ['Qazaqstan'] });
    await archive.redo();
    expect(archive.vocabularies()[0]!.concepts.find((c) => c.id === 'kz')!.label).toBe('Republic of Kazakhstan');
  });

  it('renaming a broader concept renames every narrower concept’s tag on the records', async () => {
    const result = await archive.changeTags({ action: 'rename', tag: 'Central Asian states', to: 'Central Asia' });
    expect(result.records).toBe(2);
    expect(tagsOf(0)).toContain('Central Asia › Kazakhstan');
    expect(tagsOf(1)).toContain('Central Asia › Tajikistan');
  });

  it('refuses a name another tag or concept has, the same name, an empty one, and a concept rename that moves it', async () => {
    await expect(archive.changeTags({ action: 'rename', tag: 'Fieldwork', to: 'Security' })).rejects.toMatchObject({ code: 'E_CONFLICT' });
    await expect(archive.changeTags({ action: 'rename', tag: 'Fieldwork', to: 'Qazaqstan' })).rejects.toMatchObject({ code: 'E_CONFLICT' });
    await expect(archive.changeTags({ action: 'rename', tag: 'Fieldwork', to: 'Fieldwork' })).rejects.toMatchObject({ code: 'E_VALIDATION' });
    await expect(archive.changeTags({ action: 'rename', tag: 'Fieldwork', to: ' › ' })).rejects.toMatchObject({ code: 'E_VALIDATION' });
    await expect(archive.changeTags({ action: 'rename', tag: 'Kazakhstan', to: 'UN entities › Kazakhstan 2' })).rejects.toMatchObject({ code: 'E_VALIDATION' });
    await expect(archive.changeTags({ action: 'rename', tag: 'Nowhere', to: 'Somewhere' })).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
    // A change of letter case alone is a rename.
    await archive.changeTags({ action: 'rename', tag: 'Fieldwork', to: 'fieldwork' });
    expect(tagsOf(2)).toEqual(['fieldwork']);
  });
});

describe('merge', () => {
  it('puts one tag’s records (and its children) under another, no record carrying a tag twice', async () => {
    await archive.update({ id: ids[0]!, changes: { addTags: ['Security'] } });
    const result = await archive.changeTags({ action: 'merge', tag: 'Fieldwork', into: 'Security' });
    expect(result).toMatchObject({ tag: 'Fieldwork', to: 'Security', records: 2 });
    expect(tagsOf(0).filter((t) => t === 'Security')).toHaveLength(1);
    expect(tagsOf(2)).toEqual(['Security']);
    expect(entry('Fieldwork')).toBeUndefined();
    await archive.undo();
    expect(tagsOf(2)).toEqual(['Fieldwork']);
  });

  it('merging a child into its parent takes the child’s children with it', async () => {
    await archive.changeTags({ action: 'merge', tag: 'Security › Border', into: 'Security' });
    expect(tagsOf(0)).toContain('Security');
    expect(tagsOf(1)).toContain('Security › Fergana');
  });

  it('refuses a merge into itself, into its own child, into a tag that does not exist, and of a concept with narrower ones', async () => {
    await expect(archive.changeTags({ action: 'merge', tag: 'Fieldwork', into: 'fieldwork' })).rejects.toMatchObject({ code: 'E_VALIDATION' });
    await expect(archive.changeTags({ action: 'merge', tag: 'Security', into: 'Security › Border' })).rejects.toMatchObject({ code: 'E_VALIDATION' });
    await expect(archive.changeTags({ action: 'merge', tag: 'Fieldwork', into: 'Nothing like it' })).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
    await expect(archive.changeTags({ action: 'merge', tag: 'Central Asian states', into: 'UN entities' })).rejects.toMatchObject({ code: 'E_VALIDATION' });
    expect(tagsOf(2)).toEqual(['Fieldwork']);
  });
});

describe('move', () => {
  it('moves a tag and its children under another parent, or to the top', async () => {
    const result = await archive.changeTags({ action: 'move', tag: 'Security › Border', parent: 'Fieldwork' });
    expect(result).toMatchObject({ to: 'Fieldwork › Border', tags: 2 });
    expect(tagsOf(1)).toContain('Fieldwork › Border › Fergana');
    await archive.changeTags({ action: 'move', tag: 'Fieldwork › Border', parent: null });
    expect(tagsOf(0)).toContain('Border');
    expect(archive.search('tag:Border').hits).toHaveLength(2);
  });

  it('moves a concept under another concept of its vocabulary: its broader concept changes', async () => {
    await archive.changeTags({ action: 'move', tag: 'Tajikistan', parent: 'UN entities' });
    expect(tagsOf(1)).toContain('UN entities › Tajikistan');
    expect(archive.vocabularies()[0]!.concepts.find((c) => c.id === 'tj')!.broader).toBe('un');
    await archive.changeTags({ action: 'move', tag: 'Tajikistan', parent: null });
    expect(tagsOf(1)).toContain('Tajikistan');
    expect(archive.vocabularies()[0]!.concepts.find((c) => c.id === 'tj')!.broader).toBeUndefined();
    await archive.undo();
    await archive.undo();
    expect(tagsOf(1)).toContain('Central Asian states › Tajikistan');
    expect(archive.vocabularies()[0]!.concepts.find((c) => c.id === 'tj')!.broader).toBe('ca');
  });

  it('refuses a move under itself or its own child, onto a tag there already, and a concept under a free tag', async () => {
    await expect(archive.changeTags({ action: 'move', tag: 'Security', parent: 'Security › Border › Fergana' })).rejects.toMatchObject({ code: 'E_VALIDATION' });
    await expect(archive.changeTags({ action: 'move', tag: 'Security', parent: 'Security' })).rejects.toMatchObject({ code: 'E_VALIDATION' });
    await expect(archive.changeTags({ action: 'move', tag: 'Security › Border', parent: 'Security' })).rejects.toMatchObject({ code: 'E_VALIDATION' });
    await expect(archive.changeTags({ action: 'move', tag: 'Kazakhstan', parent: 'Fieldwork' })).rejects.toMatchObject({ code: 'E_VALIDATION' });
    await archive.update({ id: ids[2]!, changes: { addTags: ['Border'] } });
    await expect(archive.changeTags({ action: 'move', tag: 'Security › Border', parent: null })).rejects.toMatchObject({ code: 'E_CONFLICT' });
  });
});

describe('colour', () => {
  it('colours a tag of one’s own in tags.json and a concept in its vocabulary; a rename takes the colour along; undo puts it back', async () => {
    await archive.changeTags({ action: 'color', tag: 'Security', color: '#047857' });
    expect(entry('Security')!.color).toBe('#047857');
    expect(JSON.parse(await readFile(path.join(archive.root, 'tags.json'), 'utf8')).colours).toEqual({ Security: '#047857' });
    await archive.changeTags({ action: 'rename', tag: 'Security', to: 'Safety' });
    expect(entry('Safety')!.color).toBe('#047857');

    await archive.changeTags({ action: 'color', tag: 'Kazakhstan', color: null });
    expect(archive.vocabularies()[0]!.concepts.find((c) => c.id === 'kz')!.color).toBeUndefined();

    await archive.undo();
    expect(archive.vocabularies()[0]!.concepts.find((c) => c.id === 'kz')!.color).toBe('#1d4ed8');
    await archive.undo();
    expect(entry('Security')!.color).toBe('#047857');
    await archive.undo();
    expect(entry('Security')!.color).toBeNull();
    await expect(archive.changeTags({ action: 'color', tag: 'Fieldwork', color: null })).rejects.toMatchObject({ code: 'E_VALIDATION' });
  });

  it('survives reopening: colours are read back from tags.json', async () => {
    await archive.changeTags({ action: 'color', tag: 'Fieldwork', color: '#b91c1c' });
    const root = archive.root;
    await archive.close();
    archive = await Archive.open(root, { app: 'Cairn (test)' });
    expect(entry('Fieldwork')!.color).toBe('#b91c1c');
  });
});

describe('delete', () => {
  it('takes a tag and the tags below it off every record and annotation, with one undo', async () => {
    await archive.annotate({ id: ids[1]!, quote: archive.get(ids[1]!).text.slice(0, 20), tags: ['Security › Border'] });
    const dry = await archive.changeTags({ action: 'delete', tag: 'Security', dryRun: true });
    expect(dry).toMatchObject({ records: 2, tags: 3, applied: false });
    expect(tagsOf(0)).toContain('Security › Border');

    await archive.changeTags({ action: 'delete', tag: 'Security' });
    expect(tagsOf(0)).toEqual(['Fieldwork', 'Central Asian states › Kazakhstan']);
    expect(archive.get(ids[1]!).annotations[0]!.tags).toEqual([]);
    expect(archive.search('tag:Security').hits).toHaveLength(0);
    await archive.undo();
    expect(archive.get(ids[1]!).annotations[0]!.tags).toEqual(['Security › Border']);
    expect(archive.search('tag:Security').hits).toHaveLength(2);
  });

  it('refuses to delete what no record carries, and keeps a deleted concept in its vocabulary', async () => {
    await expect(archive.changeTags({ action: 'delete', tag: 'UN entities' })).rejects.toMatchObject({ code: 'E_VALIDATION' });
    await archive.changeTags({ action: 'delete', tag: 'Kazakhstan' });
    expect(archive.vocabularies()[0]!.concepts.some((c) => c.id === 'kz')).toBe(true);
  });
});

describe('the files it writes', () => {
  it('are ones cairn verify knows: tags.json and the vocabulary and colour logs', async () => {
    await archive.changeTags({ action: 'color', tag: 'Fieldwork', color: '#b91c1c' });
    await archive.changeTags({ action: 'rename', tag: 'Kazakhstan', to: 'Qazaqstan Republic' });
    const report = await verifyArchive(archive.root);
    expect(report.findings).toEqual([]);
  });
});

describe('second look', () => {
  it('a concept moved, the archive opened again, one undo still takes it back (a file read back has its keys in another order)', async () => {
    // Kazakhstan has a colour: its new broader concept is written after it, the file read back has it before.
    await archive.changeTags({ action: 'move', tag: 'Kazakhstan', parent: 'UN entities' });
    const root = archive.root;
    await archive.close();
    archive = await Archive.open(root, { app: 'Cairn (test)' });
    await archive.undo();
    expect(archive.vocabularies()[0]!.concepts.find((c) => c.id === 'kz')!.broader).toBe('ca');
    expect(tagsOf(0)).toContain('Central Asian states › Kazakhstan');
  });

  it('refuses a name longer than a tag may be, or than a concept’s label may be, changing nothing', async () => {
    await expect(archive.changeTags({ action: 'rename', tag: 'Fieldwork', to: 'x'.repeat(301) })).rejects.toMatchObject({ code: 'E_VALIDATION' });
    await expect(archive.changeTags({ action: 'rename', tag: 'Kazakhstan', to: 'k'.repeat(250) })).rejects.toMatchObject({ code: 'E_VALIDATION' });
    expect(archive.vocabularies()[0]!.concepts.find((c) => c.id === 'kz')!.label).toBe('Kazakhstan');
    expect(tagsOf(2)).toEqual(['Fieldwork']);
  });

  it('a rename that changes only the letter case keeps the tag’s colour', async () => {
    await archive.changeTags({ action: 'color', tag: 'Fieldwork', color: '#b91c1c' });
    await archive.changeTags({ action: 'rename', tag: 'Fieldwork', to: 'fieldwork' });
    expect(entry('fieldwork')!.color).toBe('#b91c1c');
    await archive.undo();
    expect(archive.tagEntries().find((e) => e.name.toLowerCase() === 'fieldwork')!.color).toBe('#b91c1c');
  });

  it('a tag that stands for a concept by a label (an annotation’s “Qazaqstan”) is changed with the concept', async () => {
    await archive.annotate({ id: ids[2]!, quote: archive.get(ids[2]!).text.slice(0, 20), tags: ['Qazaqstan'] });
    expect(archive.get(ids[2]!).annotations[0]!.tags).toEqual(['Qazaqstan']);
    await archive.changeTags({ action: 'rename', tag: 'Kazakhstan', to: 'Republic of Kazakhstan' });
    expect(archive.get(ids[2]!).annotations[0]!.tags).toEqual(['Central Asian states › Republic of Kazakhstan']);
    await archive.changeTags({ action: 'delete', tag: 'Republic of Kazakhstan' });
    expect(archive.get(ids[2]!).annotations[0]!.tags).toEqual([]);
  });

  it('a colour changes no record', async () => {
    const rev = archive.get(ids[0]!).rev;
    expect(await archive.changeTags({ action: 'color', tag: 'Kazakhstan', color: '#000000' })).toMatchObject({ records: 0, vocabularies: 1 });
    expect(archive.get(ids[0]!).rev).toBe(rev);
  });

  it('an edit of another field leaves the record’s tags as they are, even one a vocabulary would spell otherwise', async () => {
    await archive.update({ id: ids[2]!, changes: { tags: ['Fieldwork'] } });
    const v = structuredClone(places);
    v.concepts.push({ id: 'fw', label: 'Field work', altLabels: ['Fieldwork'] });
    await archive.putVocabulary(v);
    await archive.update({ id: ids[2]!, changes: { title: 'Another title' } });
    expect(tagsOf(2)).toEqual(['Fieldwork']);
    // Added again, it takes the concept's name.
    await archive.update({ id: ids[2]!, changes: { tags: ['fieldwork'] } });
    expect(tagsOf(2)).toEqual(['Field work']);
  });
});
