import { appendFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempFolders } from '../testing/fixtures';
import { appendLines, readLines, readTail } from './log-file';

const tempFolder = useTempFolders();
const isNumberBox = (v: unknown): v is { n: number } => typeof v === 'object' && v !== null && typeof (v as { n?: unknown }).n === 'number';

describe('append-only line files', () => {
  it('appends without rewriting: earlier bytes stay exactly as they were', async () => {
    const file = path.join(await tempFolder(), 'deep', 'log.jsonl');
    await appendLines(file, [{ n: 1 }]);
    const first = await readFile(file, 'utf8');
    await appendLines(file, [{ n: 2 }, { n: 3 }]);
    const all = await readFile(file, 'utf8');
    expect(all.startsWith(first)).toBe(true);
    expect((await readLines(file, isNumberBox)).values.map((v) => v.n)).toEqual([1, 2, 3]);
  });

  it('skips and counts damaged lines, and a line torn by a crash does not swallow the next append', async () => {
    const file = path.join(await tempFolder(), 'log.jsonl');
    await appendLines(file, [{ n: 1 }]);
    await appendFile(file, '{"n": 2, "torn'); // the process died in the middle of a write
    await appendLines(file, [{ n: 3 }]);
    await appendFile(file, '"not a box"\n');
    const read = await readLines(file, isNumberBox);
    expect(read.values.map((v) => v.n)).toEqual([1, 3]);
    expect(read.damaged).toBe(2);
  });

  it('reads a missing file as empty, and a tail as whole lines', async () => {
    const dir = await tempFolder();
    expect(await readLines(path.join(dir, 'none.jsonl'), isNumberBox)).toEqual({ values: [], damaged: 0 });
    const file = path.join(dir, 'log.jsonl');
    await writeFile(file, Array.from({ length: 100 }, (_, i) => JSON.stringify({ n: i })).join('\n') + '\n');
    const { tail, whole } = await readTail(file, 40);
    expect(whole).toBe(false);
    expect(tail.split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { n: number }).n)).toEqual([96, 97, 98, 99]);
    expect(await readTail(path.join(dir, 'none.jsonl'), 40)).toEqual({ tail: '', whole: true });
  });
});
