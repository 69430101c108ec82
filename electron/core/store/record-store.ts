// Keeps each record in its own lowdb file, so saving one edit costs that record, not the archive.
import { mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import type { ArchiveProblem, CairnRecord } from '../../contract';
import { DurableJSONFile } from './durable-json-file';
import { layout } from './archive-folder';

export interface LoadedRecords {
  records: CairnRecord[];
  problems: ArchiveProblem[];
}

/** Reads every record file under records/. A file that cannot be read is reported and left alone. */
export async function loadRecords(root: string): Promise<LoadedRecords> {
  const dir = layout.recordsDir(root);
  const records: CairnRecord[] = [];
  const problems: ArchiveProblem[] = [];
  let shards: string[];
  try {
    shards = await readdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { records, problems };
    throw e;
  }
  const files: string[] = [];
  for (const shard of shards) {
    if (shard.startsWith('.')) continue;
    const entries = await readdir(path.join(dir, shard)).catch(() => [] as string[]);
    for (const entry of entries) if (entry.endsWith('.json') && !entry.startsWith('.')) files.push(path.join(dir, shard, entry));
  }
  // Bounded parallel reads: fast on SSDs and USB sticks alike without exhausting file handles.
  const width = 64;
  for (let i = 0; i < files.length; i += width) {
    const batch = files.slice(i, i + width);
    const texts = await Promise.all(batch.map((f) => readFile(f, 'utf8').catch((e: Error) => e)));
    texts.forEach((text, j) => {
      const file = path.relative(root, batch[j]!);
      if (text instanceof Error) return problems.push({ file, message: text.message });
      try {
        const record = JSON.parse(text) as CairnRecord;
        if (typeof record.id !== 'string' || typeof record.text !== 'string' || typeof record.title !== 'string') {
          throw new Error('not a Cairn record');
        }
        records.push(record);
      } catch (e) {
        problems.push({ file, message: `Unreadable record file (${(e as Error).message}); left untouched.` });
      }
    });
  }
  return { records, problems };
}

/** Writes one record durably (fsync + atomic rename) through lowdb. */
export async function saveRecord(root: string, record: CairnRecord): Promise<void> {
  const file = layout.record(root, record.id);
  await mkdir(path.dirname(file), { recursive: true });
  const db = new Low<CairnRecord>(new DurableJSONFile(file), record);
  await db.write();
}
