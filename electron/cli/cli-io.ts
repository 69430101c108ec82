// What a CLI run talks to: its output streams, environment and working folder (process values in
// production, string collectors in tests), and the one way errors leave the CLI.
import type { ErrorCode, LocalText, QueryProblem } from '../contract';
import type { Locale } from '../common/i18n/locale';
import { renderText } from '../common/i18n/text';
import { toErrorShape } from '../core/errors';
import { queryProblem } from '../core/query/run-query';

export interface CliWriter {
  /** Returns false when the caller should wait for drain() before writing more (streams). */
  write(chunk: string): unknown;
  drain?(): Promise<void>;
  /** A terminal: progress may be drawn on it. */
  isTTY?: boolean;
}

export interface CliIo {
  stdout: CliWriter;
  stderr: CliWriter;
  env: Record<string, string | undefined>;
  cwd: string;
  /** The language of human-readable output (LC_ALL, LC_MESSAGES, LANG); --json never changes with it. */
  locale: Locale;
  /** Asks the person a question and returns their answer; absent when nobody can answer (no terminal). */
  ask?: (question: string) => Promise<string | null>;
}

/** Words in the command line's language. */
export function say(io: Pick<CliIo, 'locale'>, said: LocalText | string): string {
  return typeof said === 'string' ? said : renderText(said, io.locale);
}

/** A mistake in how the command was typed (unknown command or option, missing argument): exit 2. */
export class UsageError extends Error {
  /** The usage line shown under the message. */
  readonly usage: string;
  readonly text: LocalText | string;
  constructor(said: LocalText | string, usage: string) {
    super(typeof said === 'string' ? said : renderText(said));
    this.text = said;
    this.name = 'UsageError';
    this.usage = usage;
  }
}

/** A query that cannot be read (an unclosed quote, an unknown field…): exit 2, with a caret under the place. */
export class QueryError extends Error {
  constructor(
    readonly problem: QueryProblem,
    readonly query: string,
  ) {
    super(problem.message);
    this.name = 'QueryError';
  }
}

/** The code a --json error object carries: the core's codes, plus E_USAGE for exit-2 mistakes and E_QUERY for a query that cannot be read. */
export type CliErrorCode = ErrorCode | 'E_USAGE' | 'E_QUERY';

export const EXIT_OK = 0;
export const EXIT_USER_ERROR = 1;
export const EXIT_USAGE = 2;

export function printLine(w: CliWriter, line = ''): void {
  w.write(`${line}\n`);
}

export function printJson(w: CliWriter, value: unknown): void {
  w.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** One line, no line breaks inside: a message from the core may quote a file's text. */
const oneLine = (s: string) => s.replace(/\s*[\r\n]+\s*/g, ' ').trim();

/**
 * Reports a failure and returns the exit code: always one line on stderr; with --json, also
 * {"error":{code,message}} on stdout so that a script reading stdout sees why nothing came.
 */
export function reportError(io: CliIo, json: boolean, error: unknown): number {
  if (error instanceof QueryError) {
    const { problem, query } = error;
    printLine(io.stderr, `cairn: ${oneLine(say(io, problem.text))}`);
    // The query again, with the place marked under it (the query on one line, as typed).
    printLine(io.stderr, `  ${query.replace(/[\r\n\t]/g, ' ')}`);
    printLine(io.stderr, `  ${' '.repeat(problem.at)}${'^'.repeat(Math.max(1, Math.min(problem.length, query.length - problem.at || 1)))}`);
    if (json) printJson(io.stdout, { error: { code: 'E_QUERY' satisfies CliErrorCode, message: oneLine(problem.message), at: problem.at, length: problem.length } });
    return EXIT_USAGE;
  }
  if (error instanceof UsageError) {
    printLine(io.stderr, `cairn: ${oneLine(say(io, error.text))}`);
    printLine(io.stderr, error.usage);
    if (json) printJson(io.stdout, { error: { code: 'E_USAGE' satisfies CliErrorCode, message: oneLine(error.message) } });
    return EXIT_USAGE;
  }
  const shape = toErrorShape(error);
  printLine(io.stderr, `cairn: ${oneLine(shape.text ? say(io, shape.text) : shape.message)}`);
  if (json) printJson(io.stdout, { error: { code: shape.code, message: oneLine(shape.message) } });
  return EXIT_USER_ERROR;
}

/** Writes a chunk, waiting for the writer to drain when it asks (large exports to a pipe). */
export async function writeChunk(w: CliWriter, chunk: string): Promise<void> {
  if (w.write(chunk) === false && w.drain) await w.drain();
}

/** Refuses a query that cannot be read before anything is opened or waited for. */
export function checkQuery(query: string | undefined): void {
  const problem = query === undefined ? null : queryProblem(query);
  if (problem) throw new QueryError(problem, query!);
}
