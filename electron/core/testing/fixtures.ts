// Test support: real temp folders cleaned up after each test, the sample files, folder snapshots.
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const sampleDir = path.join(repoRoot, 'data', 'sample');
/** What extraction must find in the five samples (a copy of the shared gold file, so `npm test` needs nothing beside the project). */
export const goldFile = path.join(repoRoot, 'electron', 'core', 'import', 'fixtures', 'seeds.gold.json');

/** Registers an afterEach that removes every folder `tempFolder()` made during the test. */
export function useTempFolders(): (prefix?: string) => Promise<string> {
  const made: string[] = [];
  afterEach(async () => {
    await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });
  return async (prefix = 'cairn-test-') => {
    const dir = await mkdtemp(path.join(tmpdir(), prefix));
    made.push(dir);
    return dir;
  };
}

export interface SampleFile {
  name: string;
  bytes: Buffer;
}

/** The five sample press releases, sorted by name, as the importer receives them. */
export async function readSampleFiles(): Promise<SampleFile[]> {
  const names = (await readdir(sampleDir)).filter((n) => n.endsWith('.txt')).sort();
  return Promise.all(names.map(async (name) => ({ name, bytes: await readFile(path.join(sampleDir, name)) })));
}

export interface FileState {
  bytes: string;
  mtimeMs: number;
}

/** Every file under `root` (recursively) with its bytes (base64) and mtime, keyed by relative path. */
export async function snapshotTree(root: string): Promise<Record<string, FileState>> {
  const out: Record<string, FileState> = {};
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else out[path.relative(root, full)] = { bytes: (await readFile(full)).toString('base64'), mtimeMs: (await stat(full)).mtimeMs };
    }
  };
  await walk(root);
  return out;
}

/** Every file name under `root`, recursively, relative and sorted. */
export async function listTree(root: string): Promise<string[]> {
  return Object.keys(await snapshotTree(root)).sort();
}
