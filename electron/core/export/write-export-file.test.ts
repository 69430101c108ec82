// Writing an export file: whole or not at all, never replacing a file unless asked.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeExportFile } from './write-export-file';
import { useTempFolders } from '../testing/fixtures';

const tempFolder = useTempFolders();

describe('writeExportFile', () => {
  it('writes every chunk and returns the byte count', async () => {
    const target = path.join(await tempFolder(), 'out.json');
    const { bytes } = await writeExportFile(target, ['{"name":', '"Jenča"', '}'], { replace: false });
    expect(await readFile(target, 'utf8')).toBe('{"name":"Jenča"}');
    expect(bytes).toBe(Buffer.byteLength('{"name":"Jenča"}'));
  });

  it('leaves an existing file untouched unless replace is given', async () => {
    const dir = await tempFolder();
    const target = path.join(dir, 'out.json');
    await writeFile(target, 'the old export');
    await expect(writeExportFile(target, ['new'], { replace: false })).rejects.toMatchObject({ code: 'E_VALIDATION' });
    expect(await readFile(target, 'utf8')).toBe('the old export');
    expect(await readdir(dir)).toEqual(['out.json']);
    await writeExportFile(target, ['new'], { replace: true });
    expect(await readFile(target, 'utf8')).toBe('new');
  });

  it('keeps the old file and leaves no temp file when the export fails half-way', async () => {
    const dir = await tempFolder();
    const target = path.join(dir, 'out.json');
    await writeFile(target, 'the old export');
    function* failing() {
      yield '{"records":[';
      throw new Error('record store went away');
    }
    await expect(writeExportFile(target, failing(), { replace: true })).rejects.toThrow('record store went away');
    expect(await readFile(target, 'utf8')).toBe('the old export');
    expect(await readdir(dir)).toEqual(['out.json']);
  });

  it('says clearly when the folder does not exist', async () => {
    const target = path.join(await tempFolder(), 'missing', 'out.json');
    await expect(writeExportFile(target, ['x'], { replace: false })).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
  });
});
