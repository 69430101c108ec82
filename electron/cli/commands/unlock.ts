// `cairn unlock [--force]`: removes a lock its holder can no longer release (a crash, a reboot, a pulled stick).
import { unlockArchive, type LockHolder } from '../../core/store/archive-lock';
import { EXIT_OK, printJson, printLine } from '../cli-io';
import type { Command } from '../command';
import { requireDataDir } from '../open-archive';

const describe = (h: LockHolder) => `${h.app} (process ${h.pid}, user ${h.user} on ${h.host}, since ${h.since})`;

export const unlockCommand: Command = {
  name: 'unlock',
  summary: 'remove a lock left by a Cairn that crashed or whose machine restarted',
  synopsis: '[--force]',
  details: `  --force  also remove a lock Cairn cannot judge (taken on another machine, or naming a running
           process it cannot identify): only once you know no Cairn has the archive open.
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
      printLine(ctx.io.stdout, `Removed the lock held by ${outcome.holder ? describe(outcome.holder) : 'an unknown program (the lock file was unreadable)'}.`);
    }
    return EXIT_OK;
  },
};
