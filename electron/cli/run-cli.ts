// The `cairn` command line: parses argv, runs one command against an archive folder, and returns
// the exit code (0 done, 1 a user error with a one-line message, 2 a usage error).
import path from 'node:path';
import { APP_NAME, APP_VERSION } from '../core/workspace';
import { EXIT_OK, printJson, printLine, reportError, UsageError, type CliIo } from './cli-io';
import type { Command } from './command';
import { exportCommand } from './commands/export';
import { importCommand } from './commands/import';
import { initCommand } from './commands/init';
import { listCommand } from './commands/list';
import { searchCommand } from './commands/search';
import { setCommand, tagCommand, untagCommand } from './commands/edit-record';
import { showCommand } from './commands/show';
import { statsCommand } from './commands/stats';
import { unlockCommand } from './commands/unlock';
import { parseArgv } from './parse-argv';

export type { CliIo } from './cli-io';

export const COMMANDS: readonly Command[] = [
  initCommand,
  importCommand,
  listCommand,
  showCommand,
  searchCommand,
  tagCommand,
  untagCommand,
  setCommand,
  exportCommand,
  statsCommand,
  unlockCommand,
];

const GLOBAL_SYNOPSIS = '[--data-dir DIR] [--json]';

export function commandUsage(command: Command | null): string {
  if (!command) return `Usage: cairn ${GLOBAL_SYNOPSIS} COMMAND [ARGS…]   (cairn --help lists the commands)`;
  return `Usage: cairn ${command.name}${command.synopsis ? ` ${command.synopsis}` : ''} ${GLOBAL_SYNOPSIS}`;
}

export function fullHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 2;
  return [
    `cairn ${APP_VERSION}: the ${APP_NAME} archive from the command line`,
    '',
    commandUsage(null),
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    '',
    'Options for every command:',
    '  --data-dir DIR  the archive folder (or set CAIRN_DATA_DIR)',
    '  --json          machine-readable output on stdout',
    '  -h, --help      help; `cairn COMMAND --help` for one command',
    '  --version       print the version',
    '',
    'Exit codes: 0 done, 1 the command failed (message on stderr), 2 the command line was wrong.',
    'Reading commands (list, show, search, export, stats) work while the Cairn app has the archive open;',
    'changing commands (import, tag, untag, set) need it closed there.',
  ].join('\n');
}

function commandHelp(command: Command): string {
  return [`cairn ${command.name}: ${command.summary}`, '', commandUsage(command), ...(command.details ? ['', command.details] : [])].join('\n');
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let json = argv.includes('--json');
  try {
    const parsed = parseArgv(argv, COMMANDS, commandUsage);
    json = parsed.options.json === true;
    if (parsed.options.version) {
      if (json) printJson(io.stdout, { name: 'cairn', version: APP_VERSION });
      else printLine(io.stdout, `cairn ${APP_VERSION}`);
      return EXIT_OK;
    }
    if (parsed.commandName === 'help') {
      const topic = COMMANDS.find((c) => c.name === parsed.positionals[0]);
      printLine(io.stdout, topic ? commandHelp(topic) : fullHelp());
      return EXIT_OK;
    }
    if (parsed.options.help) {
      printLine(io.stdout, parsed.command ? commandHelp(parsed.command) : fullHelp());
      return EXIT_OK;
    }
    if (!parsed.command) {
      const message = parsed.commandName === null ? 'Which command? For example `cairn list`.' : `There is no command “${parsed.commandName}”; \`cairn --help\` lists them.`;
      throw new UsageError(message, commandUsage(null));
    }
    const given = typeof parsed.options['data-dir'] === 'string' ? parsed.options['data-dir'] : io.env.CAIRN_DATA_DIR;
    return await parsed.command.run({
      io,
      json,
      dataDir: given ? path.resolve(io.cwd, given) : null,
      positionals: parsed.positionals,
      options: parsed.options,
      app: `${APP_NAME} ${APP_VERSION} (cairn ${parsed.command.name})`,
      usage: commandUsage(parsed.command),
    });
  } catch (e) {
    return reportError(io, json, e);
  }
}
