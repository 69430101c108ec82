// `cairn verify`: reads every file of the archive and names each that is missing, damaged or
// unexpected; exits 0 only when all is well. It reads the folder itself, without opening the
// archive, so that it also works on an archive whose description file is damaged.
import { existsSync } from 'node:fs';
import { text } from '../../common/i18n/text';
import { fileSize } from '../../common/i18n/sizes';
import { formatMoment } from '../../common/i18n/dates';
import { CairnError } from '../../core/errors';
import { verifyArchive } from '../../core/verify/verify-archive';
import { EXIT_OK, EXIT_USER_ERROR, printJson, printLine, say } from '../cli-io';
import type { Command } from '../command';
import { displayPath, requireDataDir } from '../open-archive';

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'cli_verify_summary',
  synopsis: '',
  details: text('cli_verify_details'),
  options: {},
  async run(ctx) {
    const dir = requireDataDir(ctx);
    if (!existsSync(dir)) throw new CairnError('E_NOT_FOUND', text('cli_verify_no_folder', { dir: displayPath(ctx.io.cwd, dir) }));
    const report = await verifyArchive(dir);
    if (ctx.json) {
      printJson(ctx.io.stdout, report);
      return report.ok ? EXIT_OK : EXIT_USER_ERROR;
    }
    const out = (line: string) => printLine(ctx.io.stdout, line);
    for (const f of report.findings) out(`${say(ctx.io, text(f.problem === 'missing' ? 'verify_label_missing' : f.problem === 'damaged' ? 'verify_label_damaged' : 'verify_label_unexpected'))}  ${f.file}\n    ${say(ctx.io, f.text)}`);
    if (report.findings.length) out('');
    const against = report.backup
      ? say(ctx.io, text('cli_verify_against', { count: report.matchedBackup, at: formatMoment(report.backup.createdAt, ctx.io.locale) }))
      : say(ctx.io, text('cli_verify_no_backup'));
    const counts = { missing: 0, damaged: 0, unexpected: 0 };
    for (const f of report.findings) counts[f.problem]++;
    out(
      say(ctx.io, report.ok
        ? text('cli_verify_ok', { files: report.files, size: say(ctx.io, fileSize(report.bytes)), seconds: report.seconds })
        : text('cli_verify_found', { missing: counts.missing, damaged: counts.damaged, unexpected: counts.unexpected, files: report.files })),
    );
    out(against);
    return report.ok ? EXIT_OK : EXIT_USER_ERROR;
  },
};
