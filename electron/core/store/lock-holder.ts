// Who a lock file names, read strictly, and whether that process can still be running: gone, running, or not decidable here.
import type { LocalText } from '../../contract';
import { text } from '../../common/i18n/text';
import { hostname, userInfo } from 'node:os';
import { z } from 'zod';
import { currentBootId, currentPidNamespace, processStartTicks } from './process-identity';

/**
 * A lock's contents: human-readable JSON. Written fields are never renamed: locks written by older
 * Cairns (without boot, started, pidns) are read and judged as before.
 */
const lockHolderSchema = z.object({
  // A pid below 1 is not a process: kill(0) signals our own group and kill(-1) every process, so
  // such a lock would look held forever.
  pid: z.number().int().min(1),
  host: z.string().min(1),
  // Shown to people only: a missing or odd value is described rather than refused.
  user: z.string().catch('unknown'),
  app: z.string().catch('a program'),
  since: z.string().catch('an unknown time'),
  /** The boot of `host` the holder ran in; with `started`, tells the holder from a later process given the same pid. */
  boot: z.string().optional().catch(undefined),
  /** When the holder started, in clock ticks since boot (see process-identity). */
  started: z.string().optional().catch(undefined),
  /** The pid namespace `pid` is numbered in: another one (a sandbox, a container) has its own pid 2. */
  pidns: z.string().optional().catch(undefined),
  /**
   * The archive folder the lock was taken in (its real path and inode): a lock found in another
   * folder was copied there along with the archive, and holds nothing.
   */
  folder: z.object({ path: z.string(), ino: z.number() }).optional().catch(undefined),
});

export type LockHolder = z.infer<typeof lockHolderSchema>;

/**
 * Whether a lock names another folder than the one it lies in: the archive was copied (to a stick,
 * to a new name) while open, and its lock came along. Both the path and the inode must differ: a
 * stick mounted again at its usual place may get another inode number, and a folder reached by
 * another path (a link) keeps its inode.
 */
export function copiedWithFolder(holder: LockHolder, here: LockHolder['folder']): boolean {
  return !!holder.folder && !!here && holder.folder.path !== here.path && holder.folder.ino !== here.ino;
}

/** The holder a lock file names, or null if it is not JSON or not a lock any Cairn writes (damaged). */
export function parseHolder(text: string): LockHolder | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = lockHolderSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/** What this process writes into a lock it takes, with as much identity as the system gives. */
export function thisProcessAsHolder(app: string, folder?: LockHolder['folder']): LockHolder {
  const me: LockHolder = { pid: process.pid, host: hostname(), user: safeUser(), app, since: new Date().toISOString(), ...(folder ? { folder } : {}) };
  const boot = currentBootId();
  const started = processStartTicks(process.pid);
  const pidns = currentPidNamespace();
  if (boot && started) Object.assign(me, { boot, started }, pidns ? { pidns } : {});
  return me;
}

export function describeHolder(h: LockHolder): LocalText {
  return text('lock_holder', { app: h.app, pid: String(h.pid), user: h.user, host: h.host, since: h.since });
}

export type HolderVerdict = { state: 'gone' } | { state: 'running' } | { state: 'undecidable'; why: LocalText };

const gone: HolderVerdict = { state: 'gone' };
const undecidable = (why: LocalText): HolderVerdict => ({ state: 'undecidable', why });

/**
 * Whether the process a lock names can still be running. A pid that runs is the holder only if it
 * is the same process: the lock records the boot, the pid namespace and the start time, so a pid
 * reused after a reboot or a crash is not mistaken for it, and a pid from a sandbox is not looked up
 * among ours. Without them (older locks, systems that do not say), or on another machine, it cannot
 * be decided; `why` says which, for the person who must decide.
 */
export function judgeHolder(holder: LockHolder, me: Pick<LockHolder, 'pid' | 'host'> = { pid: process.pid, host: hostname() }): HolderVerdict {
  const boot = currentBootId();
  const pidns = currentPidNamespace();
  // The same boot and pid namespace is the same machine seeing the same pids, whatever its name is now.
  const samePids = !!boot && holder.boot === boot && !!pidns && holder.pidns === pidns;
  if (holder.host !== me.host && !samePids) return undecidable(text('lock_why_other_host', { host: holder.host }));
  // Every process of an earlier boot has ended.
  if (boot && holder.boot && holder.boot !== boot) return gone;
  if (pidns && holder.pidns && holder.pidns !== pidns) {
    return undecidable(text('lock_why_other_namespace'));
  }
  // Our own pid in a lock we do not hold (see archive-lock's heldRoots) was left by an earlier run.
  if (holder.pid === me.pid || !processAlive(holder.pid)) return gone;
  if (boot && holder.boot === boot && holder.started) {
    const started = processStartTicks(holder.pid);
    if (started) return started === holder.started ? { state: 'running' } : gone;
    if (!processAlive(holder.pid)) return gone; // it ended between the two looks
    return undecidable(text('lock_why_no_start_time', { pid: String(holder.pid) }));
  }
  return undecidable(text('lock_why_old_lock', { pid: String(holder.pid) }));
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
