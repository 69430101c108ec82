// `cairn history`, `review`, `queue`, `restore`, `undo` and `redo`: review with accountability from
// the command line, through the same core calls (and argument schemas) as the window's.
import { REVIEW_STATUSES, type ChangeEntry, type ChangeValue, type UndoResult } from '../../contract';
import { text } from '../../common/i18n/text';
import { changeFieldText, statusText } from '../../common/i18n/labels';
import { describeOperation } from '../../common/i18n/operations';
import { CairnError } from '../../core/errors';
import { validateArgs } from '../../core/schemas';
import type { Archive } from '../../core/archive';
import { checkQuery, EXIT_OK, printJson, printLine, QueryError, say, UsageError } from '../cli-io';
import type { Command, CommandContext } from '../command';
import { resolveRecordId, withArchive } from '../open-archive';
import { shortIdLength } from '../short-id';
import { fit, formatTable } from '../text-table';

const shown = (ctx: CommandContext, value: ChangeValue): string => {
  if (value === null || value === '') return say(ctx.io, text('cli_empty'));
  if (typeof value === 'string') return `“${value.length > 80 ? value.slice(0, 80) + '…' : value}”`;
  return JSON.stringify(value);
};

/** One line of a change: "title: “Old” → “New”", "tags: + Central Asia", "proposal confirmed: date". */
function changeLine(ctx: CommandContext, e: ChangeEntry): string {
  const field = say(ctx.io, changeFieldText(e.field));
  if (e.field === 'tags') return `${field}: ${e.after === null ? '−' : e.before === null ? '+' : '~'} ${String(e.after ?? e.before)}`;
  if (e.field === 'proposed') return `${field}: ${say(ctx.io, changeFieldText(e.item ?? ''))}${e.after === true ? ' (' + say(ctx.io, text('cli_history_proposed_again')) + ')' : ''}`;
  if (e.field === 'record') return say(ctx.io, e.before === null ? text('cli_history_created') : text('cli_history_taken_out'));
  if (e.field === 'status') return `${field}: ${say(ctx.io, statusText(e.before as never))} → ${say(ctx.io, statusText(e.after as never))}`;
  return `${field}: ${shown(ctx, e.before)} → ${shown(ctx, e.after)}`;
}

export const historyCommand: Command = {
  name: 'history',
  summary: 'cli_history_summary',
  synopsis: 'ID',
  details: text('cli_history_details'),
  options: {},
  async run(ctx) {
    const [given, ...extra] = ctx.positionals;
    if (!given || extra.length) throw new UsageError(text('cli_needs_one_id'), ctx.usage);
    return withArchive(ctx, 'read', async (archive) => {
      const id = resolveRecordId(archive, given);
      const { entries, damaged } = await archive.history(id);
      if (damaged > 0) printLine(ctx.io.stderr, say(ctx.io, text('history_damaged_lines', { count: damaged })));
      if (ctx.json) {
        printJson(
          ctx.io.stdout,
          entries.map((e) => ({ change: e.change, op: e.op, at: e.at, who: e.who, field: e.field, item: e.item ?? null, before: e.before, after: e.after, comment: e.comment ?? null })),
        );
        return EXIT_OK;
      }
      if (entries.length === 0) {
        printLine(ctx.io.stdout, say(ctx.io, text('cli_history_empty', { title: archive.get(id).title })));
        return EXIT_OK;
      }
      let op = '';
      for (const e of entries) {
        if (e.op !== op) {
          op = e.op;
          const who = e.who.name || say(ctx.io, text('history_no_name'));
          printLine(ctx.io.stdout, `${e.at.slice(0, 16).replace('T', ' ')}Z  ${who}  (${e.who.replica})  op ${e.op}${e.comment ? `  “${e.comment}”` : ''}`);
        }
        // The review mark goes with its status line (who and the comment head the operation); --json has it.
        if (e.field !== 'review') printLine(ctx.io.stdout, `  ${changeLine(ctx, e)}  [${e.change}]`);
      }
      return EXIT_OK;
    });
  },
};

export const reviewCommand: Command = {
  name: 'review',
  summary: 'cli_review_summary',
  synopsis: `ID --status ${REVIEW_STATUSES.join('|')} [--comment TEXT] [--confirm]`,
  details: text('cli_review_details'),
  options: { status: { type: 'string' }, comment: { type: 'string' }, confirm: { type: 'boolean' } },
  async run(ctx) {
    const [given, ...extra] = ctx.positionals;
    if (!given || extra.length) throw new UsageError(text('cli_needs_one_id'), ctx.usage);
    const status = typeof ctx.options.status === 'string' ? ctx.options.status.trim() : '';
    if (!status) throw new UsageError(text('cli_review_needs_status', { statuses: REVIEW_STATUSES.join(', ') }), ctx.usage);
    if (!(REVIEW_STATUSES as readonly string[]).includes(status)) throw new CairnError('E_VALIDATION', text('cli_bad_status', { statuses: REVIEW_STATUSES.join(', '), value: status }));
    return withArchive(ctx, 'write', async (archive) => {
      const id = resolveRecordId(archive, given);
      const args = validateArgs('records.review', { id, status, comment: ctx.options.comment, confirmProposals: ctx.options.confirm === true });
      const record = await archive.review(args);
      if (ctx.json) printJson(ctx.io.stdout, record);
      else printLine(ctx.io.stdout, say(ctx.io, text('cli_reviewed', { title: record.title, status: statusText(record.status), who: record.review?.by.name || say(ctx.io, text('history_no_name')) })));
      return EXIT_OK;
    });
  },
};

export const queueCommand: Command = {
  name: 'queue',
  summary: 'cli_queue_summary',
  synopsis: '[--query Q]',
  details: text('cli_queue_details'),
  options: { query: { type: 'string' } },
  async run(ctx) {
    if (ctx.positionals.length) throw new UsageError(text('cli_queue_no_positionals'), ctx.usage);
    const query = typeof ctx.options.query === 'string' ? ctx.options.query : undefined;
    checkQuery(query);
    return withArchive(ctx, 'read', async (archive) => {
      const queue = archive.queue(validateArgs('review.queue', { query }).query);
      if (queue.problem) throw new QueryError(queue.problem, query ?? '');
      if (ctx.json) {
        printJson(ctx.io.stdout, queue.items.map((s) => ({ id: s.id, title: s.title, date: s.date, place: s.place, status: s.status, tags: s.tags, proposed: s.proposed })));
        return EXIT_OK;
      }
      if (queue.items.length > 0) {
        const idLength = shortIdLength(queue.items.map((s) => s.id));
        const rows = queue.items.map((s) => [s.id.slice(0, idLength), s.date ?? '', s.status, String(s.proposed), fit(s.title, 70)]);
        const headings = ['cli_column_id', 'cli_column_date', 'cli_column_status', 'cli_column_proposed', 'cli_column_title'] as const;
        for (const line of formatTable(headings.map((key) => say(ctx.io, text(key))), rows)) printLine(ctx.io.stdout, line);
      }
      printLine(ctx.io.stdout, say(ctx.io, text('queue_progress', { done: queue.done, count: queue.total })));
      return EXIT_OK;
    }, { search: query !== undefined });
  },
};

export const restoreCommand: Command = {
  name: 'restore',
  summary: 'cli_restore_summary',
  synopsis: 'ID --change CHANGE | --at TIME [--comment TEXT]',
  details: text('cli_restore_details'),
  options: { change: { type: 'string' }, at: { type: 'string' }, comment: { type: 'string' } },
  async run(ctx) {
    const [given, ...extra] = ctx.positionals;
    if (!given || extra.length) throw new UsageError(text('cli_needs_one_id'), ctx.usage);
    const { change, at, comment } = ctx.options;
    if ((change === undefined) === (at === undefined)) throw new UsageError(text('cli_restore_needs_one'), ctx.usage);
    return withArchive(ctx, 'write', async (archive) => {
      const id = resolveRecordId(archive, given);
      const before = archive.get(id);
      const record = await archive.restore(validateArgs('records.restore', { id, change, at, comment }));
      if (ctx.json) printJson(ctx.io.stdout, record);
      else printLine(ctx.io.stdout, say(ctx.io, record.rev === before.rev ? text('cli_restore_unchanged', { title: record.title }) : text('cli_restored', { title: record.title, rev: String(record.rev) })));
      return EXIT_OK;
    });
  },
};

async function reverse(ctx: CommandContext, how: (archive: Archive) => Promise<UndoResult>, done: 'cli_undid' | 'cli_redid'): Promise<number> {
  if (ctx.positionals.length) throw new UsageError(text('cli_undo_no_arguments'), ctx.usage);
  return withArchive(ctx, 'write', async (archive) => {
    const result = await how(archive);
    if (ctx.json) printJson(ctx.io.stdout, result);
    else {
      const what = describeOperation(result.reversed, result.titles, (s) => say(ctx.io, s));
      printLine(ctx.io.stdout, say(ctx.io, text(done, { what, op: result.reversed.op, who: result.reversed.who.name || say(ctx.io, text('history_no_name')) })));
    }
    return EXIT_OK;
  });
}

export const undoCommand: Command = {
  name: 'undo',
  summary: 'cli_undo_summary',
  synopsis: '',
  options: {},
  run: (ctx) => reverse(ctx, (archive) => archive.undo(), 'cli_undid'),
};

export const redoCommand: Command = {
  name: 'redo',
  summary: 'cli_redo_summary',
  synopsis: '',
  options: {},
  run: (ctx) => reverse(ctx, (archive) => archive.redo(), 'cli_redid'),
};
