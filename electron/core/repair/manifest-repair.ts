// A damaged cairn-archive.json (cut off, zeroed, edited by hand into something else, or gone from a
// folder that plainly holds an archive) must not lock a person out of their records. The archive
// opens read-only with the damage named; after the person confirms, the description is rebuilt:
// from the newest backup's copy when one is whole (the archive keeps its id, name and replica), else
// from the backups' own notes of the archive, else from what the folder holds (a new id). The damaged
// file is copied to quarantine first and then replaced in one atomic step, so no moment leaves the
// folder without a description, and nothing of it is ever deleted.
import { lstat, stat } from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Low } from 'lowdb';
import type { BackupInfo, LocalText, ManifestRepairPlan } from '../../contract';
import { text } from '../../common/i18n/text';
import { CairnError, reasonOf } from '../errors';
import { ARCHIVE_FORMAT, exists, FORMAT_VERSION, layout, MANIFEST_FILE, newReplicaId, readManifest, type Manifest } from '../store/archive-folder';
import { DurableJSONFile } from '../store/durable-json-file';
import { acquireLock } from '../store/archive-lock';
import { backupDir, listSnapshots, readBackedUpFile } from '../backup/backup-store';
import { quarantineCopy, quarantineFile } from '../backup/quarantine';

/** What opening found in the manifest: a whole one, or the damage and the plan to mend it. */
export type ManifestState = { manifest: Manifest; repair: null } | { manifest: Manifest; repair: ManifestRepairPlan };

/**
 * Reads the manifest as Archive.open needs it. A whole manifest is returned as is (a newer one too:
 * the caller opens that read-only). A damaged or missing one in a folder that holds an archive gives
 * a stand-in built as the repair would build it; a folder that is no archive still gets the error.
 */
export async function readManifestOrPlanRepair(root: string): Promise<ManifestState> {
  try {
    return { manifest: await readManifest(root, { allowNewer: true }), repair: null };
  } catch (e) {
    const problem = manifestProblem(e);
    if (!problem || !(await holdsAnArchive(root))) throw e;
    const { manifest, plan } = await planManifestRepair(root, problem);
    return { manifest, repair: plan };
  }
}

/** What is wrong with the manifest, as words for "cairn-archive.json is …"; null for an error that is not damage. */
function manifestProblem(e: unknown): LocalText | null {
  if (!(e instanceof CairnError)) return null;
  switch (e.text.key) {
    case 'archive_not_an_archive':
      return text('manifest_problem_missing');
    case 'archive_manifest_damaged':
      return text('manifest_problem_not_json');
    case 'archive_manifest_foreign':
      return text('manifest_problem_foreign');
    case 'archive_manifest_too_large':
      return text('manifest_problem_too_large');
    case 'archive_manifest_unusable':
      return text('manifest_problem_unusable', { reason: e.text.params?.reason ?? '' });
    default:
      return null;
  }
}

/**
 * Whether the folder holds an archive whatever its manifest says: a records folder, and the change
 * log or the backups or the originals beside it. A folder of someone's own "records" is not one.
 */
async function holdsAnArchive(root: string): Promise<boolean> {
  const isDir = async (rel: string) => (await stat(path.join(root, rel)).catch(() => null))?.isDirectory() === true;
  if (!(await isDir('records'))) return false;
  for (const beside of ['changes', 'backups', 'originals']) if (await isDir(beside)) return true;
  return false;
}

/** The newest backup's whole copy of the manifest, or else the archive as the newest backup noted it. */
async function fromBackups(root: string): Promise<{ backup: BackupInfo; copy: Manifest | null } | null> {
  const snapshots = await listSnapshots(backupDir(root)).catch(() => []);
  for (const backup of snapshots) {
    const bytes = await readBackedUpFile(backupDir(root), backup.id, MANIFEST_FILE).catch(() => null);
    if (!bytes) continue;
    const copy = parseManifest(bytes.toString('utf8'));
    if (copy) return { backup, copy };
  }
  const noted = snapshots.find((b) => typeof b.archive?.id === 'string' && typeof b.archive.name === 'string');
  return noted ? { backup: noted, copy: null } : null;
}

function parseManifest(content: string): Manifest | null {
  try {
    const m = JSON.parse(content) as Partial<Manifest> | null;
    if (m?.format !== ARCHIVE_FORMAT || typeof m.version !== 'number' || typeof m.id !== 'string' || typeof m.name !== 'string') return null;
    return m as Manifest;
  } catch {
    return null;
  }
}

/**
 * The format the folder's contents show: archive-wide entities came with 3, the change log with 2.
 * Claiming less than the truth is harmless (opening for writing brings the number up, after a
 * backup); claiming more could not be, so only what is there is counted.
 */
async function formatShownByFolder(root: string): Promise<number> {
  if ((await exists(path.join(root, 'entities'))) || (await exists(path.join(root, 'changes', 'entities')))) return 3;
  if (await exists(path.join(root, 'changes'))) return 2;
  return 1;
}

/** The manifest a repair would write now, and how it is described to the person who confirms it. */
export async function planManifestRepair(root: string, problem: LocalText): Promise<{ manifest: Manifest; plan: ManifestRepairPlan }> {
  const found = await fromBackups(root);
  const shown = await formatShownByFolder(root);
  const copy = found?.copy ?? null;
  if (copy && copy.version > FORMAT_VERSION) {
    throw new CairnError('E_ARCHIVE_TOO_NEW', text('manifest_repair_needs_newer', { version: String(copy.version), supported: String(FORMAT_VERSION) }));
  }
  const noted = found?.backup.archive;
  const manifest: Manifest = {
    format: ARCHIVE_FORMAT,
    version: Math.min(FORMAT_VERSION, Math.max(shown, copy?.version ?? 0)),
    id: copy?.id ?? noted?.id ?? randomUUID(),
    name: copy?.name ?? noted?.name ?? (path.basename(root) || 'Archive'),
    createdAt: copy?.createdAt ?? found?.backup.createdAt ?? new Date().toISOString(),
    createdBy: copy?.createdBy ?? 'Cairn (repair)',
    // A new replica id when the old one is not known: it only names this copy in the change log.
    replica: copy?.replica ?? newReplicaId(),
  };
  const plan: ManifestRepairPlan = {
    file: MANIFEST_FILE,
    problem,
    from: copy ? 'backup' : noted ? 'backup-notes' : 'folder',
    backup: found ? { id: found.backup.id, createdAt: found.backup.createdAt } : null,
    name: manifest.name,
    id: manifest.id,
    newId: !copy && !noted,
  };
  return { manifest, plan };
}

export interface ManifestRepairOutcome {
  /** False when the manifest was whole (someone repaired it meanwhile): nothing was changed. */
  repaired: boolean;
  plan: ManifestRepairPlan | null;
  /** Where the damaged manifest was kept (relative to the archive), when there was one. */
  quarantined: string | null;
}

/**
 * Rebuilds a damaged manifest, with the archive's lock held so that nobody writes meanwhile: the
 * damaged one is kept in quarantine, then the new one replaces it atomically (fsync, rename, folder
 * fsync). A manifest found whole again is left alone.
 */
export async function repairManifest(root: string, app: string, now = new Date()): Promise<ManifestRepairOutcome> {
  const abs = path.resolve(root);
  const state = await readManifestOrPlanRepair(abs);
  if (!state.repair) return { repaired: false, plan: null, quarantined: null };
  const release = await acquireLock(abs, app);
  try {
    // Read again under the lock: the state seen before may have changed.
    const again = await readManifestOrPlanRepair(abs);
    if (!again.repair) return { repaired: false, plan: null, quarantined: null };
    const quarantined = await keepDamagedManifest(abs, now);
    await new Low<Manifest>(new DurableJSONFile(layout.manifest(abs)), again.manifest).write();
    return { repaired: true, plan: again.repair, quarantined };
  } catch (e) {
    if (e instanceof CairnError) throw e;
    throw new CairnError('E_IO', text('manifest_repair_failed', { reason: reasonOf(e) }));
  } finally {
    await release();
  }
}

/**
 * Keeps the damaged manifest in quarantine. A file is copied (and the copy made durable) so that the
 * manifest is never missing; something that is not a file (a folder by that name) is moved instead.
 */
async function keepDamagedManifest(root: string, now: Date): Promise<string | null> {
  const st = await lstat(layout.manifest(root)).catch(() => null);
  if (!st) return null;
  return st.isFile() ? quarantineCopy(root, MANIFEST_FILE, now) : quarantineFile(root, MANIFEST_FILE, now);
}
