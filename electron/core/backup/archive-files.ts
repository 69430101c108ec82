// The files that make up an archive, as a backup and verify see them: every regular file under the
// archive folder except the lock, temp files a write has not yet renamed, Cairn's own backups and
// quarantine (backing up the backups would double them every day), and the search index's snapshot
// (made from the records again whenever it is missing: see search/search-snapshot).
import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';
import { isDurableTempFile } from '../store/durable-json-file';

/** Top-level names that are not part of what a backup keeps. */
export const NOT_BACKED_UP = new Set(['backups', 'quarantine', 'search', 'cairn.lock', 'cairn.lock.takeover']);

export interface ArchiveFile {
  /** Relative to the archive folder, with forward slashes on every system. */
  path: string;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

/** What is in the folder that is neither a regular file nor a folder (a link, a pipe): left alone, and named. */
export interface OddEntry {
  path: string;
}

/** Every file of the archive at `root`, in path order. */
export async function archiveFiles(root: string): Promise<{ files: ArchiveFile[]; odd: OddEntry[] }> {
  const files: ArchiveFile[] = [];
  const odd: OddEntry[] = [];
  async function walk(dir: string, rel: string): Promise<void> {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw e;
    }
    const subfolders: string[] = [];
    const regular: { name: string; relPath: string }[] = [];
    for (const entry of entries) {
      const name = entry.name;
      const relPath = rel ? `${rel}/${name}` : name;
      if (!rel && NOT_BACKED_UP.has(name)) continue;
      if (isDurableTempFile(name)) continue;
      if (entry.isDirectory()) subfolders.push(name);
      else if (entry.isFile()) regular.push({ name, relPath });
      else odd.push({ path: relPath });
    }
    // The stats of one folder at once: 20,000 records are 40,000 files, and one at a time is seconds.
    const stats = await Promise.all(regular.map((f) => lstat(path.join(dir, f.name)).catch(() => null)));
    regular.forEach((f, i) => {
      const st = stats[i];
      if (st?.isFile()) files.push({ path: f.relPath, size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, ino: st.ino });
    });
    for (let i = 0; i < subfolders.length; i += 16) {
      await Promise.all(subfolders.slice(i, i + 16).map((name) => walk(path.join(dir, name), rel ? `${rel}/${name}` : name)));
    }
  }
  await walk(root, '');
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, odd };
}

/** An archive-relative path (forward slashes) as a path on this system. */
export const onDisk = (root: string, rel: string): string => path.join(root, ...rel.split('/'));
