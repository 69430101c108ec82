// The `cairn` command line: parses argv, runs one command against an archive folder, and returns
// the exit code (0 done, 1 a user error with a one-line message, 2 a usage error).
import path from 'node:path';
import { APP_NAME, APP_VERSION } from '../core/workspace';
import { EXIT_OK, printJson, printLine, reportError, say, UsageError, type CliIo } from './cli-io';
import { localeFromEnv, type Locale } from '../common/i18n/locale';
import { text } from '../common/i18n/text';
import type { Command } from './command';
import { configCommand } from './commands/config';
import { exportCommand } from './commands/export';
import { importCommand } from './commands/import';
import { initCommand } from './commands/init';
import { listCommand } from './commands/list';
import { searchCommand } from './commands/search';
import { setCommand, tagCommand, untagCommand } from './commands/edit-record';
import { bulkCommand } from './commands/bulk';
import { tagsCommand } from './commands/tags';
import { vocabCommand } from './commands/vocab';
import { searchesCommand } from './commands/searches';
import { showCommand } from './commands/show';
import { statsCommand } from './commands/stats';
import { unlockCommand } from './commands/unlock';
import { backupCommand } from './commands/backup';
import { verifyCommand } from './commands/verify';
import { verifyBagCommand } from './commands/verify-bag';
import { repairCommand } from './commands/repair';
import { copyCommand } from './commands/copy';
import { historyCommand, queueCommand, redoCommand, restoreCommand, reviewCommand, undoCommand } from './commands/review';
import { annotateCommand, notesCommand } from './commands/annotate';
import { entitiesCommand } from './commands/entities';
import { redecodeCommand } from './commands/redecode';
import { parseArgv } from './parse-argv';

export type { CliIo } from './cli-io';

export const COMMANDS: readonly Command[] = [
  initCommand,
  importCommand,
  listCommand,
  showCommand,
  searchCommand,
  searchesCommand,
  tagCommand,
  untagCommand,
  setCommand,
  bulkCommand,
  tagsCommand,
  vocabCommand,
  redecodeCommand,
  annotateCommand,
  notesCommand,
  entitiesCommand,
  reviewCommand,
  queueCommand,
  historyCommand,
  restoreCommand,
  undoCommand,
  redoCommand,
  exportCommand,
  statsCommand,
  backupCommand,
  verifyCommand,
  verifyBagCommand,
  repairCommand,
  copyCommand,
  unlockCommand,
  configCommand,
];

const GLOBAL_SYNOPSIS = '[--data-dir DIR] [--json]';

export function commandUsage(command: Command | null, locale: Locale = 'en'): string {
  const io = { locale };
  if (!command) return say(io, text('cli_usage_global', { synopsis: `cairn ${GLOBAL_SYNOPSIS} COMMAND [ARGS…]` }));
  return say(io, text('cli_usage', { synopsis: `cairn ${command.name}${command.synopsis ? ` ${command.synopsis}` : ''} ${GLOBAL_SYNOPSIS}` }));
}

export function fullHelp(locale: Locale = 'en'): string {
  const io = { locale };
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 2;
  return [
    say(io, text('cli_help_title', { version: APP_VERSION, app: APP_NAME })),
    '',
    commandUsage(null, locale),
    '',
    say(io, text('cli_help_commands')),
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}${say(io, { key: c.summary })}`),
    '',
    say(io, text('cli_help_global_options')),
    '',
    say(io, text('cli_help_footer')),
  ].join('\n');
}

function commandHelp(command: Command, locale: Locale): string {
  const io = { locale };
  return [`cairn ${command.name}: ${say(io, { key: command.summary })}`, '', commandUsage(command, locale), ...(command.details ? ['', say(io, command.details).replace(/^/gm, '  ')] : [])].join('\n');
}

/** Runs one command line; human-readable output speaks the language LC_ALL, LC_MESSAGES or LANG names. */
export async function runCli(argv: string[], streams: Omit<CliIo, 'locale'>): Promise<number> {
  const io: CliIo = { ...streams, locale: localeFromEnv(streams.env) };
  const usageOf = (command: Command | null) => commandUsage(command, io.locale);
  let json = argv.includes('--json');
  try {
    const parsed = parseArgv(argv, COMMANDS, usageOf);
    json = parsed.options.json === true;
    if (parsed.options.version) {
      if (json) printJson(io.stdout, { name: 'cairn', version: APP_VERSION });
      else printLine(io.stdout, `cairn ${APP_VERSION}`);
      return EXIT_OK;
    }
    if (parsed.commandName === 'help') {
      const topic = COMMANDS.find((c) => c.name === parsed.positionals[0]);
      printLine(io.stdout, topic ? commandHelp(topic, io.locale) : fullHelp(io.locale));
      return EXIT_OK;
    }
    if (parsed.options.help) {
      printLine(io.stdout, parsed.command ? commandHelp(parsed.command, io.locale) : fullHelp(io.locale));
      return EXIT_OK;
    }
    if (!parsed.command) {
      const message = parsed.commandName === null ? text('cli_which_command') : text('cli_no_such_command', { name: parsed.commandName });
      throw new UsageError(message, usageOf(null));
    }
    const given = typeof parsed.options['data-dir'] === 'string' ? parsed.options['data-dir'] : io.env.CAIRN_DATA_DIR;
    return await parsed.command.run({
      io,
      json,
      dataDir: given ? path.resolve(io.cwd, given) : null,
      positionals: parsed.positionals,
      options: parsed.options,
      app: `${APP_NAME} ${APP_VERSION} (cairn ${parsed.command.name})`,
      usage: usageOf(parsed.command),
    });
  } catch (e) {
    return reportError(io, json, e);
  }
}
