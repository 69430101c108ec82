// The SIGKILL harness's checker must be able to fail: a missing acknowledged edit is reported as lost.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Archive } from '../../../electron/core/archive';
import { readSampleFiles, useTempFolders } from '../../../electron/core/testing/fixtures';
import { checkJournal, parseJournal } from './journal';

const tempFolder = useTempFolders();

describe('checkJournal', () => {
  it('finds acknowledged tags, sets and imports, reports a missing one as lost, and counts unacknowledged ones that landed', async () => {
    const archive = await Archive.create(path.join(await tempFolder(), 'a'), { app: 'test' });
    const [first, second] = await readSampleFiles();
    const { imported } = await archive.importFiles([first!]);
    const id = imported[0]!.id;
    await archive.update({ id, changes: { addTags: ['t1'], description: 'v2' } });

    const output = [
      `BEGIN import ${first!.name} UNRCCA`, `ACK import ${first!.name} UNRCCA`,
      `BEGIN tag ${id} t1`, `ACK tag ${id} t1`,
      `BEGIN set ${id} v1`, `ACK set ${id} v1`,
      `BEGIN set ${id} v2`, // in flight at the kill, landed: v1 was overwritten, not lost
      `BEGIN tag ${id} t9`, `ACK tag ${id} t9`, // acknowledged, not there: lost
      `BEGIN import ${second!.name} Ashgabat`, `ACK import ${second!.name} Ashgabat`, // lost
      `BEGIN tag ${id} cut-off-by-the-ki`,
    ].join('\n');
    const result = checkJournal(archive, parseJournal(output));
    expect(result.acknowledged).toBe(5);
    expect(result.lost).toEqual([`tag ${id} t9 (acknowledged #4)`, `import ${second!.name} Ashgabat (acknowledged #5)`]);
    expect(result.landedUnacknowledged).toBe(1);
    await archive.close();
  });

  it('reports an acknowledged set as lost when the record holds an older value', async () => {
    const archive = await Archive.create(path.join(await tempFolder(), 'a'), { app: 'test' });
    const { imported } = await archive.importFiles((await readSampleFiles()).slice(0, 1));
    const id = imported[0]!.id;
    await archive.update({ id, changes: { description: 'old' } });
    expect(checkJournal(archive, parseJournal(`BEGIN set ${id} new\nACK set ${id} new\n`)).lost).toHaveLength(1);
    await archive.close();
  });
});
