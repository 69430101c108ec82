#!/usr/bin/env node
// Starts the built `cairn` command line (out/main/cli.js, made by `npm run build`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = new URL('../out/main/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(cli))) {
  process.stderr.write('cairn: the command line is not built yet; run `npm run build` in the Cairn folder first.\n');
  process.exit(1);
}
// Node's compile cache first, in this user's private cache folder (electron/cli/compile-cache.ts):
// each command is a new process, and compiling the command line took a fifth of a short one's time.
try {
  const { enablePrivateCompileCache } = await import(new URL('../out/main/compile-cache.js', import.meta.url).href);
  enablePrivateCompileCache();
} catch {
  // A quiet optimisation: the command line runs the same without it.
}
await import(cli.href);
