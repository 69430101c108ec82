// `cairn backup create|list|restore`: the archive's backups, through the same core calls as the
// window's Settings › Backups. These forms are relied on by scripts; each takes --json.
import path from 'node:path';
import type { BackupInfo } from '../../contract';
import { text } from '../../common/i18n/text';
import { backupReasonText } from '../../common/i18n/labels';
import { fileSize } from '../../common/i18n/sizes';
import { formatMoment } from '../../common/i18n/dates';
import { CairnError } from '../../core/errors';
import { Archive } from '../../core/archive';
import { EXIT_OK, printJson, printLine, say, UsageError } from '../cli-io';
import type { Command, CommandContext } from '../command';
import { displayPath, requireDataDir, resolveRecordId, withArchive } from '../open-archive';
import { formatTable } from '../text-table';

const ACTIONS = ['create', 'list', 'restore'] as const;

export const backupCommand: Command = {
  name: 'backup',
  summary: 'cli_backup_summary',
  synopsis: 'create [--out PATH] | list | restore [BACKUP] [--record ID [--from-original]] [--file PATH] [--yes]',
  details: text('cli_backup_details'),
  options: { out: { type: 'string' }, record: { type: 'string' }, file: { type: 'string' }, yes: { type: 'boolean' }, 'from-original': { type: 'boolean' } },
  async run(ctx) {
    const [action, ...args] = ctx.positionals;
    if (!(ACTIONS as readonly (string | undefined)[]).includes(action)) {
      throw new UsageError(text('cli_backup_which_action', { actions: ACTIONS.join(', ') }), ctx.usage);
    }
    if (action === 'create') return create(ctx);
    if (action === 'list') return list(ctx);
    if (args.length > 1) throw new UsageError(text('cli_backup_one_backup'), ctx.usage);
    return restore(ctx, args[0]);
  },
};

async function create(ctx: CommandContext): Promise<number> {
  const out = typeof ctx.options.out === 'string' ? path.resolve(ctx.io.cwd, ctx.options.out) : undefined;
  // Into the archive's own backups it writes, so it takes the lock; elsewhere it only reads.
  const info = await withArchive(ctx, out ? 'read' : 'write', (archive) => archive.createBackup('manual', out), { autoBackup: false });
  if (ctx.json) printJson(ctx.io.stdout, { ...info, store: out ?? null });
  else printLine(ctx.io.stdout, say(ctx.io, text('cli_backup_created', { id: info.id, records: info.records, where: out ? displayPath(ctx.io.cwd, out) : say(ctx.io, text('cli_backup_in_archive')) })));
  return EXIT_OK;
}

async function list(ctx: CommandContext): Promise<number> {
  const backups = await withArchive(ctx, 'read', (archive) => archive.backups());
  if (ctx.json) {
    printJson(ctx.io.stdout, backups);
  } else if (backups.length === 0) {
    printLine(ctx.io.stdout, say(ctx.io, text('backup_none_yet')));
  } else {
    const header = ['cli_backup_col_id', 'cli_backup_col_taken', 'cli_backup_col_why', 'cli_backup_col_records', 'cli_backup_col_size'] as const;
    const rows = backups.map((b: BackupInfo) => [b.id, formatMoment(b.createdAt, ctx.io.locale), say(ctx.io, backupReasonText(b.reason)), String(b.records), say(ctx.io, fileSize(b.bytes))]);
    for (const line of formatTable(header.map((k) => say(ctx.io, text(k))), rows)) printLine(ctx.io.stdout, line);
  }
  return EXIT_OK;
}

async function restore(ctx: CommandContext, backup: string | undefined): Promise<number> {
  const record = typeof ctx.options.record === 'string' ? ctx.options.record : undefined;
  const file = typeof ctx.options.file === 'string' ? ctx.options.file : undefined;
  if (record && file) throw new UsageError(text('cli_backup_record_or_file'), ctx.usage);
  if (record && ctx.options['from-original'] === true) {
    // No backup has the record: its kept original, read again, with its whole history made again.
    const result = await withArchive(ctx, 'write', (archive) => archive.rebuildRecord(resolveOrAsGiven(archive, record)));
    if (ctx.json) printJson(ctx.io.stdout, result);
    else printLine(ctx.io.stdout, say(ctx.io, text('cli_backup_rebuilt_record', { title: result.record.title, count: result.replayed })));
    return EXIT_OK;
  }
  if (record || file) {
    const result = await withArchive(ctx, 'write', async (archive) => {
      // A record whose file was damaged is not in the archive to be found by the start of its id: its full id is taken as given.
      const id = record ? resolveOrAsGiven(archive, record) : undefined;
      return archive.restoreFromBackup({ backup, record: id, file });
    });
    if (ctx.json) printJson(ctx.io.stdout, result);
    else if (result.record) printLine(ctx.io.stdout, say(ctx.io, text('cli_backup_restored_record', { title: result.record.title, at: formatMoment(result.backup.createdAt, ctx.io.locale), count: result.replayed })));
    else printLine(ctx.io.stdout, say(ctx.io, text('cli_backup_restored_file', { file: file ?? '', at: formatMoment(result.backup.createdAt, ctx.io.locale) })));
    return EXIT_OK;
  }
  const dir = requireDataDir(ctx);
  if (ctx.options.yes !== true) {
    const question = say(ctx.io, text('cli_backup_restore_ask', { archive: displayPath(ctx.io.cwd, dir) }));
    const answer = ctx.io.ask ? await ctx.io.ask(question) : null;
    if (answer === null) throw new CairnError('E_VALIDATION', text('cli_backup_restore_needs_yes'));
    if (!/^(y|yes|д|да)$/i.test(answer.trim())) {
      printLine(ctx.io.stdout, say(ctx.io, text('cli_backup_restore_cancelled')));
      return EXIT_OK;
    }
  }
  const result = await withArchive(ctx, 'write', (archive) => archive.restoreArchive(backup), { autoBackup: false });
  if (ctx.json) printJson(ctx.io.stdout, result);
  else printLine(ctx.io.stdout, say(ctx.io, text('cli_backup_restored_archive', { at: formatMoment(result.backup.createdAt, ctx.io.locale), written: result.written, removed: result.removed })));
  return EXIT_OK;
}

function resolveOrAsGiven(archive: Archive, given: string): string {
  try {
    return resolveRecordId(archive, given);
  } catch (e) {
    if (e instanceof CairnError && e.code === 'E_NOT_FOUND') return given.trim();
    throw e;
  }
}
