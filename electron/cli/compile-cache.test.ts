import { chmodSync, existsSync, mkdirSync, statSync, symlinkSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cacheFolder, enablePrivateCompileCache } from './compile-cache';

const folders: string[] = [];
afterEach(async () => {
  for (const f of folders.splice(0)) await rm(f, { recursive: true, force: true });
});

async function home(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cairn-compile-cache-'));
  folders.push(dir);
  return dir;
}

/** Turns the cache on as the CLI does, in `dir` as the home folder, noting where it was turned on. */
function enableIn(dir: string, env: NodeJS.ProcessEnv = {}) {
  const enabled: string[] = [];
  const result = enablePrivateCompileCache({ env, platform: 'linux', home: dir, enable: (d) => enabled.push(d) });
  return { result, enabled };
}

describe('the command line’s compile cache', () => {
  it('is each system’s cache folder for this user', () => {
    expect(cacheFolder({}, 'linux', '/home/a')).toBe('/home/a/.cache/cairn');
    expect(cacheFolder({ XDG_CACHE_HOME: '/var/cache/a' }, 'linux', '/home/a')).toBe('/var/cache/a/cairn');
    expect(cacheFolder({ XDG_CACHE_HOME: 'relative' }, 'linux', '/home/a')).toBe('/home/a/.cache/cairn');
    expect(cacheFolder({}, 'darwin', '/Users/a')).toBe('/Users/a/Library/Caches/Cairn');
    expect(cacheFolder({ LOCALAPPDATA: 'C:\\Users\\a\\AppData\\Local' }, 'win32', 'C:\\Users\\a')).toBe('C:\\Users\\a\\AppData\\Local\\Cairn\\Cache');
    expect(cacheFolder({}, 'win32', 'C:\\Users\\a')).toBe('C:\\Users\\a\\AppData\\Local\\Cairn\\Cache');
  });

  it.skipIf(process.platform === 'win32')('is turned on in a folder made private, never in the shared temp folder', async () => {
    const dir = await home();
    const { result, enabled } = enableIn(dir);
    const expected = path.join(dir, '.cache', 'cairn', 'node-compile-cache');
    expect(result).toBe(expected);
    expect(enabled).toEqual([expected]);
    expect(statSync(expected).mode & 0o777).toBe(0o700);
    expect(statSync(path.dirname(expected)).mode & 0o777).toBe(0o700);
    // Again: the folder is there, and used.
    expect(enableIn(dir).enabled).toEqual([expected]);
  });

  it.skipIf(process.platform === 'win32')('stays off when another could change the folder or its parent, or it is a link', async () => {
    const open = await home();
    mkdirSync(path.join(open, '.cache', 'cairn', 'node-compile-cache'), { recursive: true });
    chmodSync(path.join(open, '.cache', 'cairn', 'node-compile-cache'), 0o777);
    expect(enableIn(open)).toEqual({ result: null, enabled: [] });

    const parentOpen = await home();
    mkdirSync(path.join(parentOpen, '.cache', 'cairn'), { recursive: true });
    chmodSync(path.join(parentOpen, '.cache', 'cairn'), 0o777);
    expect(enableIn(parentOpen)).toEqual({ result: null, enabled: [] });

    const linked = await home();
    const elsewhere = await home();
    mkdirSync(path.join(linked, '.cache', 'cairn'), { recursive: true, mode: 0o700 });
    symlinkSync(elsewhere, path.join(linked, '.cache', 'cairn', 'node-compile-cache'));
    expect(enableIn(linked)).toEqual({ result: null, enabled: [] });

    const notMine = await home();
    expect(enablePrivateCompileCache({ env: {}, platform: 'linux', home: notMine, uid: (process.getuid?.() ?? 0) + 1, enable: () => undefined })).toBeNull();
    expect(existsSync(path.join(notMine, '.cache'))).toBe(false); // nothing made in a home that is not this user's

    // ~/.cache open to others, and not sticky: another could put their own cairn folder there.
    const openAbove = await home();
    mkdirSync(path.join(openAbove, '.cache'));
    chmodSync(path.join(openAbove, '.cache'), 0o777);
    expect(enableIn(openAbove)).toEqual({ result: null, enabled: [] });
    chmodSync(path.join(openAbove, '.cache'), 0o1777); // sticky, as /tmp: only owners remove what is theirs
    expect(enableIn(openAbove).result).toBe(path.join(openAbove, '.cache', 'cairn', 'node-compile-cache'));
  });

  it('stays off where the person said so, or the folder cannot be made', async () => {
    const dir = await home();
    expect(enableIn(dir, { NODE_DISABLE_COMPILE_CACHE: '1' })).toEqual({ result: null, enabled: [] });
    expect(enableIn(dir, { NODE_COMPILE_CACHE: path.join(dir, 'elsewhere') })).toEqual({ result: null, enabled: [] });
    expect(enablePrivateCompileCache({ env: {}, platform: 'linux', home: dir, enable: undefined })).toBeNull();
    // A file where the cache folder would be.
    const blocked = await home();
    mkdirSync(path.join(blocked, '.cache'), { recursive: true });
    await import('node:fs/promises').then((fs) => fs.writeFile(path.join(blocked, '.cache', 'cairn'), 'not a folder'));
    expect(enableIn(blocked)).toEqual({ result: null, enabled: [] });
  });
});
