// Reading the archive's own small files: regular files only, at once, never past the limit.
import { execFileSync } from 'node:child_process';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempFolders } from '../testing/fixtures';
import { readSmallFile, readSmallFileWithStats } from './read-small-file';

const tempFolder = useTempFolders();

describe('readSmallFile', () => {
  it('reads a regular file, also behind a link, with the stats of the file read', async () => {
    const dir = await tempFolder();
    await writeFile(path.join(dir, 'a.json'), '{"a":1}');
    await symlink(path.join(dir, 'a.json'), path.join(dir, 'link.json'));
    expect((await readSmallFile(path.join(dir, 'link.json'), 'link.json', 100)).toString()).toBe('{"a":1}');
    const { bytes, stats } = await readSmallFileWithStats(path.join(dir, 'a.json'), 'a.json', 100);
    expect([bytes.length, stats.size]).toEqual([7, 7]);
  });

  it('refuses a named pipe, a device and a folder at once with E_NOT_A_FILE, saying what each is', { timeout: 5000 }, async () => {
    const dir = await tempFolder();
    execFileSync('mkfifo', [path.join(dir, 'pipe')]);
    await symlink('/dev/zero', path.join(dir, 'zero'));
    await mkdir(path.join(dir, 'folder'));
    await expect(readSmallFile(path.join(dir, 'pipe'), 'pipe', 100)).rejects.toMatchObject({ code: 'E_NOT_A_FILE', message: 'pipe is a named pipe, not a file' });
    await expect(readSmallFile(path.join(dir, 'zero'), 'zero', 100)).rejects.toMatchObject({ code: 'E_NOT_A_FILE', message: 'zero is a device (like /dev/zero), not a file' });
    await expect(readSmallFile(path.join(dir, 'folder'), 'folder', 100)).rejects.toMatchObject({ code: 'E_NOT_A_FILE', message: 'folder is a folder, not a file' });
  });

  it('refuses a file over the limit with E_TOO_LARGE, and passes a missing file’s ENOENT through', async () => {
    const dir = await tempFolder();
    await writeFile(path.join(dir, 'big'), 'x'.repeat(101));
    await expect(readSmallFile(path.join(dir, 'big'), 'big', 100)).rejects.toMatchObject({ code: 'E_TOO_LARGE' });
    expect((await readSmallFile(path.join(dir, 'big'), 'big', 101)).length).toBe(101);
    await expect(readSmallFile(path.join(dir, 'missing'), 'missing', 100)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
