// `cairn config [set] [language [en|ru|system]] | [name [NAME]]`: the person's settings, kept in
// their profile (the same file the app's Settings write), read and changed through the same
// Profile and schema.
import { LOCALE_NAMES, LOCALES, type Locale } from '../../common/i18n/locale';
import { text } from '../../common/i18n/text';
import type { Settings } from '../../contract';
import { defaultProfileDir, Profile } from '../../core/profile';
import { validateArgs } from '../../core/schemas';
import { EXIT_OK, printJson, printLine, say, UsageError, type CliIo } from '../cli-io';
import type { Command } from '../command';

const SYSTEM = 'system';
const SETTINGS = ['language', 'name'] as const;

export const configCommand: Command = {
  name: 'config',
  summary: 'cli_config_summary',
  synopsis: `[set] [language [${[...LOCALES, SYSTEM].join('|')}] | name ["A. Person"]]`,
  details: text('cli_config_details'),
  options: {},
  async run(ctx) {
    const args = ctx.positionals[0] === 'set' ? ctx.positionals.slice(1) : ctx.positionals;
    const setting = args[0];
    if (ctx.positionals[0] === 'set' && args.length < 2) throw new UsageError(text('cli_config_set_needs'), ctx.usage);
    if (setting !== undefined && !(SETTINGS as readonly string[]).includes(setting)) throw new UsageError(text('cli_config_unknown_setting', { setting }), ctx.usage);
    const value = setting === 'name' && args.length > 1 ? args.slice(1).join(' ') : args[1];
    if (setting === 'language' && args.length > 2) throw new UsageError(text('cli_config_one_value'), ctx.usage);
    if (setting === 'language' && value !== undefined && value !== SYSTEM && !(LOCALES as readonly string[]).includes(value)) {
      throw new UsageError(text('cli_config_bad_language', { value, choices: [...LOCALES, SYSTEM].join(', ') }), ctx.usage);
    }
    const profile = await Profile.load(defaultProfileDir(ctx.io.env));
    let settings = profile.settings();
    if (value !== undefined) {
      const change = setting === 'language' ? { language: value === SYSTEM ? null : value } : { name: value };
      settings = await profile.updateSettings(validateArgs('settings.update', change));
    }
    if (ctx.json) {
      printJson(ctx.io.stdout, setting ? { [setting]: settings[setting as keyof Settings] } : settings);
      return EXIT_OK;
    }
    if (setting !== 'name') printLine(ctx.io.stdout, languageLine(ctx.io, settings.language));
    if (setting !== 'language') printLine(ctx.io.stdout, say(ctx.io, settings.name ? text('cli_config_name', { name: settings.name }) : text('cli_config_no_name')));
    return EXIT_OK;
  },
};

function languageLine(io: CliIo, chosen: Locale | null): string {
  return say(io, chosen === null ? text('cli_config_language_system') : text('cli_config_language', { language: LOCALE_NAMES[chosen], code: chosen }));
}
