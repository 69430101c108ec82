// The archive's lock: one writer per archive folder; a stale lock is taken over, a live or unknowable holder is named.
import { mkdir, open, realpath, rm, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import type { LocalText } from '../../contract';
import { text } from '../../common/i18n/text';
import { CairnError, reasonOf } from '../errors';
import { quoteForShell } from '../shell-quote';
import { layout, readManifest } from './archive-folder';
import { syncDirectory } from './durable-json-file';
import { copiedWithFolder, describeHolder, judgeHolder, parseHolder, thisProcessAsHolder, type HolderVerdict, type LockHolder } from './lock-holder';
import { readSmallFileWithStats } from './read-small-file';

export type { LockHolder } from './lock-holder';

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
    throw new CairnError('E_ARCHIVE_LOCKED', text('lock_open_in_this_window', { app, pid: String(process.pid) }));
  }
  // Checked and reserved in one synchronous step, so two opens racing in this process cannot both get it.
  heldRoots.add(key);
  try {
    const me = thisProcessAsHolder(app, { path: key, ino: (await stat(key)).ino });
    await takeLockFile(root, file, me);
    return async () => {
      heldRoots.delete(key);
      const current = (await inspectLock(file).catch(() => null))?.holder;
      if (current && current.pid === me.pid && current.host === me.host) await rm(file, { force: true });
    };
  } catch (e) {
    heldRoots.delete(key);
    throw e;
  }
}

async function takeLockFile(root: string, file: string, me: LockHolder): Promise<void> {
  const waitUntil = Date.now() + LOCK_WRITE_GRACE_MS + 1000;
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
    // Empty or unreadable and young: another process is writing its name into it this very moment,
    // or one was killed between creating and writing it (a crash there leaves it empty). Wait for
    // the name to appear, or for the lock to be old enough to be stale, instead of refusing an
    // archive that is opened again right after a crash.
    const young = LOCK_WRITE_GRACE_MS - (Date.now() - seen.mtimeMs);
    if (!seen.holder && young > 0 && Date.now() < waitUntil) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(young + 5, 100)));
      attempt--;
      continue;
    }
    assertStale(file, seen.holder, me, Date.now() - seen.mtimeMs);
    // The holder is gone (or the lock is unreadable and old): take the stale lock over, but only
    // under the takeover guard and only if the file is still that very stale file, so that two
    // processes taking over at once can never delete the lock the faster one has just created.
    const outcome = await underTakeoverGuard(file, async () => {
      if (sameLockFile(await inspectLock(file), seen)) await rm(file, { force: true });
    });
    if (outcome === 'busy') await new Promise((resolve) => setTimeout(resolve, 25 + Math.random() * 50));
  }
  throw new CairnError('E_ARCHIVE_LOCKED', text('lock_keeps_being_taken', { file }));
}

/** Throws E_ARCHIVE_LOCKED unless the lock's holder is certainly gone. */
function assertStale(file: string, holder: LockHolder | null, me: LockHolder, age: number): void {
  if (!holder) {
    // Another process has just created the lock and not yet written its name into it.
    if (age < LOCK_WRITE_GRACE_MS) throw new CairnError('E_ARCHIVE_LOCKED', text('lock_being_opened', { file }));
    return;
  }
  // Copied along with the archive from a folder that may well still be open: it holds nothing here.
  if (holder.host === me.host && copiedWithFolder(holder, me.folder)) return;
  const verdict = judgeHolder(holder, me);
  if (verdict.state !== 'gone') throw new CairnError('E_ARCHIVE_LOCKED', lockedMessage(holder, verdict, takeOverWithCommand(file)));
}

/** How to take over a lock Cairn cannot judge stale, once the person knows its holder is gone. */
function takeOverWithCommand(file: string): LocalText {
  return text('lock_take_over_command', { command: `cairn unlock --force --data-dir ${quoteForShell(path.dirname(file))}`, file });
}

/** The refusal: who holds the lock and, where Cairn cannot judge, why not and how to take it over. */
function lockedMessage(holder: LockHolder, verdict: Exclude<HolderVerdict, { state: 'gone' }>, takeOver: LocalText): LocalText {
  if (verdict.state === 'running') return text('lock_open_elsewhere', { holder: describeHolder(holder) });
  const values = { holder: describeHolder(holder), why: verdict.why, takeOver };
  return holder.host === hostname() ? text('lock_undecidable', values) : text('lock_undecidable_other_host', { ...values, host: holder.host });
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
    const verdict: HolderVerdict = heldRoots.has(key) ? { state: 'running' } : judgeHolder(seen.holder, me);
    if (verdict.state === 'running' || (verdict.state === 'undecidable' && !force)) {
      throw new CairnError('E_ARCHIVE_LOCKED', lockedMessage(seen.holder, verdict, text('lock_take_over_force')));
    }
  } else if (!force && Date.now() - seen.mtimeMs < LOCK_WRITE_GRACE_MS) {
    throw new CairnError('E_ARCHIVE_LOCKED', text('lock_being_opened', { file }));
  }
  let removed = false;
  const outcome = await underTakeoverGuard(file, async () => {
    if (sameLockFile(await inspectLock(file), seen)) {
      await rm(file, { force: true });
      removed = true;
    }
  });
  if (outcome === 'busy' || !removed) throw new CairnError('E_ARCHIVE_LOCKED', text('lock_changed_meanwhile', { file }));
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

/** A lock is a few hundred bytes; a larger one is damaged and read no further. */
const MAX_LOCK_BYTES = 64 * 1024;

/**
 * The lock file as it is now (its identity and contents), or null if there is none. Something that
 * is not a file in its place (a named pipe would hang the read) is refused, never removed: no Cairn
 * made it, so a person must look.
 */
async function inspectLock(file: string): Promise<LockSnapshot | null> {
  try {
    const { bytes, stats } = await readSmallFileWithStats(file, file, MAX_LOCK_BYTES);
    const text = bytes.toString('utf8');
    return { holder: parseHolder(text), text, ino: stats.ino, size: stats.size, mtimeMs: stats.mtimeMs };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    if (code === 'E_TOO_LARGE') {
      const st = await stat(file);
      return { holder: null, text: '', ino: st.ino, size: st.size, mtimeMs: st.mtimeMs };
    }
    if (code === 'E_NOT_A_FILE') {
      throw new CairnError('E_ARCHIVE_LOCKED', text('lock_not_a_file', { reason: reasonOf(e) }));
    }
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
