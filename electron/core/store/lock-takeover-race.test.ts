// Several processes finding the same stale lock at the same moment: exactly one may take it over.
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createArchiveFolder, layout } from './archive-folder';
import { repoRoot, useTempFolders } from '../testing/fixtures';

const tempFolder = useTempFolders();
const racer = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'testing', 'race-for-lock.ts');
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function race(root: string, startAt: number): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', racer, root, String(startAt)], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('\n')) resolve(out.trim());
    });
    child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    child.once('exit', (code) => (out.includes('\n') ? undefined : reject(new Error(`racer exited ${code}: ${err}`))));
  });
}

describe('stale lock takeover', () => {
  it('lets exactly one of several processes take over a lock left by a dead process', { timeout: 60_000 }, async () => {
    for (let round = 0; round < 5; round++) {
      const root = path.join(await tempFolder(), 'archive');
      await createArchiveFolder(root, 'Race', 'test');
      // A lock left behind by a process that no longer exists (pids this large are not in use).
      const dead = { pid: 4_194_000 + round, host: hostname(), user: 'gone', app: 'Crashed Cairn', since: new Date(0).toISOString() };
      await writeFile(layout.lock(root), JSON.stringify(dead));

      const startAt = Date.now() + 2000;
      const results = await Promise.all(Array.from({ length: 5 }, () => race(root, startAt)));
      expect(results.filter((r) => r === 'won'), `round ${round}: ${results.join(', ')}`).toHaveLength(1);
      expect(results.filter((r) => r !== 'won').every((r) => r === 'lost E_ARCHIVE_LOCKED')).toBe(true);
      for (const child of children.splice(0)) child.kill('SIGKILL');
    }
  });
});
