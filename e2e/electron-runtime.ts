// Whether this machine can run the Electron-mode e2e tests, found without triggering electron's download.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const electronDir = path.resolve(import.meta.dirname, '..', 'node_modules', 'electron');

export function findElectron(): { path: string } | { missing: string } {
  const pathFile = path.join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return { missing: 'the Electron runtime was never downloaded (no node_modules/electron/path.txt) and this machine cannot fetch it' };
  const binary = path.join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  if (!existsSync(binary)) return { missing: `the Electron binary is missing (${binary})` };
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { missing: 'there is no display (run under xvfb-run to test the desktop window)' };
  }
  return { path: binary };
}
