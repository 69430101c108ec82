// Starting an export as a background job, the same way for every door: the records fixed now, the
// target checked now (a bad name or an existing export is refused before any work), the writing
// left to the job, which the door polls and may cancel.
import type { ExportFormat, ExportStartArgs, ExportStarted, QueryProblem } from '../../contract';
import type { Jobs } from '../jobs/jobs';
import type { ExportSource } from './export-source';
import { exportTarget, proposedName, runExport, settle } from './run-export';

/** What start needs of an archive. */
export interface Exportable {
  root: string;
  exportSource(args: { query?: string; ids?: string[] }): ExportSource;
}

/** How many records an export would take and the name Cairn proposes for it, before it starts; a query that cannot be read gives its problem. */
export function exportPlan(archive: Exportable & { list(q: { query?: string }): { problem?: QueryProblem } }, args: { query?: string; ids?: string[]; format: ExportFormat; zip?: boolean }, now = new Date()): { count: number; problem: QueryProblem | null; name: string } {
  let source: ExportSource;
  try {
    source = archive.exportSource(args);
  } catch (e) {
    // A query that cannot be read: its problem, with its place, rather than the error's sentence.
    const problem = !args.ids && args.query?.trim() ? archive.list({ query: args.query }).problem : undefined;
    if (problem) return { count: 0, problem, name: '' };
    throw e;
  }
  const options = settle({ format: args.format, zip: args.zip }, source.archive.name, now);
  return { count: source.records.length, problem: null, name: proposedName(source.archive.name, source.query, options) };
}

export async function startExport(archive: Exportable, jobs: Jobs, args: ExportStartArgs, now = new Date()): Promise<ExportStarted> {
  const source = archive.exportSource(args);
  const options = settle(args, source.archive.name, now);
  const name = args.name?.trim() || proposedName(source.archive.name, source.query, options);
  const replace = args.replace ?? false;
  const target = await exportTarget(args.folder, name, archive.root, replace);
  const count = source.records.length;
  const status = jobs.start('export', count, async (control) => ({ result: await runExport(source, target, options, control, replace) }));
  return { job: status.job, target, count };
}
