// Loads the sample collection (data/sample) into a new archive so a first run has something to show.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Vocabulary } from '../contract';
import type { Archive } from './archive';

export async function loadSampleCollection(archive: Archive, sampleDir: string): Promise<void> {
  const names = (await readdir(sampleDir)).filter((n) => n.endsWith('.txt')).sort();
  const files = await Promise.all(names.map(async (name) => ({ name, bytes: await readFile(path.join(sampleDir, name)) })));
  await archive.importFiles(files);
  const vocabularyFile = path.join(sampleDir, 'vocabulary.json');
  const vocabulary = JSON.parse(await readFile(vocabularyFile, 'utf8')) as Vocabulary;
  await archive.putVocabulary(vocabulary);
}
