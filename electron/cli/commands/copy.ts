// `cairn copy DEST`: copies the archive into a new or empty folder (on another disk, when this one is
// full or read-only), as a new replica of the same archive, without its backups.
import path from 'node:path';
import { text } from '../../common/i18n/text';
import { fileSize } from '../../common/i18n/sizes';
import { EXIT_OK, printJson, printLine, say, UsageError } from '../cli-io';
import type { Command } from '../command';
import { displayPath, withArchive } from '../open-archive';

export const copyCommand: Command = {
  name: 'copy',
  summary: 'cli_copy_summary',
  synopsis: 'DEST',
  details: text('cli_copy_details'),
  options: {},
  async run(ctx) {
    const [dest, ...extra] = ctx.positionals;
    if (!dest || extra.length) throw new UsageError(text('cli_copy_needs_dest'), ctx.usage);
    const target = path.resolve(ctx.io.cwd, dest);
    // Read-only: a copy is wanted most when the archive's disk can no longer be written.
    const outcome = await withArchive(ctx, 'read', (archive) => archive.copyTo(target));
    if (ctx.json) printJson(ctx.io.stdout, { path: target, ...outcome });
    else printLine(ctx.io.stdout, say(ctx.io, text('cli_copy_done', { files: outcome.files, size: say(ctx.io, fileSize(outcome.bytes)), dest: displayPath(ctx.io.cwd, target) })));
    return EXIT_OK;
  },
};
