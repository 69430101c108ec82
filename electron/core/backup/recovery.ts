// Bringing back what was damaged or changed: one record, entity or vocabulary from a backup, or a
// damaged record from its kept original, each as one change of the history (so it can be undone);
// and, at open, setting damaged files aside and finding the newest backup that has each of them.
// Archive composes these; they change the archive only through the context.
import type { ArchiveProblem, BackupInfo, CairnRecord, ChangeEntry, Vocabulary } from '../../contract';
import type { ArchiveContext } from '../archive-context';
import { renderText, text } from '../../common/i18n/text';
import { CairnError } from '../errors';
import { RECORD_FORMAT_VERSION } from '../model/record-schema';
import { checkStatusChange } from '../review/review-rules';
import { backupDir, newestHoldingEach } from './backup-store';
import { quarantineFile, recoveryKindOf, restorableProblems } from './quarantine';
import { rebuildFromOriginal } from './rebuild-from-original';
import { fromBackup, parseBackedUpEntity, parseBackedUpRecord, parseBackedUpVocabulary, recordPath, replayAfterBackup } from './restore-from-backup';

/** What recovery reads of the open archive beyond what every room does. */
export interface RecoveryContext extends ArchiveContext {
  readonly root: string;
  /** The person restoring (a reviewed record put back must say who did it). */
  readonly person: string;
  /** The record as the archive holds it now, if it has it (a damaged one it does not). */
  present(id: string): CairnRecord | undefined;
  /** Every change the history holds of a record, oldest first. */
  historyOf(id: string): Promise<ChangeEntry[]>;
  putVocabulary(vocabulary: Vocabulary): Promise<void>;
}

export interface Recovered {
  backup: BackupInfo;
  record?: CairnRecord;
  /** Changes made again after the backup's copy (a damaged record rebuilt). */
  replayed: number;
  /** The archive-relative file that was brought back (its problem, if any, is now solved). */
  file: string;
}

/**
 * Brings back one record or one damaged file from a backup (the given one, or the newest that has
 * it). A record that is there is put back as the backup has it; one whose file was damaged is
 * rebuilt from the backup and the changes logged since.
 */
export async function restoreFromBackup(ctx: RecoveryContext, args: { backup?: string; record?: string; file?: string }): Promise<Recovered> {
  const file = args.record ? recordPath(args.record) : (args.file ?? '');
  const kind = recoveryKindOf(file);
  if (!kind) throw new CairnError('E_VALIDATION', text('backup_file_not_restorable', { file: file.slice(0, 200) }));
  const store = backupDir(ctx.root);
  if (kind.kind === 'record') return { ...(await restoreRecord(ctx, store, kind.id, args.backup)), file };
  if (kind.kind === 'entity') {
    const { backup, value } = await fromBackup(store, file, args.backup, parseBackedUpEntity);
    await ctx.commit({ kind: 'restore', comment: restoredComment(backup) }, [], [{ before: ctx.entities.find(kind.id) ?? null, after: value }]);
    return { backup, replayed: 0, file };
  }
  const { backup, value } = await fromBackup(store, file, args.backup, parseBackedUpVocabulary);
  await ctx.putVocabulary(value);
  return { backup, replayed: 0, file };
}

async function restoreRecord(ctx: RecoveryContext, store: string, id: string, backupId?: string): Promise<Omit<Recovered, 'file'>> {
  const { backup, value: copy } = await fromBackup(store, recordPath(id), backupId, parseBackedUpRecord);
  const comment = restoredComment(backup);
  const current = ctx.present(id);
  if (current) {
    ctx.writable(id);
    const target = { ...copy, rev: current.rev };
    checkStatusChange(current, target, comment, ctx.person);
    const { records } = await ctx.commit({ kind: 'restore', comment }, [{ before: current, after: target }]);
    return { backup, record: records[0] ?? current, replayed: 0 };
  }
  const { record, replayed } = replayAfterBackup(copy, await ctx.historyOf(id));
  const { records } = await ctx.commit({ kind: 'restore', comment }, [{ before: null, after: { ...record, formatVersion: RECORD_FORMAT_VERSION, rev: record.rev + 1 } }]);
  return { backup, record: records[0]!, replayed };
}

/**
 * Rebuilds a damaged record that no backup has from its kept original, read again as its import
 * read it, with every change its history holds made again (see rebuild-from-original).
 */
export async function rebuildRecord(ctx: RecoveryContext, id: string): Promise<{ record: CairnRecord; replayed: number; file: string }> {
  const present = ctx.present(id);
  if (present) throw new CairnError('E_VALIDATION', text('rebuild_not_damaged', { title: present.title }));
  const used = new Set([...ctx.records()].flatMap((r) => (r.source ? [r.source.sha256] : [])));
  const { record, replayed } = await rebuildFromOriginal(ctx.root, id, await ctx.historyOf(id), used);
  const { records } = await ctx.commit({ kind: 'restore', comment: renderText(text('rebuilt_comment')) }, [{ before: null, after: { ...record, formatVersion: RECORD_FORMAT_VERSION, rev: record.rev + 1 } }]);
  return { record: records[0]!, replayed, file: recordPath(id) };
}

/**
 * Damaged files that can be restored are moved to quarantine/ (when the archive may be written) so
 * that nothing reads or overwrites them, and each problem learns the newest backup that has the file.
 */
export async function setDamagedAside(root: string, problems: ArchiveProblem[], writable: boolean): Promise<void> {
  const damaged = restorableProblems(problems);
  const backups = await newestHoldingEach(backupDir(root), damaged.map((p) => p.file)).catch(() => new Map<string, BackupInfo>());
  for (const p of damaged) {
    if (writable) p.quarantined = await quarantineFile(root, p.file);
    const backup = backups.get(p.file);
    p.recovery = { ...p.recovery!, backup: backup ? { id: backup.id, createdAt: backup.createdAt } : null };
  }
}

/** The comment a restore from a backup carries in the history. */
const restoredComment = (backup: BackupInfo) => renderText(text('backup_restored_comment', { at: backup.createdAt }));
