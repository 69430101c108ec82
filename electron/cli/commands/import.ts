// `cairn import PATH…`: imports files, and folders' .txt files recursively, through Archive.importFiles.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ImportReport } from '../../contract';
import type { Archive, IncomingFile } from '../../core/archive';
import { CairnError, toErrorShape } from '../../core/errors';
import { fileError, readImportFile } from '../../core/import/read-import-file';
import { EXIT_OK, EXIT_USER_ERROR, printJson, printLine, UsageError, type CliIo } from '../cli-io';
import type { Command } from '../command';
import { displayPath, withArchive } from '../open-archive';
import { shortIdLength } from '../short-id';

/** Files taken from folders; a file named on the command line is always tried, whatever its name. */
const FOLDER_FILE = /\.(?:txt|text)$/i;
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
  summary: 'import text files, and the .txt files in folders (recursively)',
  synopsis: 'PATH…',
  options: {},
  async run(ctx) {
    if (ctx.positionals.length === 0) throw new UsageError('import needs at least one file or folder.', ctx.usage);
    const report: ImportReport = { imported: [], duplicates: [], failed: [] };
    const candidates = await collectFiles(ctx.positionals, ctx.io.cwd, report);
    if (candidates.length === 0 && report.failed.length === 0) {
      throw new CairnError('E_NOT_FOUND', `Found no .txt files in ${ctx.positionals.join(', ')}; nothing was imported.`);
    }
    const human = ctx.json ? null : ctx.io;
    for (const failure of report.failed) if (human) printFailure(human, failure);

    await withArchive(ctx, 'write', async (archive) => {
      let batch: IncomingFile[] = [];
      let batchBytes = 0;
      const flush = async () => {
        if (batch.length === 0) return;
        const result = await archive.importFiles(batch);
        report.imported.push(...result.imported);
        report.duplicates.push(...result.duplicates);
        report.failed.push(...result.failed);
        if (human) printBatch(human, archive, batch, result);
        batch = [];
        batchBytes = 0;
      };
      for (const c of candidates) {
        const bytes = await readCandidate(c, report, human);
        if (!bytes) continue;
        batch.push({ name: c.file, bytes });
        batchBytes += bytes.length;
        if (batch.length >= BATCH_FILES || batchBytes >= BATCH_BYTES) await flush();
      }
      await flush();
    });

    if (ctx.json) {
      printJson(ctx.io.stdout, report);
    } else {
      const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
      printLine(
        ctx.io.stdout,
        `${n(report.imported.length, 'file', 'files')} imported, ${n(report.duplicates.length, 'duplicate', 'duplicates')} skipped, ${n(report.failed.length, 'file', 'files')} failed.`,
      );
    }
    if (report.failed.length === 0) return EXIT_OK;
    const count = report.failed.length;
    printLine(ctx.io.stderr, `cairn: ${count} ${count === 1 ? 'file' : 'files'} could not be imported${ctx.json ? ' (see "failed")' : ''}.`);
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
  const add = (abs: string) => {
    if (seen.has(abs)) return;
    seen.add(abs);
    out.push({ abs, file: displayPath(cwd, abs) });
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
    if (st.isDirectory()) for (const f of await walkTextFiles(abs)) add(f);
    else add(abs);
  }
  return out;
}

/** Every .txt file under `dir`, in name order; hidden files and folders are skipped. */
async function walkTextFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const abs = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walkTextFiles(abs)));
    else if (FOLDER_FILE.test(entry.name) && (entry.isFile() || entry.isSymbolicLink())) out.push(abs);
  }
  return out;
}

/** One line per file, in the order the files were given. */
function printBatch(io: CliIo, archive: Archive, batch: IncomingFile[], result: ImportReport): void {
  const idLength = shortIdLength(archive.list().items.map((s) => s.id));
  const lines = new Map<string, string>();
  for (const r of result.imported) lines.set(r.file, `imported   ${r.file}  ${r.id.slice(0, idLength)}  ${r.title}`);
  for (const r of result.duplicates) lines.set(r.file, `duplicate  ${r.file}  same text as ${r.id.slice(0, idLength)}  ${r.title}`);
  for (const r of result.failed) lines.set(r.file, failureLine(r));
  for (const f of batch) {
    const line = lines.get(f.name);
    if (line) printLine(io.stdout, line);
  }
}

function printFailure(io: CliIo, failure: ImportReport['failed'][number]): void {
  printLine(io.stdout, failureLine(failure));
}

function failureLine(failure: ImportReport['failed'][number]): string {
  return `failed     ${failure.file}  ${failure.message.replace(/\s*[\r\n]+\s*/g, ' ')}`;
}
