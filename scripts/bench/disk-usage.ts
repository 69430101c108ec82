// How much room a folder takes: file contents (apparent) and disk blocks (allocated), per top folder.
import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';

export interface DiskUsage {
  files: number;
  apparent: number;
  allocated: number;
  /** Allocated bytes per top-level entry (records, originals, ...). */
  byTop: Record<string, number>;
}

export async function diskUsage(root: string): Promise<DiskUsage> {
  const usage: DiskUsage = { files: 0, apparent: 0, allocated: 0, byTop: {} };
  const walk = async (dir: string, top: string | null): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    const stats = await Promise.all(entries.map((e) => lstat(path.join(dir, e.name))));
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i]!;
      const st = stats[i]!;
      const group = top ?? entry.name;
      const allocated = st.blocks * 512;
      usage.allocated += allocated;
      usage.byTop[group] = (usage.byTop[group] ?? 0) + allocated;
      if (entry.isDirectory()) await walk(path.join(dir, entry.name), group);
      else {
        usage.files++;
        usage.apparent += st.size;
      }
    }
  };
  await walk(root, null);
  return usage;
}
