// Vocabulary files: colours must be colours, wrong types are reported, good files load as they are.
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, symlink, truncate, writeFile } from 'node:fs/promises';
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
      // partial: the file is read and used; only the colour was left out (the UI must not call it unreadable).
      expect(problems).toEqual([{ file: path.join('vocabularies', 'topics.json'), message: expect.stringContaining('“Alpha”') as string, text: expect.objectContaining({ key: 'vocab_bad_colour' }) as unknown, partial: true }]);
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

describe('vocabulary files that are not files, or too large', () => {
  it('a named pipe, a link to /dev/zero and a folder are reported at once, without hanging the open; the good file loads', async () => {
    const root = await tempFolder();
    const dir = path.join(root, 'vocabularies');
    await mkdir(path.join(dir, 'folder.json'), { recursive: true });
    execFileSync('mkfifo', [path.join(dir, 'pipe.json')]);
    await symlink('/dev/zero', path.join(dir, 'zero.json'));
    await writeFile(path.join(dir, 'topics.json'), JSON.stringify(topics('#000000')));
    const problems: ArchiveProblem[] = [];
    const vocabularies = await loadVocabularies(dir, root, problems);
    expect(vocabularies.map((v) => v.id)).toEqual(['topics']);
    expect(problems).toEqual([
      { file: path.join('vocabularies', 'folder.json'), message: expect.stringContaining('a folder, not a file') as string, text: expect.anything() as unknown },
      { file: path.join('vocabularies', 'pipe.json'), message: expect.stringContaining('a named pipe, not a file') as string, text: expect.anything() as unknown },
      { file: path.join('vocabularies', 'zero.json'), message: expect.stringContaining('a device (like /dev/zero), not a file') as string, text: expect.anything() as unknown },
    ]);
  });

  it('a file far larger than any vocabulary is reported without being read', async () => {
    const root = await tempFolder();
    const dir = path.join(root, 'vocabularies');
    await mkdir(dir);
    // Sparse: 200 MB on paper, nothing on disk.
    await writeFile(path.join(dir, 'huge.json'), '');
    await truncate(path.join(dir, 'huge.json'), 200 * 1048576);
    const problems: ArchiveProblem[] = [];
    expect(await loadVocabularies(dir, root, problems)).toEqual([]);
    expect(problems).toEqual([
      { file: path.join('vocabularies', 'huge.json'), message: 'This file is larger than any vocabulary (64 MB at most); left untouched.', text: expect.objectContaining({ key: 'vocab_too_large' }) as unknown },
    ]);
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

describe('how concepts hang together', () => {
  const concepts = (...cs: { id: string; label: string; broader?: string }[]) => ({ id: 'v', label: 'V', concepts: cs.map((c) => ({ altLabels: [], ...c })) });
  const issueOf = (raw: unknown) => {
    try {
      validateVocabulary(raw);
      return null;
    } catch (e) {
      return (e as Error).message;
    }
  };

  it('names a duplicate id, a broader concept it does not hold, a loop, and two concepts that would be one tag', () => {
    expect(issueOf(concepts({ id: 'a', label: 'A' }, { id: 'a', label: 'B' }))).toContain('“a” is used twice');
    expect(issueOf(concepts({ id: 'a', label: 'A', broader: 'nowhere' }))).toContain('broader concept “nowhere”');
    expect(issueOf(concepts({ id: 'a', label: 'A', broader: 'c' }, { id: 'b', label: 'B', broader: 'a' }, { id: 'c', label: 'C', broader: 'b' }))).toContain('a → c → b → a');
    expect(issueOf(concepts({ id: 'a', label: 'A', broader: 'a' }))).toContain('a → a');
    expect(issueOf(concepts({ id: 'p', label: 'P' }, { id: 'a', label: 'Kazakhstan', broader: 'p' }, { id: 'b', label: 'kazakhstan ', broader: 'p' }))).toMatch(/concepts “a” and “b” would both be the tag “P › kazakhstan”/i);
    // The same label under two broader concepts is two tags.
    expect(issueOf(concepts({ id: 'p', label: 'P' }, { id: 'q', label: 'Q' }, { id: 'a', label: 'Other', broader: 'p' }, { id: 'b', label: 'Other', broader: 'q' }))).toBeNull();
  });

  it('reports a file with a loop on opening and leaves it out', async () => {
    const dir = await tempFolder();
    await writeFile(path.join(dir, 'loop.json'), JSON.stringify(concepts({ id: 'a', label: 'A', broader: 'b' }, { id: 'b', label: 'B', broader: 'a' })));
    const problems: ArchiveProblem[] = [];
    expect(await loadVocabularies(dir, dir, problems)).toEqual([]);
    expect(problems[0]!.message).toContain('go round in a loop');
  });
});
