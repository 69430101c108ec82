// Save a copy elsewhere: when the archive's disk is full or has turned read-only, the person can
// carry on in a copy on another disk. Every file of the archive is copied (not its backups, lock or
// quarantine: the copy takes its own backups), made durable, and the description is written last,
// so a copy cut short is never mistaken for an archive. The copy is a new replica of the archive
// (same id and history, its own replica id), since both may be changed from now on.
import { copyFile, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { text } from '../../common/i18n/text';
import { CairnError } from '../errors';
import { archiveFiles, onDisk } from '../backup/archive-files';
import { syncAll } from '../backup/backup-store';
import { DurableJSONFile, makeDirectory } from './durable-json-file';
import { layout, MANIFEST_FILE, newReplicaId, type Manifest } from './archive-folder';

export interface CopyOutcome {
  files: number;
  bytes: number;
}

/** Copies the archive at `root` (described by `manifest`) into `dest`, which must be missing or empty. */
export async function copyArchiveFolder(root: string, manifest: Manifest, dest: string): Promise<CopyOutcome> {
  const target = path.resolve(dest);
  if (target === root || target.startsWith(root + path.sep)) throw new CairnError('E_VALIDATION', text('archive_copy_inside', { dest: target }));
  const there = await stat(target).catch(() => null);
  if (there && !there.isDirectory()) throw new CairnError('E_VALIDATION', text('archive_is_a_file', { root: target }));
  if (there && (await readdir(target)).some((n) => !n.startsWith('.'))) throw new CairnError('E_FOLDER_NOT_EMPTY', text('archive_copy_not_empty', { dest: target }));
  const { files } = await archiveFiles(root).catch((e: unknown) => {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new CairnError('E_IO', text('archive_folder_gone', { root }));
    throw e;
  });
  const written: string[] = [];
  let bytes = 0;
  try {
    for (const f of files) {
      if (f.path === MANIFEST_FILE) continue;
      const to = onDisk(target, f.path);
      await makeDirectory(path.dirname(to));
      await copyFile(onDisk(root, f.path), to);
      written.push(to);
      bytes += f.size;
    }
    await syncAll(written);
    await makeDirectory(target);
    await new Low<Manifest>(new DurableJSONFile(layout.manifest(target)), { ...manifest, replica: newReplicaId() }).write();
  } catch (e) {
    // Only what this copy made is taken away again; a folder that was there stays.
    if (there) await Promise.all((await readdir(target)).filter((n) => !n.startsWith('.')).map((n) => rm(path.join(target, n), { recursive: true, force: true })));
    else await rm(target, { recursive: true, force: true });
    throw e;
  }
  return { files: written.length + 1, bytes };
}
