// Many small files read at once: every file's contents (or its error) in the files' order, whether
// a worker reads them (a large folder) or this thread does (a few).
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempFolders } from '../testing/fixtures';
import { readFilesInLanes } from './read-files';

const tempFolder = useTempFolders();

describe('readFilesInLanes', () => {
  for (const count of [7, 450]) {
    it(`reads ${count} files in order, each unreadable one with its own error, Cyrillic intact`, async () => {
      const dir = await tempFolder();
      const files: string[] = [];
      for (let i = 0; i < count; i++) {
        const file = path.join(dir, `f${i}.json`);
        if (i % 97 === 3) await mkdir(file);
        else if (i % 89 === 5) {
          // never written: missing
        } else await writeFile(file, `{"n":${i},"t":"Ташкент ${i}"}`);
        files.push(file);
      }
      const read = await readFilesInLanes(files, (file, content) => (typeof content === 'string' ? (JSON.parse(content) as { n: number; t: string }) : { file, code: content.code }));
      expect(read).toHaveLength(count);
      read.forEach((r, i) => {
        if (i % 97 === 3) expect(r).toEqual({ file: files[i], code: 'EISDIR' });
        else if (i % 89 === 5) expect(r).toEqual({ file: files[i], code: 'ENOENT' });
        else expect(r).toEqual({ n: i, t: `Ташкент ${i}` });
      });
    });
  }
});
