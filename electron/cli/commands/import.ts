// `cairn import PATH…`: imports files, and folders' importable files recursively, through Archive.importFiles;
// one of Cairn's own exports (a bag, a .jsonl, a JSON export) is taken back whole into an empty archive,
// or brings in the records an archive holding records does not hold.
import { randomUUID } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ImportReport } from '../../contract';
import type { IncomingFile } from '../../core/archive';
import { parseCsvMap } from '../../core/import/csv-rows';
import { IMPORTABLE_FILE, SYSTEM_FILE } from '../../common/importable';
import { skippedText } from '../../common/skipped-records';
import { text } from '../../common/i18n/text';
import { CairnError, toErrorShape } from '../../core/errors';
import { fileError, readImportFile } from '../../core/import/read-import-file';
import { isCairnExport } from '../../core/export/take-back';
import { EXIT_OK, EXIT_USER_ERROR, printJson, printLine, UsageError, type CliIo, say } from '../cli-io';
import type { Command } from '../command';
import { displayPath, withArchive } from '../open-archive';
import { shortIdLength } from '../short-id';

/** Files are read and imported in batches, so a folder of thousands never sits in memory at once. */
const BATCH_FILES = 200;
const BATCH_BYTES = 32 * 1024 * 1024;

interface Candidate {
  abs: string;
  /** The name shown in reports: the path as the person will recognise it. */
  file: string;
}

export const importCommand: Command = {
  name: 'import',
  summary: 'cli_import_summary',
  synopsis: 'PATH… [--map FIELD=COLUMN,…] [--new-version] [--no-entities]',
  details: text('cli_import_details'),
  options: {
    map: { type: 'string' },
    'new-version': { type: 'boolean' },
    'no-entities': { type: 'boolean' },
  },
  async run(ctx) {
    const csvMap = typeof ctx.options.map === 'string' ? parseCsvMap(ctx.options.map) : undefined;
    const asNewVersions = ctx.options['new-version'] === true;
    const entities = ctx.options['no-entities'] !== true;
    if (ctx.positionals.length === 0) throw new UsageError(text('cli_import_needs_path'), ctx.usage);
    // One of Cairn's own exports (a bag, JSONL, or a JSON export): whole into an empty archive, or the records an archive lacks.
    const only = ctx.positionals.length === 1 ? path.resolve(ctx.io.cwd, ctx.positionals[0]!) : null;
    if (only && (await isCairnExport(only))) {
      const taken = await withArchive(ctx, 'write', (archive) => archive.takeBack(only));
      if (ctx.json) printJson(ctx.io.stdout, taken);
      else if (taken.into === 'whole') printLine(ctx.io.stdout, say(ctx.io, text('cli_took_back', { ...taken, from: displayPath(ctx.io.cwd, only) })));
      else {
        const from = displayPath(ctx.io.cwd, only);
        printLine(ctx.io.stdout, say(ctx.io, taken.records === 0 ? text('brought_in_nothing', { from }) : text('cli_brought_in', { ...taken, from })));
        if (taken.skipped.length > 0) printLine(ctx.io.stdout, say(ctx.io, text('brought_in_skipped', { count: taken.skipped.length })));
        for (const s of taken.skipped) printLine(ctx.io.stdout, `  ${say(ctx.io, skippedText(s))}`);
      }
      return EXIT_OK;
    }
    const report: ImportReport = { imported: [], duplicates: [], failed: [] };
    const candidates = await collectFiles(ctx.positionals, ctx.io.cwd, report);
    if (candidates.length === 0 && report.failed.length === 0) {
      throw new CairnError('E_NOT_FOUND', text('cli_no_txt_files', { paths: ctx.positionals.join(', ') }));
    }
    const human = ctx.json ? null : ctx.io;
    for (const failure of report.failed) if (human) printFailure(human, failure);

    // Ctrl+C stops after the file being written: what finished stays (one operation, one undo), nothing is half-imported.
    const stop = new AbortController();
    const interrupt = () => stop.abort();
    process.once('SIGINT', interrupt);
    const progress = new ImportProgressLine(ctx.io, candidates.length, ctx.json);
    try {
      await withArchive(ctx, 'write', async (archive) => {
        const session = `cli-${randomUUID()}`;
        const idLength = () => shortIdLength([...archive.list().items.map((s) => s.id)]);
        let batch: IncomingFile[] = [];
        let batchBytes = 0;
        let done = 0;
        const flush = async (last: boolean) => {
          if (batch.length === 0 && !last) return;
          const sent = batch;
          batch = [];
          batchBytes = 0;
          const result = await archive.importFiles(stop.signal.aborted ? [] : sent, {
            session,
            first: done === 0,
            last,
            csvMap,
            asNewVersions,
            entities,
            signal: stop.signal,
            progress: (n, file) => progress.show(done + n, file),
          });
          done += sent.length;
          report.imported.push(...result.imported);
          report.duplicates.push(...result.duplicates);
          report.failed.push(...result.failed);
          progress.clear();
          if (human) printBatch(human, idLength(), sent, result);
        };
        for (const c of candidates) {
          if (stop.signal.aborted) break;
          const bytes = await readCandidate(c, report, human);
          if (!bytes) continue;
          batch.push({ name: c.file, bytes });
          batchBytes += bytes.length;
          if (batch.length >= BATCH_FILES || batchBytes >= BATCH_BYTES) await flush(false);
        }
        await flush(true);
      });
    } finally {
      process.removeListener('SIGINT', interrupt);
      progress.clear();
    }
    if (stop.signal.aborted) printLine(ctx.io.stderr, `cairn: ${say(ctx.io, text('cli_import_cancelled', { count: report.imported.length }))}`);

    if (ctx.json) {
      printJson(ctx.io.stdout, report);
    } else {
      printLine(
        ctx.io.stdout,
        say(ctx.io, text('cli_import_summary_line', {
          imported: text('cli_import_files_imported', { count: report.imported.length }),
          duplicates: text('import_summary_duplicates', { count: report.duplicates.length }),
          failed: text('import_summary_failed', { count: report.failed.length }),
        })),
      );
    }
    if (report.failed.length === 0) return EXIT_OK;
    const count = report.failed.length;
    printLine(ctx.io.stderr, `cairn: ${say(ctx.io, ctx.json ? text('cli_import_failed_json', { count }) : text('cli_import_failed', { count }))}`);
    return EXIT_USER_ERROR;
  },
};

async function readCandidate(c: Candidate, report: ImportReport, human: CliIo | null): Promise<Uint8Array | null> {
  try {
    return await readImportFile(c.abs, c.file);
  } catch (e) {
    const failure = { file: c.file, ...toErrorShape(e) };
    report.failed.push(failure);
    if (human) printFailure(human, failure);
    return null;
  }
}

/** Expands the given paths into files; a path that does not exist becomes a failure, not an abort. */
async function collectFiles(paths: string[], cwd: string, report: ImportReport): Promise<Candidate[]> {
  const seen = new Set<string>();
  const out: Candidate[] = [];
  const add = (abs: string, name?: string) => {
    if (seen.has(abs)) return;
    seen.add(abs);
    out.push({ abs, file: name ?? path.basename(abs) });
  };
  for (const given of paths) {
    const abs = path.resolve(cwd, given);
    let st;
    try {
      st = await stat(abs);
    } catch (e) {
      report.failed.push({ file: given, ...toErrorShape(fileError(e, given)) });
      continue;
    }
    // A folder's files are named by their path from the folder's own name ("field office/2019/a.txt"), as a
    // folder dropped on the window names them: the record keeps that, never where the folder was on this machine.
    if (st.isDirectory()) for (const f of await walkTextFiles(abs)) add(f, path.relative(path.dirname(abs), f).split(path.sep).join('/'));
    else add(abs);
  }
  return out;
}

/** Every importable file under `dir`, in name order; hidden and system files and folders are skipped, and links to folders are not followed (no loops). */
async function walkTextFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out: string[] = [];
  for (const entry of entries) {
    if (SYSTEM_FILE.test(entry.name)) continue;
    const abs = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walkTextFiles(abs)));
    // A named pipe, socket or device with a document's name is tried, and its own error says why it is not imported.
    else if (IMPORTABLE_FILE.test(entry.name)) out.push(abs);
  }
  return out;
}

/** Lines per file (a CSV file has one per row), in the order the files were given. */
function printBatch(io: CliIo, idLength: number, batch: IncomingFile[], result: ImportReport): void {
  const lines = new Map<string, string[]>();
  const add = (file: string, line: string) => lines.set(file, [...(lines.get(file) ?? []), line]);
  const fileOf = (name: string) => batch.find((f) => f.name === name || name.startsWith(`${f.name}:`))?.name ?? name;
  for (const r of result.imported) {
    const version = r.versionOf ? `  (${say(io, text('cli_import_version_of', { id: r.versionOf.slice(0, idLength) }))})` : '';
    add(fileOf(r.file), `${say(io, text('cli_import_line_imported')).padEnd(STATUS_WIDTH)} ${r.file}  ${r.id.slice(0, idLength)}  ${r.title}${version}`);
  }
  for (const r of result.duplicates) {
    const same = r.near ? text('cli_import_near_copy_of', { id: r.id.slice(0, idLength) }) : text('cli_import_same_text_as', { id: r.id.slice(0, idLength) });
    add(fileOf(r.file), `${say(io, text('cli_import_line_duplicate')).padEnd(STATUS_WIDTH)} ${r.file}  ${say(io, same)}  ${r.title}`);
  }
  for (const r of result.failed) add(r.file, failureLine(io, r));
  for (const f of batch) for (const line of lines.get(f.name) ?? []) printLine(io.stdout, line);
}

/** "1,234 / 20,000 files · 310 files/s · reports/a.pdf" on a terminal's stderr, rewritten in place; nothing otherwise. */
class ImportProgressLine {
  #io: CliIo;
  #total: number;
  #on: boolean;
  #started = Date.now();
  #last = 0;
  #shown = false;

  constructor(io: CliIo, total: number, json: boolean) {
    this.#io = io;
    this.#total = total;
    this.#on = !json && io.stderr.isTTY === true && total > 1;
  }

  show(done: number, file: string): void {
    const now = Date.now();
    if (!this.#on || now - this.#last < 200) return;
    this.#last = now;
    const rate = done / Math.max(0.001, (now - this.#started) / 1000);
    const line = say(this.#io, text('cli_import_progress', { done, total: this.#total, rate: Math.round(rate), file }));
    this.#io.stderr.write(`\r\u001b[K${line.slice(0, 160)}`);
    this.#shown = true;
  }

  clear(): void {
    if (this.#shown) this.#io.stderr.write('\r\u001b[K');
    this.#shown = false;
  }
}

function printFailure(io: CliIo, failure: ImportReport['failed'][number]): void {
  printLine(io.stdout, failureLine(io, failure));
}

/** Each line starts with what happened, in a column as wide as the longest word for it. */
const STATUS_WIDTH = 10;

function failureLine(io: CliIo, failure: ImportReport['failed'][number]): string {
  const why = say(io, failure.text ?? failure.message);
  return `${say(io, text('cli_import_line_failed')).padEnd(STATUS_WIDTH)} ${failure.file}  ${why.replace(/\s*[\r\n]+\s*/g, ' ')}`;
}
