// Reading a file named for import: only regular files, never blocking, never more than the limit.
import { execFileSync } from 'node:child_process';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempFolders } from '../testing/fixtures';
import { readImportFile } from './read-import-file';

const tempFolder = useTempFolders();

describe('readImportFile', () => {
  it('reads a regular file, and one behind a symbolic link', async () => {
    const dir = await tempFolder();
    await writeFile(path.join(dir, 'a.txt'), 'Field notes');
    await symlink(path.join(dir, 'a.txt'), path.join(dir, 'link.txt'));
    expect(Buffer.from(await readImportFile(path.join(dir, 'a.txt'), 'a.txt')).toString()).toBe('Field notes');
    expect(Buffer.from(await readImportFile(path.join(dir, 'link.txt'), 'link.txt')).toString()).toBe('Field notes');
  });

  it('refuses a named pipe at once instead of waiting forever for a writer', { timeout: 5000 }, async () => {
    const fifo = path.join(await tempFolder(), 'f.txt');
    execFileSync('mkfifo', [fifo]);
    await expect(readImportFile(fifo, 'f.txt')).rejects.toMatchObject({ code: 'E_NOT_A_FILE', message: expect.stringContaining('named pipe') as string });
  });

  it('refuses a device behind a .txt link (/dev/zero never ends, and stat says its size is 0)', { timeout: 5000 }, async () => {
    const link = path.join(await tempFolder(), 'zero.txt');
    await symlink('/dev/zero', link);
    await expect(readImportFile(link, 'zero.txt')).rejects.toMatchObject({ code: 'E_NOT_A_FILE', message: expect.stringContaining('device') as string });
  });

  it('refuses a folder named like a file', async () => {
    const folder = path.join(await tempFolder(), 'notes.txt');
    await mkdir(folder);
    await expect(readImportFile(folder, 'notes.txt')).rejects.toMatchObject({ code: 'E_NOT_A_FILE', message: expect.stringContaining('folder') as string });
  });

  it('says a symbolic link loop in words', async () => {
    const dir = await tempFolder();
    await symlink(path.join(dir, 'b.txt'), path.join(dir, 'a.txt'));
    await symlink(path.join(dir, 'a.txt'), path.join(dir, 'b.txt'));
    const error = await readImportFile(path.join(dir, 'a.txt'), 'a.txt').catch((e: Error) => e);
    expect(error).toMatchObject({ code: 'E_NOT_A_FILE' });
    expect((error as Error).message).toMatch(/a\.txt is a symbolic link that leads round in a loop/);
    expect((error as Error).message).not.toContain('ELOOP');
  });

  it('enforces the size limit while reading, not only from stat (a /proc file is regular, and stat says 0 bytes)', async () => {
    await expect(readImportFile('/proc/self/status', 'status', 64)).rejects.toMatchObject({ code: 'E_TOO_LARGE' });
    const big = path.join(await tempFolder(), 'big.txt');
    await writeFile(big, 'x'.repeat(100));
    await expect(readImportFile(big, 'big.txt', 99)).rejects.toMatchObject({ code: 'E_TOO_LARGE' });
    expect((await readImportFile(big, 'big.txt', 100)).length).toBe(100);
  });

  it('says a missing file does not exist', async () => {
    await expect(readImportFile(path.join(await tempFolder(), 'gone.txt'), 'gone.txt')).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
  });
});
