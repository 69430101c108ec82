// The `cairn` executable (built to out/main/cli.js, started by bin/cairn.mjs): process in, exit code out.
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import type { CliWriter } from './cli-io';
import { runCli } from './run-cli';
import { useImportWorker } from '../core/import/preparer';

// The import worker is built beside this file (out/main/import-worker.js).
useImportWorker(path.join(import.meta.dirname, 'import-worker.js'));

/**
 * A process stream as a CliWriter. When the reader goes away (`cairn list | head`), the rest of
 * the output is dropped quietly and the command still finishes, so an import is never cut short.
 */
function streamWriter(stream: NodeJS.WriteStream): CliWriter {
  let broken = false;
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    broken = true;
  });
  return {
    isTTY: stream.isTTY === true,
    write: (chunk: string) => broken || stream.write(chunk),
    drain: () =>
      new Promise<void>((resolve) => {
        if (broken) return resolve();
        const done = () => {
          for (const event of ['drain', 'close', 'error']) stream.off(event, done);
          resolve();
        };
        for (const event of ['drain', 'close', 'error']) stream.on(event, done);
      }),
  };
}

/** A question on the terminal (stderr, so that stdout stays the command's output); null at end of input. */
async function ask(question: string): Promise<string | null> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await new Promise<string | null>((resolve) => {
      rl.once('close', () => resolve(null));
      void rl.question(`${question} `).then(resolve, () => resolve(null));
    });
  } finally {
    rl.close();
  }
}

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: streamWriter(process.stdout),
  stderr: streamWriter(process.stderr),
  env: process.env,
  cwd: process.cwd(),
  // Only a person at a terminal can answer; a script gets a clear refusal instead of a wait.
  ask: process.stdin.isTTY ? ask : undefined,
});
