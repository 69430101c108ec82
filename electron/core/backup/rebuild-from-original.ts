// A damaged record no backup has is not lost while its original and its history are: the history's
// first entry (the import) names the original's file name and the hash of its text, so the kept
// original is found among those no other record uses, read again exactly as the import read it, and
// every change logged since is made again on it. The result is the record as it was last saved.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CairnRecord, ChangeEntry } from '../../contract';
import { text } from '../../common/i18n/text';
import { CairnError } from '../errors';
import { replayAfterBackup } from './restore-from-backup';

/** The import a record's history begins with (the last one, when an undone import was done again). */
export function importEntryOf(entries: readonly ChangeEntry[]): (ChangeEntry & { after: { fileName: string | null; textHash: string } }) | null {
  const imports = entries.filter((e) => e.field === 'record' && e.before === null && e.after !== null && typeof (e.after as { textHash?: unknown }).textHash === 'string');
  return (imports.at(-1) as (ChangeEntry & { after: { fileName: string | null; textHash: string } }) | undefined) ?? null;
}

/**
 * Rebuilds record `id` from its kept original and `entries` (its whole history); `used` holds the
 * originals other records are made from (never taken for this one). Returns the record, the
 * original's hash and how many operations were made again.
 */
export async function rebuildFromOriginal(root: string, id: string, entries: readonly ChangeEntry[], used: ReadonlySet<string>): Promise<{ record: CairnRecord; original: string; replayed: number }> {
  const started = importEntryOf(entries);
  if (!started) throw new CairnError('E_NOT_FOUND', text('rebuild_no_history', { id }));
  const { fileName, textHash } = started.after;
  // The import's parsers and extractors, loaded only when a record is rebuilt.
  const { prepareFile } = await import('../import/prepare-document');
  const originals = path.join(root, 'originals');
  const shards = await readdir(originals).catch(() => [] as string[]);
  for (const shard of shards) {
    for (const sha of await readdir(path.join(originals, shard)).catch(() => [] as string[])) {
      if (used.has(sha)) continue;
      const bytes = await readFile(path.join(originals, shard, sha)).catch(() => null);
      if (!bytes) continue;
      let prepared: CairnRecord | undefined;
      try {
        // A CSV original holds many records: the one with this text is the one.
        prepared = (await prepareFile(fileName ?? 'original.txt', bytes, started.at)).documents.map((d) => d.record).find((r) => r.textHash === textHash);
      } catch {
        continue;
      }
      if (!prepared) continue;
      const base: CairnRecord = { ...prepared, id, rev: started.rev };
      const { record, replayed } = replayAfterBackup(base, entries);
      return { record, original: sha, replayed };
    }
  }
  throw new CairnError('E_NOT_FOUND', text('rebuild_no_original', { file: fileName ?? id }));
}
