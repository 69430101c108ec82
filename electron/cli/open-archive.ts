// Opens the archive a command works on: read-only (no lock) for reading, locked for writing, and
// always closed again, so a failed command never leaves the archive locked.
import path from 'node:path';
import { defaultProfileDir, Profile } from '../core/profile';
import { Archive } from '../core/archive';
import { rebuildText } from '../common/i18n/search-index';
import { quoteForShell } from '../core/shell-quote';
import { text } from '../common/i18n/text';
import { CairnError } from '../core/errors';
import { printLine, UsageError, say } from './cli-io';
import type { CommandContext } from './command';
import type { ArchiveProblem, LocalText } from '../contract';

export type AccessMode = 'read' | 'write';

export function requireDataDir(ctx: CommandContext): string {
  if (!ctx.dataDir) throw new UsageError(text('cli_which_archive'), ctx.usage);
  return ctx.dataDir;
}

/**
 * Runs `work` on the open archive. Reading commands open read-only, so they work while the desktop
 * app holds the lock; writing commands take the lock and release it however `work` ends.
 */
export async function withArchive<T>(ctx: CommandContext, mode: AccessMode, work: (archive: Archive) => Promise<T>, options: { autoBackup?: boolean; search?: boolean } = {}): Promise<T> {
  const dir = requireDataDir(ctx);
  let archive: Archive;
  try {
    // Changes carry the person's name from the profile, as in the window.
    const person = mode === 'write' ? (await Profile.load(defaultProfileDir(ctx.io.env))).settings().name : '';
    // Writing commands take the automatic backups as the window does (the day's first, before bulk changes).
    archive = await Archive.open(dir, { app: ctx.app, readOnly: mode === 'read', person, autoBackup: options.autoBackup ?? true });
  } catch (e) {
    if (e instanceof CairnError && e.code === 'E_NOT_AN_ARCHIVE') {
      throw new CairnError('E_NOT_AN_ARCHIVE', text('cli_not_an_archive_hint', { reason: e.text, command: `cairn init --data-dir ${quoteForShell(dir)}` }));
    }
    throw e;
  }
  try {
    const info = archive.info();
    // A damaged description, or a newer Cairn's archive, opens read-only: reading goes on with a
    // warning, and a change is refused before it is tried, saying how to repair.
    if (info.readOnlyText && info.readOnlyText.key !== 'archive_read_only') {
      const repair = text('cli_repair_run', { command: `cairn repair --data-dir ${quoteForShell(dir)}` });
      const why = info.repair ? text('cli_problem_and_more', { problem: info.readOnlyText, more: repair }) : info.readOnlyText;
      if (mode === 'write') throw new CairnError('E_READ_ONLY', why);
      printLine(ctx.io.stderr, say(ctx.io, text('cli_warning', { file: info.repair?.file ?? path.basename(dir), problem: why })));
    }
    for (const p of info.problems) printLine(ctx.io.stderr, say(ctx.io, problemWarning(p)));
    if (options.search) await searchReady(ctx, archive);
    return await work(archive);
  } finally {
    await archive.close();
  }
}

/**
 * Waits for the search index (its snapshot loaded and brought up to date). When there is no usable
 * snapshot and every record must be indexed, says why on stderr while it happens: at 20,000 records
 * that is a while, once.
 */
async function searchReady(ctx: CommandContext, archive: Archive): Promise<void> {
  let said = false;
  const tell = () => {
    const rebuild = archive.info().searchIndex.rebuild;
    if (!rebuild || said) return;
    said = true;
    printLine(ctx.io.stderr, say(ctx.io, text('cli_warning', { file: rebuild.file, problem: rebuildText(rebuild) })));
  };
  const timer = setInterval(tell, 50);
  try {
    await archive.whenIndexed();
  } finally {
    clearInterval(timer);
  }
  tell();
}

/** A problem as the CLI warns of it: what is wrong, where the damaged file went, and how to restore it. */
export function problemWarning(p: ArchiveProblem): LocalText {
  const after: LocalText[] = [];
  if (p.quarantined) after.push(text('cli_problem_quarantined', { path: p.quarantined }));
  if (p.recovery?.backup) {
    const how = p.recovery.kind === 'record' ? `cairn backup restore --record ${p.recovery.id}` : `cairn backup restore --file ${quoteForShell(p.file)}`;
    after.push(text('cli_problem_restore_with', { command: how }));
  } else if (p.recovery?.kind === 'record') {
    after.push(text('cli_problem_rebuild_with', { command: `cairn backup restore --record ${p.recovery.id} --from-original` }));
  } else if (p.recovery) {
    after.push(text('cli_problem_no_backup'));
  }
  let said: LocalText = p.text;
  for (const more of after) said = text('cli_problem_and_more', { problem: said, more });
  return text('cli_warning', { file: p.file, problem: said });
}

/** Accepts a record's full id or an unambiguous start of it (at least 4 characters), like git. */
export function resolveRecordId(archive: Archive, given: string): string {
  const wanted = given.trim();
  try {
    return archive.get(wanted).id;
  } catch (e) {
    if (wanted.length < 4) throw e;
    const matches = archive.list().items.filter((s) => s.id.startsWith(wanted));
    if (matches.length === 1) return matches[0]!.id;
    if (matches.length > 1) {
      throw new CairnError('E_VALIDATION', text('cli_ambiguous_id', { count: matches.length, prefix: wanted }));
    }
    throw e;
  }
}


/** A path to show a person: relative to the working folder when it is inside it. */
export function displayPath(cwd: string, p: string): string {
  const rel = path.relative(cwd, p);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : p;
}
