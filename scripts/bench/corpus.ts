// The UN General Debate corpus for benchmarks: found beside the repo (or via CAIRN_CORPUS),
// unpacked once into a cache under the temp folder, and cut into ~4 KB records.
import { execFile } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { seededRandom, shuffle } from '../../electron/core/testing/random';
import { splitIntoRecords } from './split-speech';

const exec = promisify(execFile);

export const CORPUS_ARCHIVE = 'ungdc-1946-2022.tar.gz';
/** Where the benchmarks keep what they build between runs. */
export const BENCH_CACHE = path.join(os.tmpdir(), 'cairn-bench');

export type CorpusLocation = { ok: true; textDir: string; unpackedNow: boolean; seconds: number } | { ok: false; reason: string };

/**
 * Finds the corpus's TXT folder: CAIRN_CORPUS may name the .tar.gz or an unpacked folder;
 * otherwise ../shared/corpora/ungdc-1946-2022.tar.gz beside the repo, unpacked into the cache.
 */
export async function locateCorpus(repoRoot: string, env: NodeJS.ProcessEnv = process.env): Promise<CorpusLocation> {
  const given = env.CAIRN_CORPUS ? path.resolve(env.CAIRN_CORPUS) : path.resolve(repoRoot, '..', 'shared', 'corpora', CORPUS_ARCHIVE);
  if (!existsSync(given)) {
    return { ok: false, reason: `the corpus is not at ${given} (set CAIRN_CORPUS to the ${CORPUS_ARCHIVE} file or its unpacked folder)` };
  }
  if (statSync(given).isDirectory()) {
    const textDir = findTextDir(given);
    return textDir ? { ok: true, textDir, unpackedNow: false, seconds: 0 } : { ok: false, reason: `${given} holds no TXT folder of the corpus` };
  }
  const target = path.join(BENCH_CACHE, 'corpus');
  const cached = findTextDir(target);
  if (cached) return { ok: true, textDir: cached, unpackedNow: false, seconds: 0 };
  const started = performance.now();
  const partial = `${target}.partial`;
  await rm(partial, { recursive: true, force: true });
  await mkdir(partial, { recursive: true });
  await exec('tar', ['-xzf', given, '-C', partial]);
  await rm(target, { recursive: true, force: true });
  await rename(partial, target);
  const textDir = findTextDir(target);
  if (!textDir) return { ok: false, reason: `${given} did not unpack into a TXT folder` };
  return { ok: true, textDir, unpackedNow: true, seconds: (performance.now() - started) / 1000 };
}

function findTextDir(dir: string): string | null {
  for (const candidate of [path.join(dir, 'UNGDC_1946-2022', 'TXT'), path.join(dir, 'TXT'), dir]) {
    if (existsSync(candidate) && existsSync(path.join(candidate, 'Session 01 - 1946'))) return candidate;
  }
  return null;
}

/** Every speech file (ISO_NN_YYYY.txt), sorted by path. */
export async function listSpeeches(textDir: string): Promise<string[]> {
  const sessions = (await readdir(textDir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  const out: string[] = [];
  for (const s of sessions) {
    for (const f of (await readdir(path.join(textDir, s))).sort()) if (/^[A-Z0-9]+_\d+_\d{4}\.txt$/.test(f)) out.push(path.join(textDir, s, f));
  }
  return out;
}

export interface CorpusRecord {
  /** e.g. "USA_75_2020-p3.txt" */
  name: string;
  text: string;
}

/**
 * Records cut from the speeches, in a fixed pseudo-random order of speeches (so any prefix spans
 * all sessions, 1946–2022, as an archive gathered over years would), a speech's parts in order.
 */
export async function* corpusRecords(textDir: string, seed = 20_000): AsyncGenerator<CorpusRecord> {
  const speeches = shuffle(await listSpeeches(textDir), seededRandom(seed));
  for (const file of speeches) {
    const base = path.basename(file, '.txt');
    const parts = splitIntoRecords(await readFile(file, 'utf8'));
    for (let i = 0; i < parts.length; i++) yield { name: `${base}-p${i + 1}.txt`, text: parts[i]! };
  }
}
