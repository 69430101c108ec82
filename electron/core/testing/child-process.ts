// Test support: starts the lock-holding fixture in another Node process and waits for its "ready".
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { repoRoot } from './fixtures';

const fixture = path.join(path.dirname(fileURLToPath(import.meta.url)), 'hold-archive-lock.ts');

export interface LockHolderProcess {
  child: ChildProcess;
  pid: number;
  /** SIGKILL: the holder dies without releasing its lock, as in a crash. */
  kill(): Promise<void>;
}

/** Spawns `node --import tsx hold-archive-lock.ts root` and resolves once it holds the lock. */
export function holdArchiveLock(root: string): Promise<LockHolderProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture, root], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('ready')) {
        resolve({
          child,
          pid: child.pid!,
          kill: async () => {
            if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
            await exited;
          },
        });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`lock holder exited (${code}) before it was ready: ${err}`)));
    child.once('error', reject);
  });
}
