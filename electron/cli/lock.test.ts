// `cairn` next to a running Cairn: another process holds the archive's lock, as the desktop app does.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { holdArchiveLock, type LockHolderProcess } from '../core/testing/child-process';
import { findAppRoot } from './app-root';
import { cairn } from './test-support/run-in-process';

const appRoot = findAppRoot()!;

let tmp: string;
let dir: string;
let holder: LockHolderProcess;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'cairn-cli-lock-'));
  dir = path.join(tmp, 'archive');
  expect((await cairn(['init', '--sample', '--data-dir', dir])).code).toBe(0);
  holder = await holdArchiveLock(dir);
});
afterAll(async () => {
  await holder?.kill();
  await rm(tmp, { recursive: true, force: true });
});

const run = (...argv: string[]) => cairn(['--data-dir', dir, ...argv], { cwd: tmp });

describe('while another process has the archive open', () => {
  it('reading commands work', async () => {
    expect(existsSync(path.join(dir, 'cairn.lock'))).toBe(true);
    const list = await run('list', '--json');
    expect(list.code).toBe(0);
    expect(list.json<unknown[]>()).toHaveLength(5);
    const id = list.json<{ id: string }[]>()[0]!.id;
    expect((await run('show', id)).code).toBe(0);
    expect((await run('search', 'Ashgabat', '--json')).json<{ total: number }>().total).toBeGreaterThan(0);
    expect((await run('stats', '--json')).json()).toMatchObject({ records: 5 });
    expect((await run('export', '--out', 'while-locked.json')).code).toBe(0);
  });

  it('changing commands exit 1 naming the holder, and leave its lock alone', async () => {
    const id = (await run('list', '--json')).json<{ id: string }[]>()[0]!.id;
    for (const argv of [['tag', id, 'x'], ['untag', id, 'x'], ['set', id, 'status=reviewed'], ['import', path.join(appRoot, 'data', 'sample')]]) {
      const result = await run(...argv);
      expect(result.code, argv.join(' ')).toBe(1);
      expect(result.stderr).toMatch(new RegExp(`^cairn: This archive is already open in Lock holder \\(test\\) \\(process ${holder.pid}, [^\\n]*Close it there first\\.\\n$`));
    }
    expect(existsSync(path.join(dir, 'cairn.lock'))).toBe(true);
    expect(holder.child.exitCode).toBe(null);
    expect((await run('show', id, '--json')).json()).toMatchObject({ rev: 1 });
  });
});
