// A lowdb adapter that makes a write durable before it resolves: temp file, fsync, rename, fsync dir.
import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Adapter } from 'lowdb';

/**
 * lowdb's own JSONFile (via steno) renames a temp file but never fsyncs, so an acknowledged write
 * can vanish in a power cut. This adapter resolves only after the data and the rename are on disk.
 * Writes to one file are serialised; the last one wins.
 */
export class DurableJSONFile<T> implements Adapter<T> {
  readonly filename: string;
  #queue: Promise<void> = Promise.resolve();

  constructor(filename: string) {
    this.filename = filename;
  }

  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.filename, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
    return JSON.parse(text) as T;
  }

  write(data: T): Promise<void> {
    const text = JSON.stringify(data, null, 2) + '\n';
    const run = this.#queue.then(() => writeDurably(this.filename, text));
    this.#queue = run.catch(() => undefined);
    return run;
  }
}

let tempCounter = 0;

/** The temp-file name writeDurably uses beside `filename`: hidden, with the writer's pid and a counter. */
const tempName = (filename: string) => `.${path.basename(filename)}.${process.pid}.${++tempCounter}.tmp`;

/** Whether a file name is one of writeDurably's temp files (for removing those a killed process left). */
export const isDurableTempFile = (name: string): boolean => /^\..+\.\d+\.\d+\.tmp$/.test(name);

export async function writeDurably(filename: string, content: string | Uint8Array): Promise<void> {
  const dir = path.dirname(filename);
  const temp = path.join(dir, tempName(filename));
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(content);
    await handle.sync();
  } catch (e) {
    await handle.close();
    await unlink(temp).catch(() => undefined);
    throw e;
  }
  await handle.close();
  try {
    await rename(temp, filename);
  } catch (e) {
    // A refused rename (target is a folder, disk gone) must not leave the temp file behind.
    await unlink(temp).catch(() => undefined);
    throw e;
  }
  await syncDirectory(dir);
}

/** fsync a directory so that a rename in it survives a crash (a no-op where the OS refuses). */
export async function syncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Windows cannot open directories for sync; the rename is still atomic there.
  } finally {
    await handle?.close();
  }
}

const making = new Set<Promise<void>>();

/**
 * Creates a folder and any missing parents so that they survive a power cut: a new folder's name is
 * durable only once its parent is fsynced, and a file written durably inside a folder whose own
 * name is not would vanish with it (found by the power-loss test, testing/crash/power-loss). A
 * folder that is there already may be one another call is still making: that call is waited for.
 */
export async function makeDirectory(dir: string): Promise<void> {
  const first = await mkdir(dir, { recursive: true });
  if (first === undefined) {
    if (making.size) await Promise.all([...making].map((p) => p.catch(() => undefined)));
    return;
  }
  const made: string[] = [];
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    made.unshift(d);
    if (d === path.resolve(first) || d === path.dirname(d)) break;
  }
  const syncing = (async () => {
    for (const d of made) await syncDirectory(path.dirname(d));
  })();
  making.add(syncing);
  try {
    await syncing;
  } finally {
    making.delete(syncing);
  }
}
