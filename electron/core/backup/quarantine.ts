// Damaged files are put aside, never deleted or overwritten: moved under quarantine/<when>/ with
// their place in the archive kept in their path, where a person (or a data-recovery tool) can
// still look at them. What they held can then be restored from a backup.
import { copyFile, open, rename } from 'node:fs/promises';
import path from 'node:path';
import type { ArchiveProblem, ProblemRecovery } from '../../contract';
import { makeDirectory, syncDirectory } from '../store/durable-json-file';
import { exists } from '../store/archive-folder';
import { onDisk } from './archive-files';

export const QUARANTINE_DIR = 'quarantine';

/** What a file of the archive holds, when it is one Cairn can restore: a record, an entity or a vocabulary. */
export function recoveryKindOf(rel: string): Pick<ProblemRecovery, 'kind' | 'id'> | null {
  const record = /^records\/[^/]+\/([^/]+)\.json$/.exec(rel);
  if (record) return { kind: 'record', id: record[1]! };
  const entity = /^entities\/[^/]+\/([^/]+)\.json$/.exec(rel);
  if (entity) return { kind: 'entity', id: entity[1]! };
  const vocabulary = /^vocabularies\/([^/]+)\.json$/.exec(rel);
  if (vocabulary) return { kind: 'vocabulary', id: vocabulary[1]! };
  return null;
}

/** The archive-relative path of a file, with forward slashes (as problems and backups name files). */
export function relativeOf(root: string, abs: string): string {
  // A file named as root + separator + plain names (no ".", ".." or empty part) is that rest: cut,
  // not resolved, which opening asks 40,000 times (path.relative was a tenth of a second of it).
  const rel = abs.length > root.length + 1 && abs.startsWith(root) && abs[root.length] === path.sep && !ODD_PART.test(abs.slice(root.length + 1)) ? abs.slice(root.length + 1) : path.relative(root, abs);
  return path.sep === '/' ? rel : rel.split(path.sep).join('/');
}
/** A part of a path that resolving would change: empty, "." or "..". */
const ODD_PART = /(^|[\\/])\.{0,2}([\\/]|$)/;

/**
 * Moves a damaged file to quarantine/<stamp>/<its path>, next to nothing it could be confused
 * with; returns where it went (relative to the archive). Never replaces a file already there.
 */
export async function quarantineFile(root: string, rel: string, now = new Date()): Promise<string> {
  const target = await quarantinePlace(root, rel, now);
  await rename(onDisk(root, rel), onDisk(root, target));
  await syncDirectory(path.dirname(onDisk(root, target)));
  await syncDirectory(path.dirname(onDisk(root, rel)));
  return target;
}

/**
 * Keeps a copy of a damaged file in quarantine, made durable, and leaves the file where it is: for a
 * file that must never be missing, which the caller then replaces atomically (the manifest).
 */
export async function quarantineCopy(root: string, rel: string, now = new Date()): Promise<string> {
  const target = await quarantinePlace(root, rel, now);
  await copyFile(onDisk(root, rel), onDisk(root, target));
  const handle = await open(onDisk(root, target), 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  await syncDirectory(path.dirname(onDisk(root, target)));
  return target;
}

/** Where a damaged file goes: quarantine/<stamp>/<its path>, in a folder made for it, never over a file already there. */
async function quarantinePlace(root: string, rel: string, now: Date): Promise<string> {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  let target = `${QUARANTINE_DIR}/${stamp}/${rel}`;
  for (let n = 2; await exists(onDisk(root, target)); n++) target = `${QUARANTINE_DIR}/${stamp}-${n}/${rel}`;
  await makeDirectory(path.dirname(onDisk(root, target)));
  return target;
}

/** The problems that are damaged files Cairn can restore (marked by the loaders with a recovery). */
export const restorableProblems = (problems: readonly ArchiveProblem[]): ArchiveProblem[] => problems.filter((p) => p.recovery && !p.recordId && !p.partial);

/** What a loader adds to the problem of a damaged file that can be restored (the backup is looked up later). */
export function damaged(rel: string): Pick<ArchiveProblem, 'recovery'> {
  const kind = recoveryKindOf(rel);
  return kind ? { recovery: { ...kind, backup: null } } : {};
}
