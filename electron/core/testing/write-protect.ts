// Test support: makes a folder really refuse new files, even for root (tests and CI run as root).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Whether `chattr +i` works here (ext4 and the like, with CAP_LINUX_IMMUTABLE): an immutable
 * folder refuses new entries with EPERM even for root, like a write-protected stick refuses them.
 * A string saying why not, otherwise.
 */
export function writeProtectUnavailable(): string | null {
  const dir = mkdtempSync(path.join(tmpdir(), 'cairn-chattr-'));
  try {
    execFileSync('chattr', ['+i', dir], { stdio: 'ignore' });
    try {
      writeFileSync(path.join(dir, 'probe'), '');
      return 'chattr +i did not stop root from writing';
    } catch {
      return null;
    } finally {
      execFileSync('chattr', ['-i', dir], { stdio: 'ignore' });
    }
  } catch {
    return 'chattr +i is not available on this file system';
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Write-protects `dir` (new entries are refused); returns the function that lifts it. */
export function writeProtect(dir: string): () => void {
  execFileSync('chattr', ['+i', dir]);
  return () => execFileSync('chattr', ['-i', dir]);
}
