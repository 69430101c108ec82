// Compiles messages/<locale>.json (the catalogue, one file per language) into plain functions under
// electron/common/i18n/paraglide/, which the renderer, the core and the CLI import. The output is
// generated, so it is not committed; build, typecheck, unit tests, start and bench run this first.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile } from '@inlang/paraglide-js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const started = Date.now();
await compile({
  project: path.join(root, 'project.inlang'),
  outdir: path.join(root, 'electron', 'common', 'i18n', 'paraglide'),
  // Cairn picks the locale itself (Settings, LANG); nothing may touch cookies, URLs or storage.
  strategy: ['globalVariable', 'baseLocale'],
  emitTsDeclarations: true,
  emitReadme: false,
  emitPrettierIgnore: false,
});
if (process.argv.includes('--verbose')) console.log(`messages compiled in ${Date.now() - started} ms`);
