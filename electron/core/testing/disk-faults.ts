// Test support: real disk faults, not mocks. A small tmpfs that fills up, a folder made read-only by
// a read-only bind mount (tests run as root, so chmod alone would not stop a write), both undone
// afterwards. Where mounting is not permitted (no root, a container without CAP_SYS_ADMIN) the
// reason is given, and the tests that need it say they were skipped and why.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const run = (args: string[]) => execFileSync(args[0]!, args.slice(1), { stdio: ['ignore', 'ignore', 'pipe'] });

/** Why this machine cannot mount a tmpfs and bind mounts for tests; null when it can. */
export function mountingUnavailable(): string | null {
  if (process.platform !== 'linux') return `mounting is only tried on Linux (this is ${process.platform})`;
  const dir = mkdtempSync(path.join(tmpdir(), 'cairn-mount-probe-'));
  try {
    run(['mount', '-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir]);
    run(['umount', dir]);
    return null;
  } catch (e) {
    const said = String((e as { stderr?: Buffer }).stderr ?? (e as Error).message).trim();
    return `mount is not permitted here (${said || 'no reason given'})`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Mounts a tmpfs of `bytes` at a new folder; returns it and the function that unmounts and removes it. */
export function smallDisk(bytes: number): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'cairn-small-disk-'));
  run(['mount', '-t', 'tmpfs', '-o', `size=${bytes}`, 'tmpfs', dir]);
  return {
    dir,
    remove: () => {
      run(['umount', '-l', dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Shows folder `source` at a new path through a bind mount that can be switched between writable and
 * read-only while files are open, as a stick's write-protect switch or a remount does.
 */
export function bindMount(source: string): { dir: string; readOnly: (on: boolean) => void; remove: () => void } {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'cairn-bind-')), path.basename(source));
  mkdirSync(dir);
  run(['mount', '--bind', source, dir]);
  return {
    dir,
    readOnly: (on) => run(['mount', '-o', `remount,bind,${on ? 'ro' : 'rw'}`, dir]),
    remove: () => {
      run(['umount', '-l', dir]);
      rmSync(path.dirname(dir), { recursive: true, force: true });
    },
  };
}
