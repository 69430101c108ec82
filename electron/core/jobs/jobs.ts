// Long pieces of work (exports now, imports next) run in the background of the process that owns
// the archive: each door starts one, then asks how far it has come (jobs.status) and may cancel it.
// The work itself awaits between steps, so other calls keep being answered while it runs.
import { randomUUID } from 'node:crypto';
import type { JobStatus } from '../../contract';
import { text } from '../../common/i18n/text';
import { CairnError, toErrorShape } from '../errors';

/** What a running job's work is given: a signal that says it was cancelled, and a way to report progress. */
export interface JobControl {
  readonly signal: AbortSignal;
  progress(done: number, step?: string, total?: number): void;
  /** Throws JobCancelled when the person cancelled: call it between steps. */
  checkCancelled(): void;
}

export class JobCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'JobCancelled';
  }
}

interface Entry {
  status: JobStatus;
  controller: AbortController;
  finished: Promise<void>;
}

/** Finished jobs are remembered for this long so that a door polling a little late still gets the answer. */
const KEEP_FINISHED = 20;

export class Jobs {
  #entries = new Map<string, Entry>();
  #now: () => Date;

  constructor(now: () => Date = () => new Date()) {
    this.#now = now;
  }

  /** Starts `work`; what it returns (an export's summary, a bulk change's counts) goes into the job's status. */
  start(kind: JobStatus['kind'], total: number, work: (control: JobControl) => Promise<Pick<JobStatus, 'result' | 'changed'>>): JobStatus {
    const controller = new AbortController();
    const status: JobStatus = { job: randomUUID(), kind, state: 'running', done: 0, total, step: '', startedAt: this.#now().toISOString() };
    const control: JobControl = {
      signal: controller.signal,
      progress(done, step, newTotal) {
        status.done = done;
        if (step !== undefined) status.step = step;
        if (newTotal !== undefined) status.total = newTotal;
      },
      checkCancelled() {
        if (controller.signal.aborted) throw new JobCancelled();
      },
    };
    const finished = (async () => {
      try {
        // Let the caller have its answer (the job's id) before any work starts.
        await Promise.resolve();
        Object.assign(status, await work(control));
        status.state = 'done';
        status.done = status.total;
      } catch (e) {
        if (e instanceof JobCancelled || controller.signal.aborted) status.state = 'cancelled';
        else {
          status.state = 'failed';
          status.error = toErrorShape(e);
        }
      }
      this.#forgetOld();
    })();
    this.#entries.set(status.job, { status, controller, finished });
    return { ...status };
  }

  status(job: string): JobStatus {
    return { ...this.#entry(job).status };
  }

  /** Asks the job to stop; it stops at its next step and cleans up what it had begun. */
  cancel(job: string): JobStatus {
    const entry = this.#entry(job);
    // A bulk change is one operation: once it writes, it runs to its end (one Ctrl+Z takes it all back).
    if (entry.status.state === 'running' && entry.status.kind !== 'bulk') entry.controller.abort();
    return { ...entry.status };
  }

  /** Resolves when the job has ended, however it ended (tests, the CLI, closing an archive). */
  async settled(job: string): Promise<JobStatus> {
    const entry = this.#entry(job);
    await entry.finished;
    return { ...entry.status };
  }

  /** Cancels every running job and waits for them to stop (before the archive they read is closed). */
  async cancelAll(): Promise<void> {
    const running = [...this.#entries.values()].filter((e) => e.status.state === 'running');
    for (const e of running) e.controller.abort();
    await Promise.all(running.map((e) => e.finished));
  }

  #entry(job: string): Entry {
    const entry = this.#entries.get(job);
    if (!entry) throw new CairnError('E_NOT_FOUND', text('job_not_found', { job }));
    return entry;
  }

  #forgetOld(): void {
    const finished = [...this.#entries.values()].filter((e) => e.status.state !== 'running');
    for (const e of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.#entries.delete(e.status.job);
  }
}
