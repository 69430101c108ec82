// `cairn config [language [en|ru|system]]`: the person's settings, kept in their profile (the same
// file the app's Settings write), read and changed through the same Profile and schema.
import { LOCALE_NAMES, LOCALES, type Locale } from '../../common/i18n/locale';
import { text } from '../../common/i18n/text';
import { defaultProfileDir, Profile } from '../../core/profile';
import { validateArgs } from '../../core/schemas';
import { EXIT_OK, printJson, printLine, say, UsageError } from '../cli-io';
import type { Command } from '../command';

const SYSTEM = 'system';

export const configCommand: Command = {
  name: 'config',
  summary: 'cli_config_summary',
  synopsis: `[language [${[...LOCALES, SYSTEM].join('|')}]]`,
  details: text('cli_config_details'),
  options: {},
  async run(ctx) {
    const [setting, value, ...extra] = ctx.positionals;
    if (setting !== undefined && setting !== 'language') throw new UsageError(text('cli_config_unknown_setting', { setting }), ctx.usage);
    if (extra.length > 0) throw new UsageError(text('cli_config_one_value'), ctx.usage);
    if (value !== undefined && value !== SYSTEM && !(LOCALES as readonly string[]).includes(value)) {
      throw new UsageError(text('cli_config_bad_language', { value, choices: [...LOCALES, SYSTEM].join(', ') }), ctx.usage);
    }
    const profile = await Profile.load(defaultProfileDir(ctx.io.env));
    const settings = value === undefined ? profile.settings() : await profile.updateSettings(validateArgs('settings.update', { language: value === SYSTEM ? null : value }));
    if (ctx.json) {
      printJson(ctx.io.stdout, settings);
      return EXIT_OK;
    }
    const chosen: Locale | null = settings.language;
    printLine(ctx.io.stdout, say(ctx.io, chosen === null ? text('cli_config_language_system') : text('cli_config_language', { language: LOCALE_NAMES[chosen], code: chosen })));
    return EXIT_OK;
  },
};
