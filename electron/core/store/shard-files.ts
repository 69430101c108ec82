// The files of a sharded folder (records/<xx>/, entities/<xx>/): every `.json` file, in name order.
// Cairn writes only regular files there: anything else (a named pipe would hang the read, a link
// could lead anywhere) is reported as a problem and left alone.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { ArchiveProblem } from '../../contract';
import { text } from '../../common/i18n/text';
import { problem } from '../errors';

export async function shardFiles(dir: string, root: string, problems: ArchiveProblem[]): Promise<string[]> {
  let shards: string[];
  try {
    shards = await readdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const files: string[] = [];
  for (const shard of shards.sort()) {
    if (shard.startsWith('.')) continue;
    const entries = await readdir(path.join(dir, shard), { withFileTypes: true }).catch(() => []);
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (!entry.name.endsWith('.json') || entry.name.startsWith('.')) continue;
      const file = path.join(dir, shard, entry.name);
      if (entry.isFile()) files.push(file);
      else problems.push(problem(path.relative(root, file), text('record_file_not_regular')));
    }
  }
  return files;
}
