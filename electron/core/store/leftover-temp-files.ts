// Removes the temp files a killed Cairn left between writing and renaming (see writeDurably).
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { layout } from './archive-folder';
import { isDurableTempFile } from './durable-json-file';

/**
 * Called only with the archive's lock held, so no other Cairn can be writing one of these right
 * now: every one is left over from a process that died mid-write. Only Cairn's own temp-file names
 * are touched, in the folders Cairn writes to; returns how many were removed.
 */
export async function removeLeftoverTempFiles(root: string): Promise<number> {
  const folders = [root, layout.vocabulariesDir(root), path.join(root, 'search')];
  for (const sharded of [layout.recordsDir(root), path.join(root, 'originals'), path.join(root, 'removed')]) {
    const shards = await readdir(sharded, { withFileTypes: true }).catch(() => []);
    for (const s of shards) if (s.isDirectory()) folders.push(path.join(sharded, s.name));
  }
  let removed = 0;
  for (const folder of folders) {
    const names = await readdir(folder).catch(() => [] as string[]);
    for (const name of names.filter(isDurableTempFile)) {
      await rm(path.join(folder, name), { force: true });
      removed++;
    }
  }
  return removed;
}
