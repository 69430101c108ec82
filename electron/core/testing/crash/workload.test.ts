// The crash tests' checkers must be able to fail: a missing acknowledged change is reported as lost,
// and a half-written file is named.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Archive } from '../../archive';
import { layout } from '../../store/archive-folder';
import { readSampleFiles, useTempFolders } from '../fixtures';
import { seededRandom } from '../random';
import { inspectArchiveFiles } from './archive-file-check';
import { checkJournal, journalLine, parseJournal, runWorkload, type JournalEntry } from './workload';

const tempFolder = useTempFolders();

async function sampleArchive() {
  const archive = await Archive.create(path.join(await tempFolder(), 'a'), { app: 'test', person: 'Tester' });
  const texts = (await readSampleFiles()).map((f) => f.bytes.toString('utf8'));
  await archive.importFiles(texts.map((t, i) => ({ name: `s${i}.txt`, bytes: Buffer.from(t) })), { entities: false });
  return { archive, texts };
}

describe('the crash workload', () => {
  it('acknowledges every kind of change, and its own journal checks out against the archive', async () => {
    const { archive, texts } = await sampleArchive();
    const lines: string[] = [];
    await runWorkload(archive, { random: seededRandom(7), prefix: 'w', texts, say: (l) => lines.push(l), limit: 60, weights: { backup: 1 } });
    const journal = parseJournal(lines.join('\n') + '\n');
    expect(new Set(journal.map((e) => e.op))).toEqual(new Set(['import', 'tag', 'set', 'annotate', 'note', 'bulk', 'undo', 'entity', 'backup']));
    const check = checkJournal(archive, journal, new Set((await archive.backups()).map((b) => b.id)));
    expect(check.lost).toEqual([]);
    expect(check.acknowledged).toBe(journal.filter((e) => e.phase === 'ACK').length);
    await archive.close();
  });

  it('reports an acknowledged change that is not in the archive as lost, and an unacknowledged one that landed as fine', async () => {
    const { archive } = await sampleArchive();
    const id = archive.list().items[0]!.id;
    await archive.update({ id, changes: { addTags: ['landed'], description: 'old' } });
    const entries: JournalEntry[] = [
      { phase: 'BEGIN', op: 'tag', value: 'landed', ids: [id] }, // in flight at the kill, landed anyway
      { phase: 'BEGIN', op: 'tag', value: 'missing', ids: [id] },
      { phase: 'ACK', op: 'tag', value: 'missing', ids: [id] },
      { phase: 'BEGIN', op: 'set', value: 'new', ids: [id] },
      { phase: 'ACK', op: 'set', value: 'new', ids: [id] },
      { phase: 'ACK', op: 'note', value: 'a note', ids: [id] },
      { phase: 'ACK', op: 'backup', value: 'b', name: 'no-such-backup' },
    ];
    const check = checkJournal(archive, parseJournal(entries.map(journalLine).join('\n') + '\n' + 'BEGIN {"op":"tag","val'), new Set());
    expect(check.lost).toEqual([`tag missing on ${id} (acknowledged #1)`, `set new on ${id} (acknowledged #2)`, `note a note on ${id} (acknowledged #3)`, 'backup b (acknowledged #4)']);
    expect(check.landedUnacknowledged).toBe(1);
    await archive.close();
  });

  it('names a half-written record, a log line cut off and an original that does not match its hash', async () => {
    const { archive } = await sampleArchive();
    const record = archive.get(archive.list().items[0]!.id);
    await archive.close();
    expect((await inspectArchiveFiles(archive.root)).damaged).toEqual([]);
    const file = layout.record(archive.root, record.id);
    await writeFile(file, (await readFile(file)).subarray(0, 100));
    await writeFile(path.join(archive.root, 'changes', 'operations.jsonl'), '{"op":"x"}\n{"op":', { flag: 'a' });
    await writeFile(layout.original(archive.root, record.source!.sha256), 'changed');
    await mkdir(path.join(archive.root, 'records', 'zz'), { recursive: true });
    await writeFile(path.join(archive.root, 'records', 'zz', '.zz.json.1.2.tmp'), '{');
    const found = await inspectArchiveFiles(archive.root);
    expect(found.tempFiles).toBe(1);
    expect(found.damaged.map((d) => d.split(':')[0])).toEqual(expect.arrayContaining([path.relative(archive.root, file), 'changes/operations.jsonl', `originals/${record.source!.sha256.slice(0, 2)}/${record.source!.sha256}`]));
    expect(found.damaged).toHaveLength(3);
  });
});
