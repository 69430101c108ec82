// Reading many small files at once (every record, every entity), results in the files' order, each
// handed to `take` as it comes (its contents, or the error that stopped it).
//
// A worker thread reads them (readFileSync, one after another, sent back 256 at a time) while this
// thread parses what has come: 20,000 record files read and parsed in 0.4 s, against 1.0 s for
// fs.readFile with callbacks in lanes here, 2.5 s with fs/promises (a FileHandle made and closed for
// each file) and 0.55 s with readFileSync here (which a hung disk, a stick pulled out or a network
// share gone quiet would hold, and every window with it). Should the worker fail, the files it did not
// read are read here, in lanes; a folder of a few files is read here at once.
import { readFile } from 'node:fs';
import { Worker } from 'node:worker_threads';

/** Below this many files, starting a worker costs more than it saves. */
const WORKER_FROM = 200;
/** Files read at once when read here: fast on SSDs and USB sticks alike without exhausting file handles. */
const LANES = 48;

type Content = string | NodeJS.ErrnoException;

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
let batch = [];
for (const file of workerData) {
  let content;
  try {
    content = readFileSync(file, 'utf8');
  } catch (e) {
    content = { error: String(e && e.message), code: e && e.code };
  }
  batch.push(content);
  if (batch.length === 256) {
    parentPort.postMessage(batch);
    batch = [];
  }
}
parentPort.postMessage(batch);
parentPort.postMessage(null);
`;

export async function readFilesInLanes<T>(files: readonly string[], take: (file: string, content: Content) => T): Promise<T[]> {
  const out = new Array<T>(files.length);
  let done = 0;
  if (files.length >= WORKER_FROM) {
    await new Promise<void>((resolve) => {
      let finished = false;
      const end = () => {
        if (finished) return;
        finished = true;
        resolve();
      };
      let worker: Worker;
      try {
        worker = new Worker(WORKER, { eval: true, workerData: files });
      } catch {
        return end();
      }
      worker.on('message', (batch: (string | { error: string; code?: string })[] | null) => {
        if (finished) return;
        if (batch === null) {
          void worker.terminate();
          return end();
        }
        for (const content of batch) {
          const file = files[done]!;
          out[done++] = take(file, typeof content === 'string' ? content : Object.assign(new Error(content.error), { code: content.code }));
        }
      });
      // A worker that could not run or stopped: what it did not read is read below.
      worker.on('error', end);
      worker.on('exit', end);
    });
  }
  let next = done;
  const lane = async () => {
    while (next < files.length) {
      const i = next++;
      out[i] = take(files[i]!, await readOne(files[i]!));
    }
  };
  await Promise.all(Array.from({ length: Math.min(LANES, files.length - next) }, lane));
  return out;
}

function readOne(file: string): Promise<Content> {
  return new Promise((resolve) => readFile(file, 'utf8', (error, content) => resolve(error ?? content)));
}
