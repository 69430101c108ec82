// Importing files: reads them, sends them to records.import a few at a time, reports progress and the outcome.
import { MAX_IMPORT_FILE_BYTES, type ImportFile, type ImportReport } from './contract';
import { ApiError, call } from './api';
import { text } from './i18n.svelte';
import { bytesToBase64 } from './base64';
import { records } from './records.svelte';
import { vocabulary } from './vocabulary.svelte';
import { toasts } from './toasts.svelte';
import { session } from './session.svelte';
import { errorShape } from '../../../electron/common/i18n/text';
import { megabytes } from '../../../electron/common/i18n/sizes';

/** One call carries at most this many bytes or files, so progress moves and requests stay small. */
const BATCH_BYTES = 4 * 1024 * 1024;
const BATCH_FILES = 8;

export interface ImportOutcome extends ImportReport {
  /** Files never sent because the person pressed Cancel. */
  skipped: number;
  total: number;
}

function batchesOf(files: File[]): File[][] {
  const batches: File[][] = [];
  let current: File[] = [];
  let bytes = 0;
  for (const file of files) {
    if (current.length > 0 && (bytes + file.size > BATCH_BYTES || current.length >= BATCH_FILES)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(file);
    bytes += file.size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

class Importer {
  running = $state(false);
  done = $state(0);
  total = $state(0);
  cancelling = $state(false);
  /** The last import's outcome when it needs reading (several files, duplicates or failures). */
  report = $state.raw<ImportOutcome | null>(null);

  async importFiles(files: File[]): Promise<void> {
    if (this.running || files.length === 0) return;
    if (session.readOnlyReason) {
      toasts.error(text('import_nothing_read_only', { reason: session.readOnlyReason }));
      return;
    }
    this.running = true;
    this.cancelling = false;
    this.done = 0;
    this.total = files.length;
    const outcome: ImportOutcome = { imported: [], duplicates: [], failed: [], skipped: 0, total: files.length };
    try {
      for (const batch of batchesOf(files)) {
        if (this.cancelling) {
          outcome.skipped += batch.length;
          continue;
        }
        const payload: ImportFile[] = [];
        for (const file of batch) {
          if (file.size > MAX_IMPORT_FILE_BYTES) {
            outcome.failed.push({ file: file.name, ...errorShape('E_TOO_LARGE', text('error_file_too_large', { name: file.name, size: megabytes(file.size), limit: megabytes(MAX_IMPORT_FILE_BYTES) })) });
            continue;
          }
          try {
            payload.push({ name: file.name, dataBase64: bytesToBase64(await file.arrayBuffer()) });
          } catch (e) {
            outcome.failed.push({ file: file.name, ...errorShape('E_IO', text('import_file_unreadable', { name: file.name, reason: (e as Error).message })) });
          }
        }
        if (payload.length > 0) {
          try {
            const report = await call('records.import', { files: payload });
            outcome.imported.push(...report.imported);
            outcome.duplicates.push(...report.duplicates);
            outcome.failed.push(...report.failed);
          } catch (e) {
            const error = e instanceof ApiError ? e : new ApiError({ code: 'E_INTERNAL', message: String(e) });
            for (const f of payload) outcome.failed.push({ file: f.name, code: error.code, message: error.message, text: error.text });
          }
        }
        this.done += batch.length;
      }
    } finally {
      this.running = false;
      this.cancelling = false;
    }
    await this.#finish(outcome);
  }

  cancel(): void {
    if (this.running) this.cancelling = true;
  }

  closeReport(): void {
    this.report = null;
  }

  async #finish(outcome: ImportOutcome): Promise<void> {
    const first = outcome.imported[0];
    if (outcome.imported.length > 0) {
      records.archiveTotal += outcome.imported.length;
      // A search that hides the new records would make the import look like it did nothing.
      if (records.query.trim()) records.query = '';
      await records.refresh(first ? { select: first.id } : {});
      void vocabulary.refreshTags();
    }
    const simple = outcome.total === 1 && outcome.imported.length === 1;
    if (simple && first) toasts.show(text('import_imported_one', { title: first.title }));
    else this.report = outcome;
  }
}

export const importer = new Importer();
