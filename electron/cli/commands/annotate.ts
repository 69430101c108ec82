// `cairn annotate` and `cairn notes`: annotations on a record's text and notes on the record, through
// the same core calls (and argument schemas) as the window's.
import type { Annotation } from '../../contract';
import { text } from '../../common/i18n/text';
import { inTextOrder } from '../../common/annotations/text-order';
import { validateArgs } from '../../core/schemas';
import { EXIT_OK, printJson, printLine, say, UsageError } from '../cli-io';
import type { Command, CommandContext } from '../command';
import { resolveRecordId, withArchive } from '../open-archive';
import { fit, formatTable } from '../text-table';

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** An annotation as scripts read it: offsets are UTF-16 code units into the record's text, null when orphaned. */
export function annotationJson(a: Annotation) {
  return { id: a.id, quote: a.quote.exact, start: a.position?.start ?? null, end: a.position?.end ?? null, note: a.note, tags: a.tags, orphaned: a.position === null, approximate: a.approximate === true };
}


export const annotateCommand: Command = {
  name: 'annotate',
  summary: 'cli_annotate_summary',
  synopsis: 'ID --quote TEXT [--occurrence N] [--note TEXT] [--tag T]… | ID --list | ID --remove AID',
  details: text('cli_annotate_details'),
  options: { quote: { type: 'string' }, occurrence: { type: 'string' }, note: { type: 'string' }, tag: { type: 'string', multiple: true }, list: { type: 'boolean' }, remove: { type: 'string' } },
  async run(ctx) {
    const [given, ...extra] = ctx.positionals;
    if (!given || extra.length) throw new UsageError(text('cli_needs_one_id'), ctx.usage);
    const o = ctx.options;
    const modes = [o.quote !== undefined, o.list === true, o.remove !== undefined].filter(Boolean).length;
    if (modes !== 1) throw new UsageError(text('cli_annotate_one_mode'), ctx.usage);
    if (o.list) return listAnnotations(ctx, given);
    if (o.remove !== undefined) {
      return withArchive(ctx, 'write', async (archive) => {
        const id = resolveRecordId(archive, given);
        const args = validateArgs('annotations.remove', { id, annotation: str(o.remove) });
        const record = await archive.removeAnnotation(args.id, args.annotation);
        if (ctx.json) printJson(ctx.io.stdout, { removed: args.annotation, record: record.id });
        else printLine(ctx.io.stdout, say(ctx.io, text('cli_annotation_removed', { title: record.title })));
        return EXIT_OK;
      });
    }
    const occurrence = o.occurrence === undefined ? undefined : Number(o.occurrence);
    if (occurrence !== undefined && !(Number.isInteger(occurrence) && occurrence >= 1)) throw new UsageError(text('cli_annotate_bad_occurrence', { given: String(o.occurrence) }), ctx.usage);
    return withArchive(ctx, 'write', async (archive) => {
      const id = resolveRecordId(archive, given);
      const args = validateArgs('annotations.add', { id, quote: str(o.quote), occurrence, note: str(o.note), tags: strings(o.tag).length ? strings(o.tag) : undefined });
      const { annotation } = await archive.annotate(args);
      // The id alone, so that a script can keep it: AID=$(cairn annotate …).
      if (ctx.json) printJson(ctx.io.stdout, annotationJson(annotation));
      else printLine(ctx.io.stdout, annotation.id);
      return EXIT_OK;
    });
  },
};

async function listAnnotations(ctx: CommandContext, given: string): Promise<number> {
  return withArchive(ctx, 'read', async (archive) => {
    const record = archive.get(resolveRecordId(archive, given));
    const list = inTextOrder(record.annotations);
    if (ctx.json) {
      printJson(ctx.io.stdout, list.map(annotationJson));
      return EXIT_OK;
    }
    if (list.length === 0) {
      printLine(ctx.io.stdout, say(ctx.io, text('cli_annotations_none', { title: record.title })));
      return EXIT_OK;
    }
    const orphaned = say(ctx.io, text('cli_annotation_orphaned'));
    const rows = list.map((a) => [a.id, a.position ? `${a.position.start}–${a.position.end}` : orphaned, `“${fit(a.quote.exact.replace(/\s+/g, ' '), 40)}”`, a.tags.join(', '), fit(a.note.replace(/\s+/g, ' '), 40)]);
    const header = ['cli_col_annotation', 'cli_col_where', 'cli_col_passage', 'cli_col_tags', 'cli_col_note'] as const;
    for (const line of formatTable(header.map((k) => say(ctx.io, text(k))), rows)) printLine(ctx.io.stdout, line);
    return EXIT_OK;
  });
}

export const notesCommand: Command = {
  name: 'notes',
  summary: 'cli_notes_summary',
  synopsis: 'ID [--add TEXT | --remove NID]',
  details: text('cli_notes_details'),
  options: { add: { type: 'string' }, remove: { type: 'string' } },
  async run(ctx) {
    const [given, ...extra] = ctx.positionals;
    if (!given || extra.length) throw new UsageError(text('cli_needs_one_id'), ctx.usage);
    const add = str(ctx.options.add);
    const remove = str(ctx.options.remove);
    if (add !== undefined && remove !== undefined) throw new UsageError(text('cli_notes_one_mode'), ctx.usage);
    return withArchive(ctx, add !== undefined || remove !== undefined ? 'write' : 'read', async (archive) => {
      const id = resolveRecordId(archive, given);
      if (add !== undefined) {
        const args = validateArgs('notes.add', { id, text: add });
        const { note } = await archive.addNote(args.id, args.text);
        if (ctx.json) printJson(ctx.io.stdout, note);
        else printLine(ctx.io.stdout, note.id);
        return EXIT_OK;
      }
      if (remove !== undefined) {
        const args = validateArgs('notes.remove', { id, note: remove });
        const record = await archive.removeNote(args.id, args.note);
        if (ctx.json) printJson(ctx.io.stdout, { removed: args.note, record: record.id });
        else printLine(ctx.io.stdout, say(ctx.io, text('cli_note_removed', { title: record.title })));
        return EXIT_OK;
      }
      const record = archive.get(id);
      if (ctx.json) printJson(ctx.io.stdout, record.notes);
      else if (record.notes.length === 0) printLine(ctx.io.stdout, say(ctx.io, text('cli_notes_none', { title: record.title })));
      else for (const n of record.notes) printLine(ctx.io.stdout, `${n.id}  ${n.createdAt.slice(0, 16).replace('T', ' ')}Z  ${n.by.name || say(ctx.io, text('history_no_name'))}\n  ${n.text.replace(/\n/g, '\n  ')}`);
      return EXIT_OK;
    });
  },
};
