// `cairn annotate`, `set text=@FILE`, `notes` and `entities`, in process, on real temp archives: the
// exact forms scripts rely on, and the refusals that change nothing.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CairnRecord } from '../contract';
import { useSampleArchiveCli } from './test-support/sample-archive';

const cli = useSampleArchiveCli('cairn-cli-annotate-', async ({ run }) => {
  expect((await run('config', 'set', 'name', 'Aigerim Sadykova')).code).toBe(0);
});
const { run } = cli;

const recordWith = async (words: string) => {
  const all = (await run('list', '--json')).json<{ id: string }[]>();
  for (const { id } of all) {
    const record = (await run('show', id, '--json')).json<CairnRecord>();
    if (record.text.includes(words)) return record;
  }
  throw new Error(`no sample has ${words}`);
};

interface Listed {
  id: string;
  quote: string;
  start: number | null;
  end: number | null;
  note: string;
  tags: string[];
  orphaned: boolean;
}

describe('cairn annotate', () => {
  it('annotates the n-th occurrence and prints the id; --list --json gives UTF-16 offsets; --remove takes it away', async () => {
    const record = await recordWith('Coninsx');
    const made = await run('annotate', record.id, '--quote', 'Coninsx', '--occurrence', '2', '--note', 'Spelt Coninx elsewhere', '--tag', 'names', '--tag', 'spelling');
    expect(made.code).toBe(0);
    const aid = made.stdout.trim();
    expect(aid).toMatch(/^[a-z0-9]{10}$/);
    const second = record.text.indexOf('Coninsx', record.text.indexOf('Coninsx') + 1);
    const listed = (await run('annotate', record.id.slice(0, 8), '--list', '--json')).json<Listed[]>();
    expect(listed).toEqual([{ id: aid, quote: 'Coninsx', start: second, end: second + 7, note: 'Spelt Coninx elsewhere', tags: ['names', 'spelling'], orphaned: false, approximate: false }]);
    expect((await run('annotate', record.id, '--list')).stdout).toMatch(/Coninsx.*names, spelling/);
    expect((await run('annotate', record.id, '--remove', aid)).code).toBe(0);
    expect((await run('annotate', record.id, '--list', '--json')).json<Listed[]>()).toEqual([]);
  });

  it('refuses a quote that is not there, an empty one, a bad occurrence and two modes at once, changing nothing', async () => {
    const record = await recordWith('Coninsx');
    const absent = await run('annotate', record.id, '--quote', 'Coninx');
    expect(absent.code).toBe(1);
    expect(absent.stderr).toMatch(/“Coninx” is not in the text/);
    expect((await run('annotate', record.id, '--quote', '')).code).toBe(1);
    expect((await run('annotate', record.id, '--quote', 'Coninsx', '--occurrence', '0')).code).toBe(2);
    expect((await run('annotate', record.id, '--quote', 'Coninsx', '--occurrence', '7')).stderr).toMatch(/7 times/);
    expect((await run('annotate', record.id, '--quote', 'Coninsx', '--list')).code).toBe(2);
    expect((await run('annotate', record.id, '--remove', 'nothere')).code).toBe(1);
    expect((await run('show', record.id, '--json')).json<CairnRecord>().rev).toBe(record.rev);
  });

  it('set text=@FILE corrects the text: annotations move with their words, a deleted passage is orphaned, undo puts it back', async () => {
    const record = await recordWith('Vladimir Voronkov');
    await run('annotate', record.id, '--quote', 'Vladimir Voronkov');
    await run('annotate', record.id, '--quote', 'During the first day of the visit');
    const file = path.join(cli.tmp, 'corrected.txt');
    await writeFile(file, '\ufeff' + record.text.replace('Vladimir Voronkov,', 'Mr. Vladimir Voronkov,').replace(/During the first day of the visit[^\n]*/, ''));
    const corrected = await run('set', record.id, 'text=@corrected.txt');
    expect(corrected.code).toBe(0);
    expect(corrected.stdout).toMatch(/Annotations: 2; moved with their words: 1; .*orphaned \(passage gone\): 1/);
    const listed = (await run('annotate', record.id, '--list', '--json')).json<Listed[]>();
    const text = (await run('show', record.id, '--json')).json<CairnRecord>().text;
    expect(text.startsWith('\ufeff')).toBe(false);
    expect(listed.map((a) => [a.quote, a.orphaned, a.start === null ? null : text.slice(a.start, a.end!)])).toEqual([
      ['Vladimir Voronkov', false, 'Vladimir Voronkov'],
      ['During the first day of the visit', true, null],
    ]);
    expect((await run('undo')).code).toBe(0);
    expect((await run('show', record.id, '--json')).json<CairnRecord>().text).toBe(record.text);
    expect((await run('set', record.id, 'text=@missing.txt')).code).toBe(1);
  });
});

describe('cairn notes', () => {
  it('adds (printing the id), lists and removes notes', async () => {
    const record = await recordWith('Coninsx');
    const id = (await run('notes', record.id, '--add', 'Check the SRSG title.')).stdout.trim();
    expect((await run('notes', record.id, '--json')).json<{ id: string; text: string; by: { name: string } }[]>()).toMatchObject([{ id, text: 'Check the SRSG title.', by: { name: 'Aigerim Sadykova' } }]);
    expect((await run('notes', record.id, '--remove', id)).code).toBe(0);
    expect((await run('notes', record.id)).stdout).toMatch(/has no notes/);
    expect((await run('notes', record.id, '--add', '  ')).code).toBe(1);
  });
});

describe('cairn entities', () => {
  it('marks, lists (--json: id, name, kind, aliases, records), merges Coninsx into Coninx, and refuses conflicts', async () => {
    const launch = await recordWith('Coninsx');
    const consultation = await recordWith('Coninx');
    expect((await run('entities', 'mark', launch.id, 'Coninsx', '--kind', 'person')).code).toBe(0);
    expect((await run('entities', 'mark', consultation.id, 'Michèle Coninx', '--kind', 'person')).code).toBe(0);
    expect((await run('entities', 'mark', launch.id, 'Coninsx')).code).toBe(2);
    const listed = (await run('entities', '--json')).json<{ id: string; name: string; kind: string; aliases: string[]; records: string[] }[]>();
    expect(listed.map((e) => [e.name, e.kind, e.aliases, e.records])).toEqual([
      ['Coninsx', 'person', [], [launch.id]],
      ['Michèle Coninx', 'person', [], [consultation.id]],
    ]);
    expect((await run('entities', 'alias', 'Coninsx', 'michèle coninx')).stderr).toMatch(/already names another entity/);
    expect((await run('entities', 'merge', 'Coninsx', 'Coninsx')).stderr).toMatch(/itself/);
    const merged = await run('entities', 'merge', 'Coninsx', 'Michèle Coninx', '--json');
    expect(merged.json<{ name: string; aliases: string[]; records: string[] }>()).toMatchObject({ name: 'Michèle Coninx', aliases: ['Coninsx'] });
    expect(merged.json<{ records: string[] }>().records.sort()).toEqual([launch.id, consultation.id].sort());
    expect((await run('entities', '--kind', 'person', '--json')).json<unknown[]>()).toHaveLength(1);
    expect((await run('entities', '--kind', 'organization', '--json')).json<unknown[]>()).toHaveLength(0);
    expect((await run('entities', 'show', 'Coninsx')).stdout).toMatch(/Michèle Coninx.*\n.*Coninsx/);
    expect((await run('entities', 'rename', 'Coninx', 'Michèle Coninx (CTED)', '--json')).json<{ aliases: string[] }>().aliases).toEqual(['Michèle Coninx', 'Coninsx']);
    expect((await run('entities', 'split', 'Coninx', 'Coninsx', '--json')).json<{ name: string; records: string[] }>()).toEqual(expect.objectContaining({ name: 'Coninsx', records: [launch.id] }));
    expect((await run('entities', 'frobnicate')).code).toBe(2);
    expect((await run('entities', '--kind', 'animal')).code).toBe(2);
  });
});
