// Prepares imported files in a worker thread (import-worker), one at a time in order, falling back
// to this thread where no worker is set up or it cannot start. The main thread only checks and writes.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { text } from '../../common/i18n/text';
import { CairnError } from '../errors';
import type { PrepareReply, PrepareRequest } from './import-worker';
import type { ImportOptions, PreparedFile } from './prepare-document';

/** The parsers and extractors (linkedom, pdf.js, franc…) load only when a file is first prepared here, not with every command. */
const prepareHere = async (...args: Parameters<typeof import('./prepare-document').prepareFile>) => (await import('./prepare-document')).prepareFile(...args);

export interface WorkerSpec {
  file: string;
  execArgv?: string[];
}

let workerSpec: WorkerSpec | null = null;

/**
 * Where the built worker is (out/main/import-worker.js): each door says so when it starts. Without
 * it (unit tests), files are prepared in this thread; `sourceWorker()` runs the TypeScript worker
 * through tsx where a test or the bench wants the thread itself.
 */
export function useImportWorker(spec: WorkerSpec | string | null): void {
  workerSpec = typeof spec === 'string' ? { file: spec } : spec;
}

/** The worker from source, run through tsx (tests and the bench). */
export function sourceWorker(): WorkerSpec {
  return { file: path.join(path.dirname(fileURLToPath(import.meta.url)), 'import-worker.ts'), execArgv: ['--import', 'tsx'] };
}

/** A worker goes after this long without work, so that a finished import holds no thread. */
const IDLE_MS = 15_000;
/** One file may take this long to prepare; a parser stuck longer (a pathological PDF or page) is stopped. */
const FILE_MS = 120_000;

interface Waiting {
  request: PrepareRequest;
  resolve: (p: PreparedFile) => void;
  reject: (e: unknown) => void;
  timer: NodeJS.Timeout;
}

export class Preparer {
  #worker: Worker | null = null;
  #failed = false;
  #next = 1;
  #pending = new Map<number, Waiting>();
  #idle: NodeJS.Timeout | null = null;

  /** The file's records, prepared in the worker (or here, when there is none). */
  prepare(name: string, bytes: Uint8Array, now: string, options: ImportOptions = {}): Promise<PreparedFile> {
    const worker = this.#ensure();
    if (!worker) return prepareHere(name, bytes, now, options);
    if (this.#idle) clearTimeout(this.#idle);
    this.#idle = null;
    worker.ref();
    const id = this.#next++;
    const request: PrepareRequest = { id, name, bytes, now, options };
    return new Promise<PreparedFile>((resolve, reject) => {
      const timer = setTimeout(() => this.#stuck(id), FILE_MS);
      timer.unref();
      this.#pending.set(id, { request, resolve, reject, timer });
      // The bytes are copied, not moved: the caller keeps the original to store it.
      worker.postMessage(request);
    });
  }

  /**
   * A file whose preparing never ends fails with its own error; the worker is replaced, and the
   * files that were waiting behind it are sent to the new one.
   */
  #stuck(id: number): void {
    const waiting = this.#pending.get(id);
    const worker = this.#worker;
    if (!waiting || !worker) return;
    this.#pending.delete(id);
    waiting.reject(new CairnError('E_UNSUPPORTED_FORMAT', text('import_too_slow', { name: waiting.request.name, seconds: FILE_MS / 1000 })));
    this.#worker = null;
    void worker.terminate();
    const next = this.#ensure();
    for (const other of this.#pending.values()) {
      if (next) next.postMessage(other.request);
      else {
        clearTimeout(other.timer);
        other.reject(new CairnError('E_INTERNAL', text('import_worker_stopped')));
      }
    }
    if (!next) this.#pending.clear();
  }

  /** Stops the worker; work still waiting is failed. */
  async close(): Promise<void> {
    if (this.#idle) clearTimeout(this.#idle);
    const worker = this.#worker;
    this.#worker = null;
    this.#failAll(new CairnError('E_INTERNAL', text('import_worker_stopped')));
    if (worker) await worker.terminate();
  }

  #ensure(): Worker | null {
    if (this.#worker || this.#failed) return this.#worker;
    const spec = workerSpec;
    if (!spec) return null;
    try {
      const worker = new Worker(spec.file, { execArgv: spec.execArgv ?? [] });
      worker.on('message', (reply: PrepareReply) => this.#settle(reply));
      // A worker that cannot run (its file missing, a crash): what waits fails, and files are prepared here from now on.
      worker.on('error', (e) => {
        this.#failed = true;
        if (this.#worker === worker) this.#worker = null;
        this.#failAll(new CairnError('E_INTERNAL', text('import_unexpected', { name: [...this.#pending.values()][0]?.request.name ?? '', reason: e.message })));
      });
      // Only the worker in use: one closed when idle, or replaced after a stuck file, has nothing of the new one's.
      worker.on('exit', () => {
        if (this.#worker !== worker) return;
        this.#worker = null;
        this.#failAll(new CairnError('E_INTERNAL', text('import_worker_stopped')));
      });
      worker.unref();
      this.#worker = worker;
      return worker;
    } catch {
      this.#failed = true;
      return null;
    }
  }

  #settle(reply: PrepareReply): void {
    const waiting = this.#pending.get(reply.id);
    if (!waiting) return;
    this.#pending.delete(reply.id);
    clearTimeout(waiting.timer);
    if (reply.ok) waiting.resolve(reply.prepared);
    else waiting.reject(new CairnError(reply.error.code, reply.error.text ?? text('import_unexpected', { name: waiting.request.name, reason: reply.error.message })));
    if (this.#pending.size === 0) this.#rest();
  }

  /** Nothing waiting: the worker no longer keeps the process alive, and goes after a while. */
  #rest(): void {
    const worker = this.#worker;
    if (!worker) return;
    worker.unref();
    this.#idle = setTimeout(() => void this.close(), IDLE_MS);
    this.#idle.unref();
  }

  #failAll(e: unknown): void {
    for (const waiting of this.#pending.values()) {
      clearTimeout(waiting.timer);
      waiting.reject(e);
    }
    this.#pending.clear();
  }
}
