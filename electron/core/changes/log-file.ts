// An append-only file of JSON lines: appending costs one small write and one fsync, never a rewrite
// of what is there. A line torn by a crash, or damaged on disk, is skipped and counted on reading.
import { open, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { makeDirectory, syncDirectory } from '../store/durable-json-file';
import { writeFully } from '../store/write-fully';

/**
 * Appends values, one JSON line each, and resolves once they are on disk. A file whose last line
 * was torn (a crash in the middle of an append) gets a line break first, so the torn line stays one
 * damaged line and the new ones are whole. An append that fails is taken off again.
 */
export async function appendLines(file: string, values: readonly unknown[]): Promise<void> {
  if (values.length === 0) return;
  const body = values.map((v) => JSON.stringify(v)).join('\n') + '\n';
  let created = false;
  let handle;
  try {
    handle = await open(file, 'r+');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    await makeDirectory(path.dirname(file));
    handle = await open(file, 'a+');
    created = true;
  }
  try {
    const { size } = await handle.stat();
    let prefix = '';
    if (size > 0) {
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      if (last[0] !== 0x0a) prefix = '\n';
    }
    try {
      await writeFully(handle, prefix + body, size);
      await handle.sync();
    } catch (e) {
      // A full disk (or a failing one) can take part of the lines: they were never acknowledged, so
      // they are taken off again rather than left as a damaged line (found by the full-disk test,
      // store/disk-faults.test.ts). Shrinking needs no room; if even that fails, reading skips the torn line.
      await handle.truncate(size).then(() => handle.sync()).catch(() => undefined);
      throw e;
    }
  } finally {
    await handle.close();
  }
  if (created) await syncDirectory(path.dirname(file));
}

export interface ReadLines<T> {
  values: T[];
  /** Lines that were not JSON or that `accept` refused. */
  damaged: number;
}

/** Reads every line; a missing file has none. `accept` checks each parsed line's shape. */
export async function readLines<T>(file: string, accept: (value: unknown) => value is T): Promise<ReadLines<T>> {
  let content: string;
  try {
    content = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { values: [], damaged: 0 };
    throw e;
  }
  return parseLines(content, accept);
}

export function parseLines<T>(content: string, accept: (value: unknown) => value is T): ReadLines<T> {
  const values: T[] = [];
  let damaged = 0;
  for (const line of content.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const value = JSON.parse(line) as unknown;
      if (accept(value)) values.push(value);
      else damaged++;
    } catch {
      damaged++;
    }
  }
  return { values, damaged };
}

/** The last `bytes` of a file as whole lines (the first, partial line dropped); `whole` when that was the whole file. */
export async function readTail(file: string, bytes: number): Promise<{ tail: string; whole: boolean }> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { tail: '', whole: true };
    throw e;
  }
  const start = Math.max(0, size - bytes);
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(size - start);
    await handle.read(buffer, 0, buffer.length, start);
    const content = buffer.toString('utf8');
    return start === 0 ? { tail: content, whole: true } : { tail: content.slice(content.indexOf('\n') + 1), whole: false };
  } finally {
    await handle.close();
  }
}
