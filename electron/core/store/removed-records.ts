// Records an undo took out of the archive (an undone import), kept under removed/ so that redo can
// bring them back exactly as they were.
import { readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { CairnRecord } from '../../contract';
import { parseRecord } from '../model/record-schema';
import { layout } from './archive-folder';
import { makeDirectory, syncDirectory, writeDurably } from './durable-json-file';

/** Keeps the record's file under removed/ (durably), then takes it out of records/. */
export async function keepRemoved(root: string, record: CairnRecord): Promise<void> {
  const kept = layout.removed(root, record.id);
  await makeDirectory(path.dirname(kept));
  await writeDurably(kept, JSON.stringify(record, null, 2) + '\n');
  const file = layout.record(root, record.id);
  await unlink(file);
  await syncDirectory(path.dirname(file));
}

/** The record an undo took out, or null when there is none. */
export async function readRemoved(root: string, id: string): Promise<CairnRecord | null> {
  try {
    return parseRecord(JSON.parse(await readFile(layout.removed(root, id), 'utf8')));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}
