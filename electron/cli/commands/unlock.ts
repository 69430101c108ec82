// `cairn unlock [--force]`: removes a lock its holder can no longer release (a crash, a reboot, a pulled stick).
import { unlockArchive } from '../../core/store/archive-lock';
import { describeHolder } from '../../core/store/lock-holder';
import { EXIT_OK, printJson, printLine } from '../cli-io';
import type { Command } from '../command';
import { requireDataDir } from '../open-archive';

export const unlockCommand: Command = {
  name: 'unlock',
  summary: 'remove a lock left by a Cairn that crashed or whose machine restarted',
  synopsis: '[--force]',
  details: `  --force  also remove a lock Cairn cannot judge (taken on another machine or in a sandbox, or
           naming a running process it cannot identify): only once you know no Cairn has the
           archive open.
           A lock whose holder is certainly still running is never removed.`,
  options: { force: { type: 'boolean' } },
  async run(ctx) {
    const dir = requireDataDir(ctx);
    const outcome = await unlockArchive(dir, ctx.options.force === true);
    if (ctx.json) {
      printJson(ctx.io.stdout, outcome);
    } else if (!outcome.removed) {
      printLine(ctx.io.stdout, 'The archive has no lock: no Cairn has it open.');
    } else {
      printLine(ctx.io.stdout, `Removed the lock held by ${outcome.holder ? describeHolder(outcome.holder) : 'an unknown program (the lock file was unreadable)'}.`);
    }
    return EXIT_OK;
  },
};
