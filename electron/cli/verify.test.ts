// `cairn verify`, in process, on real temp archives: exit 0 only when all is well, each damaged file
// named, and a damaged description file does not stop it.
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { VerifyReport } from '../contract';
import { layout } from '../core/store/archive-folder';
import { useSampleArchiveCli } from './test-support/sample-archive';

const cli = useSampleArchiveCli('cairn-cli-verify-', async ({ run }) => {
  expect((await run('backup', 'create')).code).toBe(0);
});
const { run } = cli;

describe('cairn verify', () => {
  it('says all is well, and against which backup, with exit code 0', async () => {
    const result = await run('verify');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/All is well: \d+ files \(.+\) checked in/);
    expect(result.stdout).toMatch(/files matched the checksums of the backup of/);
    const report = (await run('verify', '--json')).json<VerifyReport>();
    expect(report).toMatchObject({ ok: true, findings: [] });
  });

  it('names each damaged, missing or unexpected file and exits 1, even with the description file gone', async () => {
    const [first] = (await run('list', '--json')).json<{ id: string }[]>();
    const file = layout.record(cli.dir, first!.id);
    await writeFile(file, (await readFile(file)).subarray(0, 50));
    await writeFile(path.join(cli.dir, 'stray.txt'), 'x');
    await rm(layout.manifest(cli.dir));

    const result = await run('verify');
    expect(result.code).toBe(1);
    const rel = path.relative(cli.dir, file).split(path.sep).join('/');
    expect(result.stdout).toContain(`MISSING  cairn-archive.json`);
    expect(result.stdout).toContain(`DAMAGED  ${rel}\n    Not readable JSON`);
    expect(result.stdout).toContain('UNEXPECTED  stray.txt');
    expect(result.stdout).toMatch(/1 missing, 1 damaged, 1 unexpected/);
    const json = await run('verify', '--json');
    expect(json.code).toBe(1);
    expect(json.json<VerifyReport>().findings.map((f) => [f.problem, f.file])).toEqual([['missing', 'cairn-archive.json'], ['damaged', rel], ['unexpected', 'stray.txt']]);
  });

  it('speaks Russian', async () => {
    const result = await cairnRu();
    expect(result.stdout).toMatch(/Всё в порядке/);
  });
});

async function cairnRu() {
  const { cairn } = await import('./test-support/run-in-process');
  return cairn(['verify'], { env: { CAIRN_DATA_DIR: cli.dir, CAIRN_PROFILE_DIR: path.join(cli.tmp, 'profile'), LC_ALL: 'ru_RU.UTF-8' }, cwd: cli.tmp });
}
