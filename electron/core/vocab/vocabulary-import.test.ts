// Importing vocabularies: CSV (a language column, or label@ru columns), SKOS in Turtle and JSON-LD,
// Cairn's JSON; bad files named by line or concept, changing nothing; a new edition moves records' tags.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Vocabulary } from '../../contract';
import { Archive } from '../archive';
import { readSampleFiles, useTempFolders } from '../testing/fixtures';
import { readVocabularyFile } from './read-vocabulary';

const tempFolder = useTempFolders();
const read = (body: string | Uint8Array, name: string, options = {}) => readVocabularyFile(typeof body === 'string' ? new TextEncoder().encode(body) : body, name, options);
const failure = async (body: string | Uint8Array, name: string) => {
  try {
    await read(body, name);
    return null;
  } catch (e) {
    return (e as Error).message;
  }
};

describe('CSV', () => {
  it('reads id,label,broader,altLabels with label@ru columns: labels in two languages, broader by id or label', async () => {
    const v = await read(
      '\uFEFFid,label,label@ru,broader,altLabels,altLabels@ru,color\n' +
        'ca,Central Asian states,Государства Центральной Азии,,,,\n' +
        'kz,Kazakhstan,Казахстан,ca,Qazaqstan;KZ,Казахстан Республикасы,#1D4ED8\n' +
        'tj,Tajikistan,Таджикистан,Central Asian states,,,\n',
      'Central Asia.csv',
    );
    expect(v.id).toBe('Central-Asia');
    expect(v.label).toBe('Central Asia');
    expect(v.concepts).toEqual([
      { id: 'ca', label: 'Central Asian states', altLabels: [], translations: { ru: { label: 'Государства Центральной Азии' } } },
      { id: 'kz', label: 'Kazakhstan', altLabels: ['Qazaqstan', 'KZ'], broader: 'ca', color: '#1d4ed8', translations: { ru: { label: 'Казахстан', altLabels: ['Казахстан Республикасы'] } } },
      { id: 'tj', label: 'Tajikistan', altLabels: [], broader: 'ca', translations: { ru: { label: 'Таджикистан' } } },
    ]);
  });

  it('reads one line per language with a language column', async () => {
    const v = await read('id,label,language,broader,scopeNote\np1,Pillar I,en,,Conditions conducive\np1,Компонент I,ru,,Условия\np2,Pillar II,en,,\np2,Компонент II,ru,,\n', 'pillars.csv', { id: 'gcts', label: 'Pillars' });
    expect(v).toMatchObject({ id: 'gcts', label: 'Pillars' });
    expect(v.concepts[0]).toEqual({ id: 'p1', label: 'Pillar I', altLabels: [], scopeNote: 'Conditions conducive', translations: { ru: { label: 'Компонент I', scopeNote: 'Условия' } } });
  });

  it('names the line of a missing id, a duplicate id, a missing label; a loop and an unknown broader by concept; a bad header', async () => {
    expect(await failure('id,label\n,Nothing\n', 'a.csv')).toMatch(/line 2 has no id/);
    expect(await failure('id,label\na,A\nb,B\na,Again\n', 'a.csv')).toMatch(/line 4 gives the id “a” a second time/);
    expect(await failure('id,label\na,\n', 'a.csv')).toMatch(/line 2 \(“a”\) has no label/);
    expect(await failure('id,label,broader\na,A,b\nb,B,a\n', 'a.csv')).toMatch(/loop \(a → b → a\)/);
    expect(await failure('id,label,broader\na,A,zz\n', 'a.csv')).toMatch(/concept “a” names a broader concept “zz”/);
    expect(await failure('name;comment\nx;y\n', 'a.csv')).toMatch(/at least id and label/);
    expect(await failure('id,label\n', 'a.csv')).toMatch(/holds no concepts/);
  });

  it('names the line that is not UTF-8', async () => {
    const latin1 = new Uint8Array([...new TextEncoder().encode('id,label\na,A\nb,'), 0xe9, 0x74, 0xe9, 0x0a]);
    expect(await failure(latin1, 'a.csv')).toMatch(/line 3 is not UTF-8 text/);
  });
});

const TURTLE = `@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix g: <https://example.org/gcts/> .
g:scheme a skos:ConceptScheme ; dct:title "GCTS pillars"@en, "Компоненты ГСБТ"@ru .
g:pillars a skos:Concept ; skos:prefLabel "Pillars"@en, "Компоненты"@ru ; skos:narrower g:pillar-1 .
g:pillar-1 a skos:Concept ; skos:prefLabel "Pillar I"@en, "Компонент I"@ru ; skos:altLabel "Conditions conducive"@en ;
  skos:definition "Measures to address the conditions conducive to the spread of terrorism"@en .
g:pillar-2 a skos:Concept ; skos:prefLabel "Pillar II"@en, "Компонент II"@ru ; skos:broader g:pillars .
`;

describe('SKOS', () => {
  it('reads Turtle: prefLabel and altLabel per language, broader and narrower, the scheme’s title', async () => {
    const v = await read(TURTLE, 'gcts.ttl');
    expect(v).toMatchObject({ id: 'scheme', label: 'GCTS pillars', translations: { ru: { label: 'Компоненты ГСБТ' } } });
    expect(v.concepts.find((c) => c.id === 'pillar-1')).toEqual({
      id: 'pillar-1',
      label: 'Pillar I',
      altLabels: ['Conditions conducive'],
      broader: 'pillars',
      scopeNote: 'Measures to address the conditions conducive to the spread of terrorism',
      translations: { ru: { label: 'Компонент I' } },
    });
    expect(v.concepts.find((c) => c.id === 'pillar-2')!.broader).toBe('pillars');
  });

  it('reads JSON-LD with its context in the file, and refuses a context on the web, naming it', async () => {
    const doc = {
      '@context': { skos: 'http://www.w3.org/2004/02/skos/core#', prefLabel: { '@id': 'skos:prefLabel', '@container': '@language' }, broader: { '@id': 'skos:broader', '@type': '@id' } },
      '@graph': [
        { '@id': 'https://example.org/un/unrcca', '@type': 'skos:Concept', prefLabel: { en: 'UNRCCA', ru: 'РЦПДЦА' } },
        { '@id': 'https://example.org/un/unoct', '@type': 'skos:Concept', prefLabel: { en: 'UNOCT', ru: 'КТК ООН' }, broader: 'https://example.org/un/unrcca' },
      ],
    };
    const v = await read(JSON.stringify(doc), 'un.jsonld', { id: 'un', label: 'UN entities' });
    expect(v.concepts).toEqual([
      { id: 'unrcca', label: 'UNRCCA', altLabels: [], translations: { ru: { label: 'РЦПДЦА' } } },
      { id: 'unoct', label: 'UNOCT', altLabels: [], broader: 'unrcca', translations: { ru: { label: 'КТК ООН' } } },
    ]);
    expect(await failure(JSON.stringify({ '@context': 'https://example.org/skos-context.jsonld', '@id': 'x', prefLabel: 'X' }), 'remote.jsonld')).toMatch(/context is on the web \(https:\/\/example.org\/skos-context.jsonld\)/);
  });

  it('names what is wrong: not RDF, no concepts, a loop of broader concepts', async () => {
    expect(await failure('@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n<a> skos:prefLabel "A" ;;; oops', 'bad.ttl')).toMatch(/cannot be read as RDF/);
    expect(await failure('<a> <http://purl.org/dc/terms/title> "A" .', 'empty.ttl')).toMatch(/no SKOS concepts/);
    expect(await failure('@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n<https://x/a> skos:prefLabel "A" ; skos:broader <https://x/b> .\n<https://x/b> skos:prefLabel "B" ; skos:broader <https://x/a> .', 'loop.ttl')).toMatch(/loop/);
  });
});

describe('importing into an archive', () => {
  let archive: Archive;
  let ids: string[];
  beforeEach(async () => {
    archive = await Archive.create(path.join(await tempFolder(), 'archive'), { app: 'Cairn (test)' });
    ids = (await archive.importFiles((await readSampleFiles()).slice(0, 2))).imported.map((i) => i.id);
  });
  afterEach(async () => {
    await archive.close();
  });
  const file = (body: string, name: string) => ({ name, dataBase64: Buffer.from(body).toString('base64') });

  it('a new edition renames and moves the concepts’ tags on the records (ids kept); one undo takes it back', async () => {
    const first = await archive.importVocabulary({ ...file('id,label,broader,label@ru\nca,Central Asia,,Центральная Азия\nkz,Kazakhstan,ca,Казахстан\n', 'places.csv') });
    expect(first).toMatchObject({ vocabulary: { id: 'places', concepts: 2, languages: ['ru'] }, replaced: false, added: 2, records: 0, applied: true });
    await archive.update({ id: ids[0]!, changes: { addTags: ['Kazakhstan', 'Kazakhstan › Almaty'] } });
    expect(archive.get(ids[0]!).tags).toEqual(['Central Asia › Kazakhstan', 'Central Asia › Kazakhstan › Almaty']);

    const edition = file('id,label,broader,label@ru\nca,Central Asian states,,Государства Центральной Азии\nkz,Republic of Kazakhstan,ca,Казахстан\n', 'places.csv');
    const dry = await archive.importVocabulary({ ...edition, dryRun: true });
    expect(dry).toMatchObject({ replaced: true, added: 0, changed: 2, removed: 0, records: 1, applied: false });
    expect(archive.get(ids[0]!).tags).toEqual(['Central Asia › Kazakhstan', 'Central Asia › Kazakhstan › Almaty']);

    await archive.importVocabulary(edition);
    expect(archive.get(ids[0]!).tags).toEqual(['Central Asian states › Republic of Kazakhstan', 'Central Asian states › Republic of Kazakhstan › Almaty']);
    await archive.undo();
    expect([...archive.get(ids[0]!).tags].sort()).toEqual(['Central Asia › Kazakhstan', 'Central Asia › Kazakhstan › Almaty']);
    expect(archive.vocabularies()[0]!.concepts[0]!.label).toBe('Central Asia');
    // The first import too is one undo: the vocabulary goes.
    await archive.undo();
    await archive.undo();
    expect(archive.vocabularies()).toEqual([]);
  });

  it('a bad file changes nothing', async () => {
    await expect(archive.importVocabulary(file('id,label,broader\na,A,b\nb,B,a\n', 'loop.csv'))).rejects.toMatchObject({ code: 'E_VALIDATION' });
    expect(archive.vocabularies()).toEqual([]);
  });

  it('Cairn’s own JSON comes in as it is', async () => {
    const v: Vocabulary = { id: 'mine', label: 'Mine', concepts: [{ id: 'x', label: 'X', altLabels: [] }] };
    expect(await archive.importVocabulary(file(JSON.stringify(v), 'mine.json'))).toMatchObject({ vocabulary: { id: 'mine', concepts: 1 } });
  });
});

describe('second look at the readers', () => {
  it('CSV: names the line a row ends on after blank lines and a cell with a line break; takes label@ru alone; a language in capitals', async () => {
    expect(await failure('id,label,scopeNote\n\na,A,"two\nlines"\n\n,B,\n', 'a.csv')).toMatch(/line 6 has no id/);
    const ru = await read('id,label@ru\na,Альфа\n', 'ru.csv');
    expect(ru.concepts[0]).toMatchObject({ id: 'a', label: 'Альфа' });
    const v = await read('id,label,language\na,Alpha,EN\na,Альфа,RU\n', 'x.csv');
    expect(v.concepts[0]).toEqual({ id: 'a', label: 'Alpha', altLabels: [], translations: { ru: { label: 'Альфа' } } });
  });

  it('SKOS: an English label with a region is the label; a narrower link from something not a concept is passed over; a bad %-escape is kept as written', async () => {
    const v = await read(`@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://x/a%ZZ> skos:prefLabel "Колорит"@ru, "Colour"@en-GB .
<https://x/scheme> skos:narrower <https://x/a%ZZ> .`, 'x.ttl');
    expect(v.concepts).toEqual([{ id: 'a%ZZ', label: 'Colour', altLabels: [], translations: { ru: { label: 'Колорит' } } }]);
  });

  it('a file named without Latin letters gets an id of its own', async () => {
    const v = await read('id,label\na,A\n', 'Словарь.csv');
    expect(v.id).toMatch(/^vocabulary-[0-9a-z]+$/);
    expect((await read('id,label\na,A\n', 'Тезаурус.csv')).id).not.toBe(v.id);
  });

  it('a label with the hierarchy mark is refused, named', async () => {
    expect(await failure('id,label\na,Asia › Central\n', 'a.csv')).toMatch(/concept “a” holds the hierarchy mark/);
  });
});
