// Test helper: runs `cairn` in this process with string collectors for its output.
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../run-cli';

/** A profile of the tests' own, so that no test reads or writes the profile of the person running them. */
export const testProfileDir = path.join(os.tmpdir(), `cairn-test-profile-${process.pid}`);

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON (throws if it is not). */
  json<T = unknown>(): T;
}

/** `answer` is what the person types when the command asks a question; without it nobody can be asked (as with no terminal). */
export async function cairn(argv: string[], options: { cwd?: string; env?: Record<string, string | undefined>; answer?: string } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env: { CAIRN_PROFILE_DIR: testProfileDir, ...options.env },
    cwd: options.cwd ?? process.cwd(),
    ...(options.answer === undefined ? {} : { ask: async () => options.answer! }),
  });
  return { code, stdout, stderr, json: <T>() => JSON.parse(stdout) as T };
}
