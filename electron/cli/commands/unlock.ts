// `cairn unlock [--force]`: removes a lock its holder can no longer release (a crash, a reboot, a pulled stick).
import { unlockArchive } from '../../core/store/archive-lock';
import { describeHolder } from '../../core/store/lock-holder';
import { text } from '../../common/i18n/text';
import { EXIT_OK, printJson, printLine, say } from '../cli-io';
import type { Command } from '../command';
import { requireDataDir } from '../open-archive';

export const unlockCommand: Command = {
  name: 'unlock',
  summary: 'cli_unlock_summary',
  synopsis: '[--force]',
  details: text('cli_unlock_details'),
  options: { force: { type: 'boolean' } },
  async run(ctx) {
    const dir = requireDataDir(ctx);
    const outcome = await unlockArchive(dir, ctx.options.force === true);
    if (ctx.json) {
      printJson(ctx.io.stdout, outcome);
    } else if (!outcome.removed) {
      printLine(ctx.io.stdout, say(ctx.io, text('cli_unlock_no_lock')));
    } else {
      printLine(ctx.io.stdout, say(ctx.io, outcome.holder ? text('cli_unlock_removed', { holder: describeHolder(outcome.holder) }) : text('cli_unlock_removed_unknown')));
    }
    return EXIT_OK;
  },
};
