// Exports from the window: the Export dialog's choices, the job it starts (polled for progress until
// it ends; Cancel stops it cleanly), and the bag verifier.
import type { BagReport, CsvField, ExportFormat, ExportStartArgs, JobStatus } from './contract';
import { call, failure } from './api';
import type { Said } from './i18n.svelte';
import { records } from './records.svelte';
import { settings } from './settings.svelte';
import { toasts } from './toasts.svelte';

/** Which records go: the reviewed ones (default), the current search, the record selected, or all. */
export type ExportScope = 'reviewed' | 'search' | 'record' | 'all';

export interface ExportChoices {
  scope: ExportScope;
  format: ExportFormat;
  zip: boolean;
  fields: CsvField[];
  includeNotes: boolean;
  includeNames: boolean;
  includeHistory: boolean;
  includeOriginals: boolean;
  csvBom: boolean;
  folder: string;
  name: string;
}

const POLL_MS = 150;

class Exporter {
  running = $state(false);
  dialogOpen = $state(false);
  /** The export under way or just ended. */
  job = $state.raw<JobStatus | null>(null);
  error = $state<Said | null>(null);
  /** Set when the name chosen exists already: the dialog asks before replacing it, with the choices it asked about. */
  exists = $state<string | null>(null);
  #asked: ExportChoices | null = null;

  openDialog(): void {
    this.job = null;
    this.error = null;
    this.forgetQuestion();
    this.dialogOpen = true;
  }

  closeDialog(): void {
    if (this.job?.state === 'running') return;
    this.dialogOpen = false;
  }

  /** The query or ids a scope stands for. */
  scopeArgs(scope: ExportScope): { query?: string; ids?: string[] } {
    switch (scope) {
      case 'reviewed':
        return { query: 'status:reviewed' };
      case 'search':
        return { query: records.shownQuery.trim() || undefined };
      case 'record':
        return { ids: records.selectedId ? [records.selectedId] : [] };
      case 'all':
        return {};
    }
  }

  /** How many records the export would take and the name Cairn proposes; null when the query cannot be read. */
  async plan(args: { query?: string; ids?: string[]; format: ExportFormat; zip: boolean }): Promise<{ count: number; name: string } | null> {
    try {
      const answer = await call('export.count', args);
      return answer.problem ? null : answer;
    } catch {
      return null;
    }
  }

  async count(scope: ExportScope): Promise<number | null> {
    try {
      const answer = await call('export.count', this.scopeArgs(scope));
      return answer.problem ? null : answer.count;
    } catch {
      return null;
    }
  }

  /** Any change of choice after "already exists" takes the question back: a replace only ever answers it. */
  forgetQuestion(): void {
    this.exists = null;
    this.#asked = null;
  }

  /** Replaces the export the person was asked about, with exactly the choices they were asked about. */
  async replace(): Promise<void> {
    if (this.#asked) await this.start(this.#asked, true);
  }

  async start(choices: ExportChoices, replace = false): Promise<void> {
    if (this.running) return;
    this.error = null;
    this.forgetQuestion();
    const args: ExportStartArgs = {
      format: choices.format,
      ...this.scopeArgs(choices.scope),
      fields: choices.fields,
      includeNotes: choices.includeNotes,
      includeNames: choices.includeNames,
      includeHistory: choices.includeHistory,
      includeOriginals: choices.includeOriginals,
      csvBom: choices.csvBom,
      zip: choices.format === 'bagit' && choices.zip,
      folder: choices.folder.trim(),
      name: choices.name.trim() || undefined,
      replace,
    };
    this.running = true;
    try {
      const started = await call('export.start', args);
      void settings.setExportFolder(args.folder);
      this.job = { job: started.job, kind: 'export', state: 'running', done: 0, total: started.count, step: '', startedAt: new Date().toISOString() };
      await this.#follow(started.job);
    } catch (e) {
      const said = failure(e);
      if (typeof said === 'object' && said.key === 'export_target_exists') {
        this.exists = String(said.params?.target ?? '');
        this.#asked = { ...choices, fields: [...choices.fields] };
      } else this.error = said;
    } finally {
      this.running = false;
    }
  }

  async cancel(): Promise<void> {
    if (this.job?.state !== 'running') return;
    try {
      this.job = await call('jobs.cancel', { job: this.job.job });
    } catch (e) {
      toasts.error(failure(e));
    }
  }

  async #follow(job: string): Promise<void> {
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      let status: JobStatus;
      try {
        status = await call('jobs.status', { job });
      } catch (e) {
        // The core no longer answers for it (restarted, switched archive): said, and the dialog can close.
        this.job = this.job ? { ...this.job, state: 'failed' } : null;
        this.error = failure(e);
        return;
      }
      this.job = status;
      if (status.state !== 'running') break;
    }
    if (this.job?.state === 'failed') this.error = this.job.error?.text ?? this.job.error?.message ?? null;
  }

  async reveal(target: string): Promise<boolean> {
    try {
      return (await call('export.reveal', { path: target })).shown;
    } catch (e) {
      toasts.error(failure(e));
      return false;
    }
  }

  async chooseFolder(purpose: 'export' | 'bag'): Promise<string | null> {
    try {
      return (await call('archive.chooseFolder', { purpose })).path;
    } catch (e) {
      toasts.error(failure(e));
      return null;
    }
  }

  async verifyBag(where: string): Promise<BagReport | Said> {
    try {
      return await call('export.verifyBag', { path: where.trim() });
    } catch (e) {
      return failure(e);
    }
  }
}

export const exporter = new Exporter();
