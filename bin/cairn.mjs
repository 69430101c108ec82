#!/usr/bin/env node
// Starts the built `cairn` command line (out/main/cli.js, made by `npm run build`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = new URL('../out/main/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(cli))) {
  process.stderr.write('cairn: the command line is not built yet; run `npm run build` in the Cairn folder first.\n');
  process.exit(1);
}
await import(cli.href);
