// Reads argv: global options anywhere, then the command and its own options (node:util parseArgs).
import { parseArgs } from 'node:util';
import { UsageError } from './cli-io';
import { text } from '../common/i18n/text';
import type { Command, OptionSpec, OptionValues } from './command';

export const GLOBAL_OPTIONS = {
  'data-dir': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} satisfies OptionSpec;

export interface ParsedArgv {
  command: Command | null;
  /** The command word as typed (may name no command). */
  commandName: string | null;
  positionals: string[];
  options: OptionValues;
}

/**
 * Two passes: a lenient one that knows every option's type (so `--data-dir X list` finds "list",
 * not "X") to find the command, then a strict one with the global and that command's options.
 */
export function parseArgv(argv: string[], commands: readonly Command[], usage: (c: Command | null) => string): ParsedArgv {
  const everyOption: OptionSpec = { ...GLOBAL_OPTIONS };
  for (const c of commands) Object.assign(everyOption, c.options);
  const { tokens } = parseArgs({ args: argv, options: everyOption, strict: false, allowPositionals: true, tokens: true });
  const first = tokens.find((t) => t.kind === 'positional');
  const commandName = first?.kind === 'positional' ? first.value : null;
  const command = commands.find((c) => c.name === commandName) ?? null;

  const options: OptionSpec = { ...GLOBAL_OPTIONS, ...(command?.options ?? {}) };
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, strict: true, allowPositionals: true });
  } catch (e) {
    throw new UsageError(text('cli_bad_command_line', { detail: plainParseMessage((e as Error).message) }), usage(command));
  }
  const positionals = [...parsed.positionals];
  // The command word is the first positional; what follows belongs to the command.
  if (commandName !== null) positionals.shift();
  return { command, commandName, positionals, options: parsed.values as OptionValues };
}

/** parseArgs' messages mention "To specify a positional argument starting with a '-'…": keep the first sentence. */
function plainParseMessage(message: string): string {
  const first = message.split(/\.\s/)[0] ?? message;
  return first.endsWith('.') ? first : `${first}.`;
}
