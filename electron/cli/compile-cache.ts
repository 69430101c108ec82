// Node's compile cache for the command line: each `cairn` command is a new process, and compiling the
// built code (1.8 MB of JavaScript) took a fifth of a short command's time; with the compiled code
// kept on disk, Node checks it against each file's contents and reuses it (a changed file is
// compiled again). bin/cairn.mjs turns it on before it loads the command line: once that code is
// being loaded it is too late.
//
// Never in the shared temp folder (Node's default): compiled code is run as it is, so it is kept
// only in this user's own cache folder (made with no access for others when it is made), and not at
// all where another user could change that folder or the ones holding it (on POSIX systems: Windows'
// local application data is the user's own). NODE_COMPILE_CACHE (Node then uses that folder) and
// NODE_DISABLE_COMPILE_CACHE are heeded.
import { lstatSync, mkdirSync, statSync } from 'node:fs';
import module from 'node:module';
import os from 'node:os';
import path from 'node:path';

/** This user's cache folder for Cairn: ~/.cache/cairn (XDG_CACHE_HOME), ~/Library/Caches/Cairn, %LOCALAPPDATA%\Cairn\Cache. */
export function cacheFolder(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home: string = os.homedir()): string {
  if (platform === 'win32') return path.win32.join(env.LOCALAPPDATA || path.win32.join(home, 'AppData', 'Local'), 'Cairn', 'Cache');
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Caches', 'Cairn');
  // XDG: a relative XDG_CACHE_HOME is to be ignored.
  const xdg = env.XDG_CACHE_HOME && path.posix.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.posix.join(home, '.cache');
  return path.posix.join(xdg, 'cairn');
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
    const home = options.home ?? os.homedir();
    const uid = platform === 'win32' ? null : options.uid === undefined ? (process.getuid?.() ?? null) : options.uid;
    // A home folder that is not this user's (sudo keeping HOME): nothing is made in it.
    if (uid !== null && statSync(home).uid !== uid) return null;
    const dir = path.join(cacheFolder(env, platform, home), 'node-compile-cache');
    mkdirSync(path.dirname(dir), { recursive: true, mode: 0o700 });
    try {
      mkdirSync(dir, { mode: 0o700 });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    if (uid !== null) {
      // The folder itself (not where a link leads), a folder, this user's, and nobody else's to change;
      // the same of the folder it is in, or another could put their own in its place; and the one
      // above that nobody else's to change either, unless only owners may remove what is in it (sticky).
      for (const folder of [dir, path.dirname(dir)]) {
        const st = lstatSync(folder);
        if (!st.isDirectory() || st.uid !== uid || (st.mode & 0o022) !== 0) return null;
      }
      const above = lstatSync(path.dirname(path.dirname(dir)));
      if (!above.isDirectory() || ((above.mode & 0o022) !== 0 && (above.mode & 0o1000) === 0)) return null;
    }
    enable(dir);
    return dir;
  } catch {
    // A quiet optimisation: a home folder that cannot be written runs without it.
    return null;
  }
}
