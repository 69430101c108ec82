// `npm start`: build, then open the desktop app; where Electron cannot run, serve web mode instead.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// The V8 flags the app's main process runs with (see electron/common/v8-flags.ts).
const V8_FLAGS = JSON.parse(readFileSync(path.join(root, 'electron', 'common', 'v8-flags.json'), 'utf8'));
const args = process.argv.slice(2);
const electronDir = path.join(root, 'node_modules', 'electron');

function electronBinary() {
  const pathFile = path.join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = path.join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

/** Electron ≥ 42 fetches its runtime on first use; try once, quietly, and report why it failed. */
function obtainElectron() {
  const existing = electronBinary();
  if (existing) return { binary: existing };
  if (!existsSync(path.join(electronDir, 'install.js'))) return { why: 'the electron package is not installed' };
  const result = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], { stdio: 'pipe', timeout: 180_000 });
  const binary = electronBinary();
  if (binary) return { binary };
  const detail = `${result.stderr ?? ''}`.split('\n').find((l) => /Error|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|timed out/i.test(l)) ?? 'the download failed';
  return { why: `its runtime could not be downloaded (${detail.trim().slice(0, 120)})` };
}

const messages = spawnSync(process.execPath, [path.join(root, 'scripts', 'compile-messages.mjs')], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
const build = messages.status !== 0 ? messages : spawnSync(process.execPath, [path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
});
if (build.status !== 0) {
  console.error('Cairn could not be built; see the errors above.');
  process.exit(1);
}

const electron = obtainElectron();
const headless = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
let child;
if (electron.binary && !headless) {
  // V8's flags for the main process go on Electron's command line (electron/common/v8-flags.ts).
  child = spawn(electron.binary, [`--js-flags=${V8_FLAGS.join(' ')}`, root, ...args], { cwd: root, stdio: 'inherit' });
} else {
  const why = electron.binary ? 'there is no display on this machine' : `the Electron runtime is not available here: ${electron.why}`;
  console.log(`Cairn cannot open its desktop window because ${why}; serving the same app in web mode instead.`);
  child = spawn(process.execPath, [...V8_FLAGS, path.join(root, 'out', 'main', 'web.js'), ...args], { cwd: root, stdio: 'inherit' });
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
