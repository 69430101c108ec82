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

export class Preparer {
  #worker: Worker | null = null;
  #failed = false;
  #next = 1;
  #pending = new Map<number, { name: string; resolve: (p: PreparedFile) => void; reject: (e: unknown) => void }>();
  #idle: NodeJS.Timeout | null = null;

  /** The file's records, prepared in the worker (or here, when there is none). */
  prepare(name: string, bytes: Uint8Array, now: string, options: ImportOptions = {}): Promise<PreparedFile> {
    const worker = this.#ensure();
    if (!worker) return prepareHere(name, bytes, now, options);
    if (this.#idle) clearTimeout(this.#idle);
    this.#idle = null;
    worker.ref();
    const id = this.#next++;
    return new Promise<PreparedFile>((resolve, reject) => {
      this.#pending.set(id, { name, resolve, reject });
      // The bytes are copied, not moved: the caller keeps the original to store it.
      worker.postMessage({ id, name, bytes, now, options } satisfies PrepareRequest);
    });
  }

  /** Stops the worker; work still waiting is failed. */
  async close(): Promise<void> {
    if (this.#idle) clearTimeout(this.#idle);
    const worker = this.#worker;
    this.#worker = null;
    if (worker) await worker.terminate();
  }

  #ensure(): Worker | null {
    if (this.#worker || this.#failed) return this.#worker;
    const spec = workerSpec;
    if (!spec) return null;
    try {
      const worker = new Worker(spec.file, { execArgv: spec.execArgv ?? [] });
      worker.on('message', (reply: PrepareReply) => this.#settle(reply));
      worker.on('error', (e) => this.#failAll(e));
      worker.on('exit', () => {
        if (this.#worker === worker) this.#worker = null;
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
    if (reply.ok) waiting.resolve(reply.prepared);
    else waiting.reject(new CairnError(reply.error.code, reply.error.text ?? text('import_unexpected', { name: waiting.name, reason: reply.error.message })));
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
    for (const waiting of this.#pending.values()) waiting.reject(e);
    this.#pending.clear();
  }
}
