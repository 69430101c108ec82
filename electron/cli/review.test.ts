// `cairn history`, `review`, `queue`, `restore`, `undo`, `redo` and `config set name`, in process, on
// real temp archives: the exact forms scripts rely on, and the refusals that change nothing.
import { describe, expect, it } from 'vitest';
import type { CairnRecord, UndoResult } from '../contract';
import { useSampleArchiveCli } from './test-support/sample-archive';

const cli = useSampleArchiveCli('cairn-cli-review-');
const { run } = cli;

const ids = async () => (await run('list', '--json')).json<{ id: string; title: string }[]>().map((r) => r.id);

describe('review from the command line', () => {
  it('needs a name, then records the decision with it; needs-work needs a comment', async () => {
    const [id] = await ids();
    const nameless = await run('review', id!, '--status', 'in-review');
    expect(nameless.code).toBe(0);
    const refused = await run('review', id!, '--status', 'reviewed', '--confirm');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/cairn config set name/);

    expect((await run('config', 'set', 'name', 'Aigerim Sadykova')).code).toBe(0);
    expect((await run('review', id!, '--status', 'needs-work')).stderr).toMatch(/needs a comment/);
    expect((await run('review', id!, '--status', 'finished', '--comment', 'x')).stderr).toMatch(/new, in-review, reviewed, needs-work, rejected/);
    const flagged = await run('review', id!, '--status', 'needs-work', '--comment', 'The date is the dateline’s', '--json');
    expect(flagged.json<CairnRecord>()).toMatchObject({ status: 'needs-work', review: { by: { name: 'Aigerim Sadykova' }, comment: 'The date is the dateline’s' } });
    expect((await run('review', id!, '--status', 'reviewed')).stderr).toMatch(/unconfirmed proposals/);
    expect((await run('review', id!, '--status', 'reviewed', '--confirm')).stdout).toMatch(/: Reviewed \(by Aigerim Sadykova\)/);
  });

  it('the queue lists what needs review and how far it has come', async () => {
    await run('config', 'set', 'name', 'Aigerim Sadykova');
    const [first] = await ids();
    await run('review', first!, '--status', 'reviewed', '--confirm');
    const queue = await run('queue', '--json');
    expect(queue.json<{ id: string; status: string; proposed: number }[]>().map((r) => r.id)).toEqual((await ids()).filter((id) => id !== first));
    expect((await run('queue')).stdout).toMatch(/^1 of 5 records reviewed in this queue$/m);
    expect((await run('queue', '--query', 'Ashgabat')).stdout).toMatch(/of \d records reviewed in this queue/);
  });
});

describe('history, restore, undo and redo from the command line', () => {
  it('history --json is [{change, op, at, who, field, item, before, after, comment}], newest first; restore --change puts a value back', async () => {
    const [id] = await ids();
    const original = (await run('show', id!, '--json')).json<CairnRecord>().title;
    await run('set', id!, 'title=A better title');
    const history = (await run('history', id!, '--json')).json<Record<string, unknown>[]>();
    expect(Object.keys(history[0]!)).toEqual(['change', 'op', 'at', 'who', 'field', 'item', 'before', 'after', 'comment']);
    expect(history[0]).toMatchObject({ field: 'title', before: original, after: 'A better title', who: { name: '' } });
    expect(history.at(-1)).toMatchObject({ field: 'record', before: null });
    const text = (await run('history', id!)).stdout;
    expect(text).toContain(`Title: “${original.slice(0, 40)}`);
    expect(text).toContain(`→ “A better title”  [${String(history[0]!.change)}]`);

    const restored = await run('restore', id!, '--change', String(history[0]!.change), '--json');
    expect(restored.json<CairnRecord>().title).toBe(original);
    expect((await run('restore', id!, '--at', '2001-01-01')).stderr).toMatch(/did not exist yet/);
    expect((await run('restore', id!)).code).toBe(2);
    expect((await run('restore', id!, '--change', 'x', '--at', '2026-01-01')).code).toBe(2);
  });

  it('undo reverses the archive’s last operation and redo puts it back; with nothing to undo it says so', async () => {
    const [id] = await ids();
    await run('tag', id!, 'Counter-terrorism');
    const undone = await run('undo', '--json');
    expect(undone.json<UndoResult>().reversed).toMatchObject({ kind: 'edit', fields: ['tags'] });
    expect((await run('show', id!, '--json')).json<CairnRecord>().tags).not.toContain('Counter-terrorism');
    expect((await run('redo')).stdout).toMatch(/^Redid the change to Tags of “/);
    expect((await run('show', id!, '--json')).json<CairnRecord>().tags).toContain('Counter-terrorism');
    expect((await run('undo')).stdout).toMatch(/^Undid the change to Tags of “/);
    expect((await run('undo')).stdout).toMatch(/^Undid the import of 5 records/);
    expect((await run('list', '--json')).json<unknown[]>()).toEqual([]);
    const nothing = await run('undo');
    expect(nothing.code).not.toBe(0);
    expect(nothing.stderr).toMatch(/nothing to undo/);
    expect((await run('redo')).stdout).toMatch(/^Redid the import of 5 records/);
  });
});
