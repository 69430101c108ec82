// `cairn repair` and `cairn copy`, in process, on real temp archives: with a damaged cairn-archive.json the records
// still read (with a warning), changes are refused with the way out, and repair asks, then mends.
import { readFile, truncate } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ManifestRepairResult } from '../contract';
import { layout, type Manifest } from '../core/store/archive-folder';
import { cairn } from './test-support/run-in-process';
import { useSampleArchiveCli } from './test-support/sample-archive';

const cli = useSampleArchiveCli('cairn-cli-repair-', async ({ run }) => {
  expect((await run('backup', 'create')).code).toBe(0);
});
const { run } = cli;
const asked = (answer: string, ...argv: string[]) =>
  cairn(argv, { env: { CAIRN_DATA_DIR: cli.dir, CAIRN_PROFILE_DIR: path.join(cli.tmp, 'profile') }, cwd: cli.tmp, answer });

describe('cairn repair', () => {
  it('with a damaged description: reading goes on with a warning, a change is refused naming the repair, and repair asks before mending', async () => {
    const manifest = JSON.parse(await readFile(layout.manifest(cli.dir), 'utf8')) as Manifest;
    await truncate(layout.manifest(cli.dir), 30);

    const list = await run('list', '--json');
    expect(list.code).toBe(0);
    expect(list.json<unknown[]>()).toHaveLength(5);
    expect(list.stderr).toMatch(/warning: cairn-archive.json: cairn-archive.json, the file that describes this archive, is not valid JSON .* Run `cairn repair --data-dir /);
    const [first] = list.json<{ id: string }[]>();
    const tag = await run('tag', first!.id, 'kept');
    expect(tag.code).toBe(1);
    expect(tag.stderr).toMatch(/nothing is changed until the archive is repaired\. Run `cairn repair/);

    const unasked = await run('repair');
    expect(unasked.code).toBe(1);
    expect(unasked.stdout).toMatch(/writes a new one from the backup of .*: the archive stays "archive"/);
    expect(unasked.stderr).toMatch(/--yes/);
    expect((await asked('n', 'repair')).stdout).toMatch(/Nothing was changed\./);
    expect(await readFile(layout.manifest(cli.dir), 'utf8')).toHaveLength(30);

    const done = await asked('y', 'repair');
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(/Repaired: cairn-archive.json was written again; the damaged one is kept at quarantine\/\d{8}T\d{6}Z\/cairn-archive.json/);
    expect(JSON.parse(await readFile(layout.manifest(cli.dir), 'utf8'))).toMatchObject({ id: manifest.id, name: manifest.name, replica: manifest.replica });
    expect((await run('tag', first!.id, 'kept')).code).toBe(0);
    expect((await run('list')).stderr).toBe('');
    expect((await run('repair')).stdout).toMatch(/is whole; there is nothing to repair/);
  });

  it('--yes --json mends without asking and says what it did', async () => {
    await truncate(layout.manifest(cli.dir), 0);
    const result = await run('repair', '--yes', '--json');
    expect(result.code).toBe(0);
    expect(result.json<ManifestRepairResult>()).toMatchObject({ repaired: true, plan: { from: 'backup', newId: false }, quarantined: expect.stringMatching(/^quarantine\//) as string });
  });

  it('speaks Russian', async () => {
    await truncate(layout.manifest(cli.dir), 10);
    const result = await cairn(['repair', '--yes'], { env: { CAIRN_DATA_DIR: cli.dir, CAIRN_PROFILE_DIR: path.join(cli.tmp, 'profile'), LC_ALL: 'ru_RU.UTF-8' }, cwd: cli.tmp });
    expect(result.stdout).toMatch(/Восстановлено: cairn-archive.json записан заново/);
  });
});

describe('cairn copy', () => {
  it('copies the archive into a new folder that then opens on its own, and refuses one that holds files', async () => {
    const done = await run('copy', 'elsewhere');
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(/^Copied \d+ files \(.+\) to elsewhere; open it there to go on working\.\n$/);
    const there = await cairn(['list', '--json'], { env: { CAIRN_DATA_DIR: path.join(cli.tmp, 'elsewhere'), CAIRN_PROFILE_DIR: path.join(cli.tmp, 'profile') }, cwd: cli.tmp });
    expect(there.json<unknown[]>()).toHaveLength(5);
    const again = await run('copy', 'elsewhere');
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already holds files/);
    expect((await run('copy')).code).toBe(2);
  });
});
