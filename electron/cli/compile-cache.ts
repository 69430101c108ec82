// Node's compile cache for the command line: each `cairn` command is a new process, and compiling the
// built code (1.8 MB of JavaScript) took a fifth of a short command's time; with the compiled code
// kept on disk, Node checks it against each file's contents and reuses it (a changed file is
// compiled again). bin/cairn.mjs turns it on before it loads the command line: once that code is
// being loaded it is too late.
//
// Never in the shared temp folder (Node's default): compiled code is run as it is, so it is kept
// only in this user's own cache folder, made private, and not at all when that folder is not.
// NODE_COMPILE_CACHE (Node then uses that folder) and NODE_DISABLE_COMPILE_CACHE are heeded.
import { lstatSync, mkdirSync } from 'node:fs';
import module from 'node:module';
import os from 'node:os';
import path from 'node:path';

/** This user's cache folder for Cairn: ~/.cache/cairn (XDG_CACHE_HOME), ~/Library/Caches/Cairn, %LOCALAPPDATA%\Cairn\Cache. */
export function cacheFolder(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home: string = os.homedir()): string {
  if (platform === 'win32') return path.join(env.LOCALAPPDATA || path.join(home, 'AppData', 'Local'), 'Cairn', 'Cache');
  if (platform === 'darwin') return path.join(home, 'Library', 'Caches', 'Cairn');
  // XDG: a relative XDG_CACHE_HOME is to be ignored.
  const xdg = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(home, '.cache');
  return path.join(xdg, 'cairn');
}

export interface CompileCacheOptions {
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  home?: string;
  /** Who this process runs as (POSIX); the folder must be theirs. */
  uid?: number | null;
  /** Turns the cache on in a folder (Node's module.enableCompileCache; tests give their own). */
  enable?: ((directory: string) => unknown) | undefined;
}

/** Turns Node's compile cache on in a private folder; returns the folder, or null when it stays off. Never throws. */
export function enablePrivateCompileCache(options: CompileCacheOptions = {}): string | null {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const enable = 'enable' in options ? options.enable : (module as { enableCompileCache?: (directory: string) => unknown }).enableCompileCache;
  if (!enable || env.NODE_COMPILE_CACHE || env.NODE_DISABLE_COMPILE_CACHE) return null;
  try {
    const dir = path.join(cacheFolder(env, platform, options.home ?? os.homedir()), 'node-compile-cache');
    mkdirSync(path.dirname(dir), { recursive: true, mode: 0o700 });
    try {
      mkdirSync(dir, { mode: 0o700 });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    if (platform !== 'win32') {
      const uid = options.uid === undefined ? (process.getuid?.() ?? null) : options.uid;
      // The folder itself (not where a link leads), a folder, this user's, and nobody else's to change;
      // the same of the folder it is in, or another could put their own in its place.
      for (const folder of [dir, path.dirname(dir)]) {
        const st = lstatSync(folder);
        if (!st.isDirectory() || (uid !== null && st.uid !== uid) || (st.mode & 0o022) !== 0) return null;
      }
    }
    enable(dir);
    return dir;
  } catch {
    // A quiet optimisation: a home folder that cannot be written runs without it.
    return null;
  }
}
