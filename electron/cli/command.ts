// The shape every `cairn` command has: its usage, its own options, and what it does.
import type { ParseArgsConfig } from 'node:util';
import type { CliIo } from './cli-io';
import type { LocalText, MessageKey } from '../common/i18n/text';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;
export type OptionValues = Record<string, string | boolean | string[] | undefined>;

export interface CommandContext {
  io: CliIo;
  /** --json: machine-readable output on stdout. */
  json: boolean;
  /** The archive folder (--data-dir or CAIRN_DATA_DIR), absolute; null when neither was given. */
  dataDir: string | null;
  positionals: string[];
  options: OptionValues;
  /** Names this process in the archive's lock file. */
  app: string;
  /** This command's usage line, for usage errors. */
  usage: string;
}

export interface Command {
  name: string;
  /** One line for `cairn --help`. */
  /** One line for `cairn --help`, from the catalogue. */
  summary: MessageKey;
  /** The arguments after the command's name, e.g. "QUERY [--limit N]". */
  synopsis: string;
  /** Longer help for `cairn COMMAND --help`: one line per option. */
  /** The options, for `cairn COMMAND --help`, from the catalogue. */
  details?: LocalText;
  options: OptionSpec;
  run(ctx: CommandContext): Promise<number>;
}
