// Test helper: each test gets its own temp folder with an archive holding the five samples
// (`cairn init` then `cairn import`), a profile of its own, and `run` to call `cairn` on it.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect } from 'vitest';
import { findAppRoot } from '../app-root';
import { cairn, type CliRun } from './run-in-process';

export const sampleDir = path.join(findAppRoot()!, 'data', 'sample');

export interface SampleArchiveCli {
  /** `cairn ARGV…` with the test's archive as CAIRN_DATA_DIR, its profile, and its temp folder as the working folder. */
  run(...argv: string[]): Promise<CliRun>;
  /** The test's temp folder. */
  readonly tmp: string;
  /** The archive folder inside it. */
  readonly dir: string;
}

/** Registers the beforeEach that makes the archive (then runs `setup`, if given) and the afterEach that removes it. */
export function useSampleArchiveCli(prefix: string, setup?: (cli: SampleArchiveCli) => Promise<void>): SampleArchiveCli {
  let tmp = '';
  const cli: SampleArchiveCli = {
    run: (...argv) => cairn(argv, { env: { CAIRN_DATA_DIR: cli.dir, CAIRN_PROFILE_DIR: path.join(tmp, 'profile') }, cwd: tmp }),
    get tmp() {
      return tmp;
    },
    get dir() {
      return path.join(tmp, 'archive');
    },
  };
  beforeEach(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), prefix));
    expect((await cli.run('init')).code).toBe(0);
    // Entity proposals are the import tests' business; here they would stand in the way of reviews and marks.
    expect((await cli.run('import', sampleDir, '--no-entities')).code).toBe(0);
    await setup?.(cli);
  });
  afterEach(async () => {
    await rm(tmp, { recursive: true, force: true });
  });
  return cli;
}
