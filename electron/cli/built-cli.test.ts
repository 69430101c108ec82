// The built `cairn` (node bin/cairn.mjs → out/main/cli.js) as a person runs it, in its own process.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { findAppRoot } from './app-root';

const appRoot = findAppRoot()!;
const built = existsSync(path.join(appRoot, 'out', 'main', 'cli.js'));
const exec = promisify(execFile);

async function cairn(args: string[], env: Record<string, string | undefined>): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [path.join(appRoot, 'bin', 'cairn.mjs'), ...args], { env: { ...process.env, ...env } });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe.skipIf(!built)('the built cairn command (skipped: out/main/cli.js is missing; run `npm run build`)', () => {
  it('creates an archive with the samples, lists it, and exits with the right codes', async () => {
    const tmp = await mkdtemp(path.join(os.tmpdir(), 'cairn-cli-built-'));
    try {
      const env = { CAIRN_DATA_DIR: path.join(tmp, 'archive'), XDG_CACHE_HOME: path.join(tmp, 'cache'), NODE_COMPILE_CACHE: undefined, NODE_DISABLE_COMPILE_CACHE: undefined };
      const init = await cairn(['init', '--sample'], env);
      expect(init).toMatchObject({ code: 0, stderr: '' });
      expect(init.stdout).toMatch(/with 5 sample records/);
      // The compiled command line is kept in this user's cache folder (see compile-cache.ts) for the next command.
      if (process.platform === 'linux') expect((await readdir(path.join(tmp, 'cache', 'cairn', 'node-compile-cache'), { recursive: true })).length).toBeGreaterThan(1);
      const list = await cairn(['list', '--json'], env);
      expect(list.code).toBe(0);
      expect(JSON.parse(list.stdout)).toHaveLength(5);
      const usage = await cairn(['list', '--nope'], env);
      expect(usage.code).toBe(2);
      const bad = await cairn(['show', 'no-such-record'], env);
      expect(bad).toMatchObject({ code: 1, stderr: 'cairn: No record with id no-such-record in this archive.\n' });
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  });
});
