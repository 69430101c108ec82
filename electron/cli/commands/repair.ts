// `cairn repair [--yes]`: rebuilds a damaged cairn-archive.json, after saying how and asking (or
// with --yes). The damaged file is kept in quarantine; a whole description is left alone.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { text } from '../../common/i18n/text';
import { formatMoment } from '../../common/i18n/dates';
import { CairnError } from '../../core/errors';
import { readManifestOrPlanRepair, repairManifest } from '../../core/repair/manifest-repair';
import type { LocalText, ManifestRepairPlan } from '../../contract';
import type { Locale } from '../../common/i18n/locale';
import { EXIT_OK, printJson, printLine, say } from '../cli-io';
import type { Command } from '../command';
import { displayPath, requireDataDir } from '../open-archive';

export const repairCommand: Command = {
  name: 'repair',
  summary: 'cli_repair_summary',
  synopsis: '[--yes]',
  details: text('cli_repair_details'),
  options: { yes: { type: 'boolean' } },
  async run(ctx) {
    const dir = path.resolve(requireDataDir(ctx));
    if (!existsSync(dir)) throw new CairnError('E_NOT_FOUND', text('cli_verify_no_folder', { dir: displayPath(ctx.io.cwd, dir) }));
    const out = (said: LocalText) => printLine(ctx.io.stdout, say(ctx.io, said));
    const { repair } = await readManifestOrPlanRepair(dir);
    if (!repair) {
      if (ctx.json) printJson(ctx.io.stdout, { repaired: false, plan: null, quarantined: null });
      else out(text('manifest_repair_not_needed'));
      return EXIT_OK;
    }
    if (!ctx.json) {
      out(text('archive_manifest_damaged_read_only', { manifest: repair.file, problem: repair.problem }));
      out(planText(repair, ctx.io.locale));
    }
    if (ctx.options.yes !== true) {
      const answer = ctx.io.ask ? await ctx.io.ask(say(ctx.io, text('cli_repair_ask', { archive: displayPath(ctx.io.cwd, dir) }))) : null;
      if (answer === null) throw new CairnError('E_VALIDATION', text('cli_repair_needs_yes'));
      if (!/^(y|yes|д|да)$/i.test(answer.trim())) {
        out(text('cli_repair_cancelled'));
        return EXIT_OK;
      }
    }
    const outcome = await repairManifest(dir, ctx.app);
    if (ctx.json) printJson(ctx.io.stdout, outcome);
    else if (!outcome.repaired) out(text('manifest_repair_not_needed'));
    else out(outcome.quarantined ? text('cli_repair_done', { path: outcome.quarantined }) : text('cli_repair_done_was_missing'));
    return EXIT_OK;
  },
};

/** How the description will be rebuilt, in a sentence. */
function planText(plan: ManifestRepairPlan, locale: Locale): LocalText {
  const at = plan.backup ? formatMoment(plan.backup.createdAt, locale) : '';
  if (plan.from === 'backup') return text('cli_repair_plan_backup', { at, name: plan.name, id: plan.id });
  if (plan.from === 'backup-notes') return text('cli_repair_plan_notes', { at, name: plan.name, id: plan.id });
  return text('cli_repair_plan_folder', { name: plan.name });
}
