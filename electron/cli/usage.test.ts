// How `cairn` answers a wrong command line: exit 2, the mistake in one line, then a usage line.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cairn } from './test-support/run-in-process';

let tmp: string;
let dir: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'cairn-cli-usage-'));
  dir = path.join(tmp, 'archive');
  expect((await cairn(['init', '--data-dir', dir])).code).toBe(0);
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const inArchive = (...argv: string[]) => cairn(['--data-dir', dir, ...argv]);

describe('usage errors exit 2 with a message and a usage line', () => {
  it.each([
    [[], /^cairn: Which command\?/],
    [['frobnicate'], /^cairn: There is no command “frobnicate”/],
    [['list', '--bogus'], /^cairn: Unknown option '--bogus'\./],
    [['search', '--limit'], /^cairn: Option '--limit <value>' argument missing/],
    [['search', 'peace', '--limit', 'many'], /^cairn: --limit takes a whole number/],
    [['show'], /^cairn: show needs a record id/],
    [['tag', 'abcd1234'], /^cairn: tag needs a record id and at least one tag/],
    [['set', 'abcd1234', 'colour=red'], /^cairn: There is no field “colour”/],
    [['set', 'abcd1234', 'title'], /^cairn: “title” is not FIELD=VALUE/],
    [['import'], /^cairn: import needs at least one file or folder/],
    [['export', '--format', 'xml'], /^cairn: --format takes json, jsonl, csv, dc, annotations, bagit/],
    [['list', '--sort', 'colour'], /^cairn: --sort takes one of/],
  ])('cairn %j', async (argv, message) => {
    const result = await inArchive(...argv);
    expect(result.code).toBe(2);
    const [first, second, ...rest] = result.stderr.split('\n');
    expect(first).toMatch(message);
    expect(second).toMatch(/^Usage: cairn /);
    expect(rest).toEqual(['']);
    expect(result.stdout).toBe('');
  });

  it('a command without an archive folder is a usage error', async () => {
    const result = await cairn(['list']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^cairn: Which archive\? Pass --data-dir DIR or set CAIRN_DATA_DIR\.\nUsage: cairn list /);
  });

  it('with --json the error is also an object on stdout', async () => {
    const result = await inArchive('frobnicate', '--json');
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toEqual({ error: { code: 'E_USAGE', message: expect.stringContaining('frobnicate') as string } });
  });
});

describe('help and version', () => {
  it('--help lists every command; COMMAND --help shows its options', async () => {
    const help = await cairn(['--help']);
    expect(help.code).toBe(0);
    for (const name of ['init', 'import', 'list', 'show', 'search', 'tag', 'untag', 'set', 'export', 'stats']) expect(help.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
    const exportHelp = await cairn(['export', '-h']);
    expect(exportHelp.stdout).toMatch(/--force/);
    expect((await cairn(['help', 'set'])).stdout).toMatch(/status takes new, in-review, reviewed, needs-work, rejected/);
  });

  it('--version prints the version', async () => {
    expect((await cairn(['--version'])).stdout).toMatch(/^cairn \d+\.\d+\.\d+\n$/);
    expect((await cairn(['--version', '--json'])).stdout).toMatch(/"version": "\d+\.\d+\.\d+"/);
  });
});

describe('a folder that is not an archive', () => {
  it('is a user error that says how to make one', async () => {
    const missing = path.join(tmp, 'nothing-here');
    const result = await cairn(['list', '--data-dir', missing]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`cairn: ${missing} is not a Cairn archive (it has no cairn-archive.json). To create one there, run \`cairn init --data-dir ${missing}\`.\n`);
  });
});
