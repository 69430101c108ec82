// Tags and vocabularies: a tag added or removed by an alternative label means the concept's label.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Vocabulary } from '../contract';
import { Archive } from './archive';
import { readSampleFiles, useTempFolders } from './testing/fixtures';

const tempFolder = useTempFolders();

const vocabulary: Vocabulary = {
  id: 'topics',
  label: 'Topics',
  concepts: [{ id: 'pve', label: 'Preventing violent extremism', altLabels: ['PVE', 'violent extremism'] }],
};

describe('removing a tag by an alternative label', () => {
  it('removes the concept label that adding the same alternative label stored', async () => {
    const archive = await Archive.create(path.join(await tempFolder(), 'archive'), { app: 'Cairn (test)' });
    try {
      await archive.putVocabulary(vocabulary);
      const [id] = (await archive.importFiles((await readSampleFiles()).slice(0, 1))).imported.map((i) => i.id);
      const tagged = await archive.update({ id: id!, changes: { addTags: ['PVE', 'fieldwork'] } });
      expect(tagged.tags).toEqual(['Preventing violent extremism', 'fieldwork']);

      const untagged = await archive.update({ id: id!, changes: { removeTags: ['pve'] } });
      expect(untagged.tags).toEqual(['fieldwork']);
      expect(untagged.rev).toBe(tagged.rev + 1);

      // Another alternative label, in other letter case, finds the same concept.
      await archive.update({ id: id!, changes: { addTags: ['violent extremism'] } });
      expect((await archive.update({ id: id!, changes: { removeTags: ['Violent Extremism', 'fieldwork'] } })).tags).toEqual([]);
    } finally {
      await archive.close();
    }
  });
});

describe('searching by a concept’s labels', () => {
  it('follows a vocabulary change at once, even one that changes no record (answers are kept only until something changes)', async () => {
    const archive = await Archive.create(path.join(await tempFolder(), 'archive'), { app: 'Cairn (test)' });
    try {
      await archive.putVocabulary(vocabulary);
      const [id] = (await archive.importFiles((await readSampleFiles()).slice(0, 1))).imported.map((i) => i.id);
      await archive.update({ id: id!, changes: { addTags: ['PVE'] } });
      await archive.whenIndexed();
      expect(archive.search('tag:PVE').total).toBe(1);
      expect(archive.search('tag:"countering extremism"').total).toBe(0);
      // A new alternative label: the concept's tag (its label) stays, so no record is written.
      const next = { ...vocabulary, concepts: [{ ...vocabulary.concepts[0]!, altLabels: [...vocabulary.concepts[0]!.altLabels!, 'countering extremism'] }] };
      expect((await archive.putVocabulary(next)).records).toBe(0);
      expect(archive.search('tag:"countering extremism"').total).toBe(1);
      expect(archive.list({ query: 'tag:"countering extremism"' }).ids).toEqual([id]);
    } finally {
      await archive.close();
    }
  });
});
