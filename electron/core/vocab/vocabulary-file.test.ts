// Vocabulary files: colours must be colours, wrong types are reported, good files load as they are.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ArchiveProblem } from '../../contract';
import { Archive } from '../archive';
import { sampleDir, useTempFolders } from '../testing/fixtures';
import { loadVocabularies, validateVocabulary } from './vocabulary-file';

const tempFolder = useTempFolders();

async function load(files: Record<string, unknown>): Promise<{ vocabularies: Awaited<ReturnType<typeof loadVocabularies>>; problems: ArchiveProblem[] }> {
  const root = await tempFolder();
  const dir = path.join(root, 'vocabularies');
  await mkdir(dir);
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  const problems: ArchiveProblem[] = [];
  return { vocabularies: await loadVocabularies(dir, root, problems), problems };
}

const topics = (color: unknown) => ({ id: 'topics', label: 'Topics', concepts: [{ id: 'a', label: 'Alpha', altLabels: ['A'], color }, { id: 'b', label: 'Beta', altLabels: [], color: '#1D4ED8' }] });

describe('loading vocabulary files', () => {
  it('loads the sample vocabulary as it is', async () => {
    const sample = JSON.parse(await readFile(path.join(sampleDir, 'vocabulary.json'), 'utf8')) as unknown;
    const { vocabularies, problems } = await load({ 'sample.json': sample });
    expect(problems).toEqual([]);
    expect(vocabularies[0]).toEqual(sample);
  });

  for (const hostile of ['red;background-image:url(https://evil.example/x.png)', 'red', 'url(x)', '#12345g', '#1234567', 'var(--x)', 42]) {
    it(`drops the colour ${JSON.stringify(hostile)}, keeps the concept, and reports it by file and concept`, async () => {
      const { vocabularies, problems } = await load({ 'topics.json': topics(hostile) });
      const [alpha, beta] = vocabularies[0]!.concepts;
      expect(alpha).toEqual({ id: 'a', label: 'Alpha', altLabels: ['A'] });
      expect(beta!.color).toBe('#1d4ed8');
      expect(problems).toEqual([{ file: path.join('vocabularies', 'topics.json'), message: expect.stringContaining('“Alpha”') as string }]);
    });
  }

  it('widens #rgb to #rrggbb', async () => {
    const { vocabularies } = await load({ 'topics.json': topics('#0aF') });
    expect(vocabularies[0]!.concepts[0]!.color).toBe('#00aaff');
  });

  it('reports a file with wrong types and keeps loading the others', async () => {
    const { vocabularies, problems } = await load({
      'a-broken.json': { id: 'broken', label: 'Broken', concepts: [{ id: 'x', label: null, altLabels: 'no' }] },
      'b-not-json.json': '{',
      'c-good.json': topics('#000000'),
    });
    expect(vocabularies.map((v) => v.id)).toEqual(['topics']);
    expect(problems.map((p) => p.file)).toEqual([path.join('vocabularies', 'a-broken.json'), path.join('vocabularies', 'b-not-json.json')]);
    expect(problems[0]!.message).toMatch(/concepts\.0\.label/);
  });
});

describe('storing a vocabulary', () => {
  it('refuses a colour that is not a colour, and writes nothing', async () => {
    expect(() => validateVocabulary(topics('red;background:url(x)'))).toThrow(/concepts\.0\.color/);
    const archive = await Archive.create(path.join(await tempFolder(), 'archive'), { app: 'test' });
    await expect(archive.putVocabulary(topics('red;x') as never)).rejects.toMatchObject({ code: 'E_VALIDATION' });
    expect(archive.vocabularies()).toEqual([]);
    await archive.close();
  });
});
