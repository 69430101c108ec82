// `cairn verify-bag PATH`: checks a BagIt bag received from elsewhere (a folder or a .zip) and names
// every missing, extra or altered file; exit 0 only when the bag is complete and unchanged. It needs
// no archive.
import path from 'node:path';
import { text } from '../../common/i18n/text';
import { fileSize } from '../../common/i18n/sizes';
import { verifyBag } from '../../core/export/verify-bag';
import { EXIT_OK, EXIT_USER_ERROR, printJson, printLine, say, UsageError } from '../cli-io';
import type { Command } from '../command';
import { displayPath } from '../open-archive';

export const verifyBagCommand: Command = {
  name: 'verify-bag',
  summary: 'cli_verify_bag_summary',
  synopsis: 'PATH',
  options: {},
  async run(ctx) {
    const given = ctx.positionals[0];
    if (!given || ctx.positionals.length > 1) throw new UsageError(text('cli_verify_bag_needs_path'), ctx.usage);
    const report = await verifyBag(path.resolve(ctx.io.cwd, given));
    if (ctx.json) {
      printJson(ctx.io.stdout, report);
      return report.ok ? EXIT_OK : EXIT_USER_ERROR;
    }
    const out = (line: string) => printLine(ctx.io.stdout, line);
    for (const p of report.problems) out(`${say(ctx.io, text(`bag_problem_${p.kind.replace(/-/g, '_')}` as 'bag_problem_missing'))}  ${p.file}\n    ${p.message}`);
    if (report.problems.length) out('');
    const where = displayPath(ctx.io.cwd, report.path);
    out(say(ctx.io, report.ok
      ? text('cli_verify_bag_ok', { path: where, files: report.files, size: fileSize(report.bytes) })
      : text('cli_verify_bag_failed', { path: where, count: report.problems.length })));
    return report.ok ? EXIT_OK : EXIT_USER_ERROR;
  },
};
