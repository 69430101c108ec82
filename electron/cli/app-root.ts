// Finds the Cairn project folder (where data/sample lives) from wherever this code runs:
// out/main/cli.js once built, electron/cli/ under vitest or tsx.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Walks up from `start` to the first folder whose package.json is named "cairn". */
export function findAppRoot(start: string = path.dirname(fileURLToPath(import.meta.url))): string | null {
  let dir = path.resolve(start);
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === 'cairn') return dir;
      } catch {
        // an unreadable package.json is not ours; keep walking
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}
