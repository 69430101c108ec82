// Bringing one record, entity or vocabulary back from a backup. A record whose file was damaged is
// rebuilt from the backup's copy and then every change the log holds since that copy was taken, so
// that a backup from this morning loses nothing done this afternoon.
import type { BackupInfo, CairnRecord, ChangeEntry, Entity, Vocabulary } from '../../contract';
import { text } from '../../common/i18n/text';
import { CairnError, reasonOf } from '../errors';
import { applyChanges } from '../changes/entries';
import { entitySchema, parseRecord } from '../model/record-schema';
import { validateVocabulary } from '../vocab/vocabulary-file';
import { findSnapshot, newestHolding, readBackedUpFile } from './backup-store';

export const recordPath = (id: string): string => `records/${id.slice(0, 2)}/${id}.json`;

/** The copy of one file a backup holds (the given backup, or the newest that has it), parsed by `parse`. */
export async function fromBackup<T>(store: string, rel: string, backupId: string | undefined, parse: (raw: unknown) => T): Promise<{ backup: BackupInfo; value: T }> {
  const backup = backupId ? await findSnapshot(store, backupId) : await newestHolding(store, rel);
  if (!backup) throw new CairnError('E_NOT_FOUND', text('backup_no_copy', { file: rel }));
  const bytes = await readBackedUpFile(store, backup.id, rel);
  if (!bytes) throw new CairnError('E_NOT_FOUND', text('backup_lacks_file', { file: rel, backup: backup.createdAt }));
  try {
    return { backup, value: parse(JSON.parse(bytes.toString('utf8'))) };
  } catch (e) {
    throw new CairnError('E_ARCHIVE_CORRUPT', text('backup_copy_unusable', { file: rel, backup: backup.createdAt, reason: reasonOf(e) }));
  }
}

export const parseBackedUpRecord = (raw: unknown): CairnRecord => parseRecord(raw);
export const parseBackedUpEntity = (raw: unknown): Entity => entitySchema.parse(raw) as Entity;
export const parseBackedUpVocabulary = (raw: unknown): Vocabulary => validateVocabulary(raw);

/**
 * The record as the backup holds it with every later change the log holds made again (`entries`
 * are the record's log, oldest first), and its revision set after all of them; `replayed` counts
 * the operations made again (an edit of three fields is one).
 */
export function replayAfterBackup(copy: CairnRecord, entries: readonly ChangeEntry[]): { record: CairnRecord; replayed: number } {
  const later = entries.filter((e) => e.rev > copy.rev && e.field !== 'record');
  const record = applyChanges(copy, later, 'after');
  const rev = Math.max(copy.rev, ...entries.map((e) => e.rev));
  const last = later.at(-1);
  return { record: { ...record, rev, updatedAt: last?.at ?? copy.updatedAt }, replayed: new Set(later.map((e) => e.op)).size };
}
