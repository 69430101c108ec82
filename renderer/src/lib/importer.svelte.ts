// Importing files: reads them, sends them to records.import a few at a time (one import, one undo),
// reports progress (files, the current one, the rate) and the outcome; asks for a CSV file's
// column map first, and can import copies anyway as new versions.
import { CSV_PREVIEW_BYTES, MAX_IMPORT_FILE_BYTES, type CsvPreview, type CsvTarget, type ImportFile, type ImportReport } from './contract';
import { ApiError, call } from './api';
import { text } from './i18n.svelte';
import { bytesToBase64 } from './base64';
import { records } from './records.svelte';
import { vocabulary } from './vocabulary.svelte';
import { entities } from './entities.svelte';
import { toasts } from './toasts.svelte';
import { session } from './session.svelte';
import { errorShape } from '../../../electron/common/i18n/text';
import { megabytes } from '../../../electron/common/i18n/sizes';
import { IMPORTABLE_FILE, SYSTEM_FILE } from '../../../electron/common/importable';

/** One call carries at most this many bytes or files, so progress moves and requests stay small. */
const BATCH_BYTES = 4 * 1024 * 1024;
const BATCH_FILES = 8;

/** A file to import and the name it is known by: its path inside a dropped or chosen folder. */
export interface ImportItem {
  file: File;
  name: string;
}

export type CsvMap = Partial<Record<CsvTarget, string>>;

export interface ImportOptions {
  asNewVersions?: boolean;
  /** Each CSV file's column map, by its name (one mapping step per file). */
  csvMaps?: Record<string, CsvMap>;
}

export interface ImportOutcome extends ImportReport {
  /** Files never sent because the person pressed Cancel. */
  skipped: number;
  total: number;
  /** Whether the duplicates may be imported anyway (whole files whose bytes the window still has). */
  canImportAnyway: boolean;
}


/** The file picker's filter: every format Cairn imports. */
export const IMPORT_ACCEPT = '.txt,.text,.md,.markdown,.html,.htm,.xhtml,.docx,.pdf,.csv,text/plain,text/markdown,text/html,text/csv,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const isCsv = (item: ImportItem) => /\.csv$/i.test(item.name);
const byName = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** A chosen file as an item: a folder's files keep their path inside it. */
export function itemOf(file: File): ImportItem {
  return { file, name: file.webkitRelativePath || file.name };
}

function batchesOf(items: ImportItem[]): ImportItem[][] {
  const batches: ImportItem[][] = [];
  let current: ImportItem[] = [];
  let bytes = 0;
  for (const item of items) {
    if (current.length > 0 && (bytes + item.file.size > BATCH_BYTES || current.length >= BATCH_FILES)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += item.file.size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

class Importer {
  running = $state(false);
  done = $state(0);
  total = $state(0);
  /** The file being imported now, and files per second so far. */
  current = $state('');
  rate = $state(0);
  cancelling = $state(false);
  /** The last import's outcome when it needs reading (several files, duplicates or failures). */
  report = $state.raw<ImportOutcome | null>(null);
  /** A CSV file's mapping step: its columns and the proposed map; the files wait for every CSV file's step. */
  csvStep = $state.raw<{ items: ImportItem[]; file: string; preview: CsvPreview; options: ImportOptions } | null>(null);
  /** The last import's files by name, so that its copies can be imported anyway. */
  #last = new Map<string, ImportItem>();

  /** Imports files chosen or dropped (a folder's with their paths); a CSV file first asks for its column map. */
  async importFiles(given: (File | ImportItem)[], options: ImportOptions = {}): Promise<void> {
    // In the order a file manager shows them (note-2 before note-10), whatever order the browser gave.
    const items = given.map((g) => (g instanceof File ? itemOf(g) : g)).sort((a, b) => byName.compare(a.name, b.name));
    if (this.running || items.length === 0) return;
    if (session.readOnlyReason) {
      toasts.error(text('import_nothing_read_only', { reason: session.readOnlyReason }));
      return;
    }
    await this.#mapNext(items, { ...options, csvMaps: options.csvMaps ?? {} });
  }

  /** Asks for the next CSV file's map that is not given yet, or imports once every CSV file has one. */
  async #mapNext(items: ImportItem[], options: ImportOptions): Promise<void> {
    const maps = options.csvMaps ?? {};
    const csv = options.asNewVersions ? undefined : items.find((i) => isCsv(i) && !maps[i.name]);
    if (csv) {
      try {
        const head = await csv.file.slice(0, CSV_PREVIEW_BYTES).arrayBuffer();
        const preview = await call('records.csvPreview', { name: csv.name, dataBase64: bytesToBase64(head) });
        this.csvStep = { items, file: csv.name, preview, options };
        return;
      } catch {
        // An unreadable CSV file says why in the import's report, as any other bad file does.
        return this.#mapNext(items, { ...options, csvMaps: { ...maps, [csv.name]: {} } });
      }
    }
    await this.#run(items, options);
  }

  /** A CSV file's mapping step is done: its map (or, when skipped, the file left out); then the next file's step. */
  async continueWithMap(map: CsvMap | null): Promise<void> {
    const step = this.csvStep;
    this.csvStep = null;
    if (!step) return;
    const items = map ? step.items : step.items.filter((i) => i.name !== step.file);
    const csvMaps = { ...step.options.csvMaps };
    if (map) csvMaps[step.file] = map;
    if (items.length) await this.#mapNext(items, { ...step.options, csvMaps });
  }

  /** Imports the last report's copies anyway, each as a new version of the record it copies. */
  async importAnyway(): Promise<void> {
    const report = this.report;
    if (!report) return;
    const items = report.duplicates.flatMap((d) => this.#last.get(d.file) ?? []);
    this.report = null;
    await this.#run(items, { asNewVersions: true });
  }

  async #run(items: ImportItem[], options: ImportOptions): Promise<void> {
    if (this.running || items.length === 0) return;
    this.running = true;
    this.cancelling = false;
    this.done = 0;
    this.rate = 0;
    this.current = '';
    this.total = items.length;
    this.#last = new Map(items.map((i) => [i.name, i]));
    const started = performance.now();
    const importSession = crypto.randomUUID();
    const outcome: ImportOutcome = { imported: [], duplicates: [], failed: [], skipped: 0, total: items.length, canImportAnyway: false };
    const batches = batchesOf(items);
    let closed = false;
    try {
      for (const [n, batch] of batches.entries()) {
        if (this.cancelling) {
          outcome.skipped += batch.length;
          continue;
        }
        this.current = batch[0]!.name;
        const payload: ImportFile[] = [];
        for (const { file, name } of batch) {
          if (file.size > MAX_IMPORT_FILE_BYTES) {
            outcome.failed.push({ file: name, ...errorShape('E_TOO_LARGE', text('error_file_too_large', { name, size: megabytes(file.size), limit: megabytes(MAX_IMPORT_FILE_BYTES) })) });
            continue;
          }
          try {
            payload.push({ name, dataBase64: bytesToBase64(await file.arrayBuffer()) });
          } catch (e) {
            outcome.failed.push({ file: name, ...errorShape('E_IO', text('import_file_unreadable', { name, reason: (e as Error).message })) });
          }
        }
        const last = n === batches.length - 1;
        if (payload.length > 0 || last) {
          try {
            const maps = Object.fromEntries(payload.flatMap((f) => (options.csvMaps?.[f.name] && Object.keys(options.csvMaps[f.name]!).length ? [[f.name, options.csvMaps[f.name]!]] : [])));
            const report = await call('records.import', { files: payload, session: importSession, first: n === 0, last, asNewVersions: options.asNewVersions, csvMaps: Object.keys(maps).length ? maps : undefined });
            closed = last;
            outcome.imported.push(...report.imported);
            outcome.duplicates.push(...report.duplicates);
            outcome.failed.push(...report.failed);
          } catch (e) {
            const error = e instanceof ApiError ? e : new ApiError({ code: 'E_INTERNAL', message: String(e) });
            for (const f of payload) outcome.failed.push({ file: f.name, code: error.code, message: error.message, text: error.text });
            // The archive was switched while the import ran: nothing more goes anywhere.
            if (error.code === 'E_CONFLICT') {
              closed = true;
              this.cancelling = true;
            }
          }
        }
        this.done += batch.length;
        this.rate = this.done / Math.max(0.001, (performance.now() - started) / 1000);
      }
      // A cancelled import still ends its session: what came in is one operation (one undo).
      if (!closed) await call('records.import', { files: [], session: importSession, last: true }).catch(() => undefined);
    } finally {
      this.running = false;
      this.cancelling = false;
      this.current = '';
    }
    outcome.canImportAnyway = !options.asNewVersions && outcome.duplicates.some((d) => this.#last.has(d.file));
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
      // The importer made entities for the names it found: the panels must know them.
      void entities.refresh();
    }
    const simple = outcome.total === 1 && outcome.imported.length === 1;
    if (simple && first) toasts.show(text('import_imported_one', { title: first.title }));
    else this.report = outcome;
  }
}

export const importer = new Importer();

/** Every file a drop holds, folders read through (hidden and system files skipped), each with its path in the drop. */
export async function droppedItems(transfer: DataTransfer): Promise<ImportItem[]> {
  const entries = [...transfer.items].flatMap((i) => (i.kind === 'file' ? [i.webkitGetAsEntry()] : [])).filter((e): e is FileSystemEntry => e !== null);
  if (entries.length === 0) return [...transfer.files].map(itemOf);
  const out: ImportItem[] = [];
  const fileOf = (entry: FileSystemFileEntry) => new Promise<File>((resolve, reject) => entry.file(resolve, reject));
  const walk = async (entry: FileSystemEntry, top: boolean): Promise<void> => {
    if (!top && SYSTEM_FILE.test(entry.name)) return;
    if (entry.isFile) {
      if (top || IMPORTABLE_FILE.test(entry.name)) out.push({ file: await fileOf(entry as FileSystemFileEntry), name: entry.fullPath.replace(/^\//, '') });
      return;
    }
    const reader = (entry as FileSystemDirectoryEntry).createReader();
    // readEntries gives at most 100 at a time: read until it gives none.
    for (;;) {
      const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
      if (batch.length === 0) break;
      batch.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const child of batch) await walk(child, false);
    }
  };
  for (const entry of entries) await walk(entry, true);
  return out;
}
