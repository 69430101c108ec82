// The archive's lock: one writer per archive folder; a stale lock is taken over, a live or unknowable holder is named.
import { mkdir, open, readFile, realpath, rm, stat } from 'node:fs/promises';
import { hostname, userInfo } from 'node:os';
import path from 'node:path';
import { CairnError } from '../errors';
import { quoteForShell } from '../shell-quote';
import { layout, readManifest } from './archive-folder';
import { syncDirectory } from './durable-json-file';
import { currentBootId, processStartTicks } from './process-identity';

export interface LockHolder {
  pid: number;
  host: string;
  user: string;
  app: string;
  since: string;
  /** The boot of `host` the holder ran in; with `started`, tells the holder from a later process given the same pid. */
  boot?: string;
  /** When the holder started, in clock ticks since boot (see process-identity). */
  started?: string;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function describeHolder(h: LockHolder): string {
  return `${h.app} (process ${h.pid}, user ${h.user} on ${h.host}, since ${h.since})`;
}

/**
 * Roots this process holds the lock of. The lock file names a pid, and our own pid cannot tell a
 * lock we hold from one a crashed earlier run left (pids are reused), so this set tells them apart.
 */
const heldRoots = new Set<string>();

/** A lock file younger than this that cannot be read is being written by its taker, not stale. */
const LOCK_WRITE_GRACE_MS = 5_000;

/**
 * Takes the archive's lock so that only one writer (one Archive object, in one process) writes it.
 * A lock left by a process that no longer runs on this machine is taken over; a live holder, or
 * one on another machine, is named.
 */
export async function acquireLock(root: string, app: string): Promise<() => Promise<void>> {
  const file = layout.lock(root);
  // The real path, so that a symlink or another spelling of the same folder is the same archive.
  const key = await realpath(root).catch(() => path.resolve(root));
  if (heldRoots.has(key)) {
    throw new CairnError('E_ARCHIVE_LOCKED', `This archive is already open in this window (${app}, process ${process.pid}). Use the window it is open in.`);
  }
  // Checked and reserved in one synchronous step, so two opens racing in this process cannot both get it.
  heldRoots.add(key);
  try {
    const me: LockHolder = { pid: process.pid, host: hostname(), user: safeUser(), app, since: new Date().toISOString() };
    const boot = currentBootId();
    const started = processStartTicks(process.pid);
    if (boot && started) Object.assign(me, { boot, started });
    await takeLockFile(root, file, me);
    return async () => {
      heldRoots.delete(key);
      const current = await readHolder(file);
      if (current && current.pid === me.pid && current.host === me.host) await rm(file, { force: true });
    };
  } catch (e) {
    heldRoots.delete(key);
    throw e;
  }
}

async function takeLockFile(root: string, file: string, me: LockHolder): Promise<void> {
  for (let attempt = 0; attempt < 40; attempt++) {
    try {
      const handle = await open(file, 'wx');
      try {
        await handle.writeFile(JSON.stringify(me, null, 2));
        await handle.sync();
      } catch (e) {
        await handle.close();
        await rm(file, { force: true });
        throw e;
      }
      await handle.close();
      await syncDirectory(root);
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const seen = await inspectLock(file);
    if (!seen) continue; // it vanished meanwhile: try to create it again
    assertStale(file, seen.holder, me, Date.now() - seen.mtimeMs);
    // The holder is gone (or the lock is unreadable and old): take the stale lock over, but only
    // under the takeover guard and only if the file is still that very stale file, so that two
    // processes taking over at once can never delete the lock the faster one has just created.
    const outcome = await underTakeoverGuard(file, async () => {
      if (sameLockFile(await inspectLock(file), seen)) await rm(file, { force: true });
    });
    if (outcome === 'busy') await new Promise((resolve) => setTimeout(resolve, 25 + Math.random() * 50));
  }
  throw new CairnError('E_ARCHIVE_LOCKED', `Could not take the lock ${file}; another process keeps taking it.`);
}

/** Throws E_ARCHIVE_LOCKED unless the lock's holder is certainly gone. */
function assertStale(file: string, holder: LockHolder | null, me: LockHolder, age: number): void {
  if (!holder) {
    // Another process has just created the lock and not yet written its name into it.
    if (age < LOCK_WRITE_GRACE_MS) throw new CairnError('E_ARCHIVE_LOCKED', `Another program is opening this archive right now (${file}). Try again in a moment.`);
    return;
  }
  const state = judgeHolder(holder, me);
  if (state !== 'gone') throw new CairnError('E_ARCHIVE_LOCKED', lockedMessage(file, holder, state));
}

export type HolderState = 'gone' | 'running' | 'undecidable';

/**
 * Whether the process a lock names is still running. A pid that runs is the holder only if it is
 * the same process: the lock records the boot and start time, so a pid reused after a reboot or a
 * crash is not mistaken for it. Without them (older locks, systems that do not say), or on another
 * machine, it cannot be decided.
 */
export function judgeHolder(holder: LockHolder, me: Pick<LockHolder, 'pid' | 'host'> = { pid: process.pid, host: hostname() }): HolderState {
  if (holder.host !== me.host) return 'undecidable';
  // Our own pid in a lock we do not hold (see heldRoots) was left by an earlier run.
  if (holder.pid === me.pid || !processAlive(holder.pid)) return 'gone';
  const boot = currentBootId();
  if (holder.boot && boot) {
    if (holder.boot !== boot) return 'gone';
    const started = processStartTicks(holder.pid);
    if (holder.started && started) return holder.started === started ? 'running' : 'gone';
  }
  return 'undecidable';
}

/** How to take over a lock Cairn cannot judge stale, once the person knows its holder is gone. */
export function unlockHint(file: string): string {
  return `If no Cairn has this archive open, take the lock over with \`cairn unlock --force --data-dir ${quoteForShell(path.dirname(file))}\` (or delete ${file}).`;
}

function lockedMessage(file: string, holder: LockHolder, state: HolderState): string {
  if (state === 'running') return `This archive is already open in ${describeHolder(holder)}. Close it there first.`;
  if (holder.host !== hostname()) {
    return `This archive is open in ${describeHolder(holder)}. Close it there first. If that machine crashed or the stick was pulled out, ${unlockHint(file).replace(/^If no Cairn has this archive open, /, '')}`;
  }
  return `This archive's lock names ${describeHolder(holder)}, and a process ${holder.pid} is running, but Cairn cannot tell whether it is that program (the lock does not say when it started). ${unlockHint(file)}`;
}

export interface UnlockOutcome {
  /** Who the removed (or absent) lock named; null when there was no lock or it was unreadable. */
  holder: LockHolder | null;
  removed: boolean;
}

/**
 * Removes an archive's lock that its holder can no longer release: a stale one always, and with
 * `force` one Cairn cannot judge (another machine, or a running pid it cannot identify). A lock whose
 * holder certainly still runs is never removed.
 */
export async function unlockArchive(root: string, force: boolean): Promise<UnlockOutcome> {
  await readManifest(root);
  const file = layout.lock(root);
  const seen = await inspectLock(file);
  if (!seen) return { holder: null, removed: false };
  const me = { pid: process.pid, host: hostname() };
  const key = await realpath(root).catch(() => path.resolve(root));
  if (seen.holder) {
    const state = heldRoots.has(key) ? 'running' : judgeHolder(seen.holder, me);
    if (state === 'running' || (state === 'undecidable' && !force)) {
      const message = lockedMessage(file, seen.holder, state);
      throw new CairnError('E_ARCHIVE_LOCKED', state === 'running' ? message : message.replace(unlockHint(file), 'If no Cairn has this archive open, run the same command with --force.'));
    }
  } else if (!force && Date.now() - seen.mtimeMs < LOCK_WRITE_GRACE_MS) {
    throw new CairnError('E_ARCHIVE_LOCKED', `Another program is opening this archive right now (${file}). Try again in a moment.`);
  }
  let removed = false;
  const outcome = await underTakeoverGuard(file, async () => {
    if (sameLockFile(await inspectLock(file), seen)) {
      await rm(file, { force: true });
      removed = true;
    }
  });
  if (outcome === 'busy' || !removed) throw new CairnError('E_ARCHIVE_LOCKED', `Another program took or changed the lock ${file} meanwhile; nothing was removed.`);
  await syncDirectory(root);
  return { holder: seen.holder, removed };
}

interface LockSnapshot {
  holder: LockHolder | null;
  text: string;
  ino: number;
  size: number;
  mtimeMs: number;
}

/** The lock file as it is now (its identity and contents), or null if there is none. */
async function inspectLock(file: string): Promise<LockSnapshot | null> {
  try {
    const [st, text] = await Promise.all([stat(file), readFile(file, 'utf8')]);
    return { holder: parseHolder(text), text, ino: st.ino, size: st.size, mtimeMs: st.mtimeMs };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

const sameLockFile = (a: LockSnapshot | null, b: LockSnapshot) =>
  a !== null && a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs && a.text === b.text;

/** A guard left by a process that died mid-takeover is cleared after this long. */
const TAKEOVER_GUARD_STALE_MS = 10_000;

/** Runs `work` while holding `<lock>.takeover` (mkdir is atomic); 'busy' if another process holds it. */
async function underTakeoverGuard(file: string, work: () => Promise<void>): Promise<'done' | 'busy'> {
  const guard = `${file}.takeover`;
  try {
    await mkdir(guard);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    if ((await ageMs(guard)) > TAKEOVER_GUARD_STALE_MS) await rm(guard, { recursive: true, force: true });
    return 'busy';
  }
  try {
    await work();
    return 'done';
  } finally {
    await rm(guard, { recursive: true, force: true });
  }
}

async function ageMs(file: string): Promise<number> {
  try {
    return Date.now() - (await stat(file)).mtimeMs;
  } catch {
    return Infinity;
  }
}

async function readHolder(file: string): Promise<LockHolder | null> {
  try {
    return parseHolder(await readFile(file, 'utf8'));
  } catch {
    return null;
  }
}

function parseHolder(text: string): LockHolder | null {
  try {
    const parsed = JSON.parse(text) as LockHolder;
    return typeof parsed.pid === 'number' ? parsed : null;
  } catch {
    return null;
  }
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
