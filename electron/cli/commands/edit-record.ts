// `cairn tag`, `untag` and `set`: change one record, always through Archive.update, so validation,
// revisions and errors are the core's, exactly as behind the other doors.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { EDITABLE_FIELDS, REVIEW_STATUSES, type CairnRecord, type RecordPatch } from '../../contract';
import type { Archive } from '../../core/archive';
import { text } from '../../common/i18n/text';
import { CairnError } from '../../core/errors';
import { validateArgs } from '../../core/schemas';
import { EXIT_OK, printJson, printLine, say, UsageError } from '../cli-io';
import type { Command, CommandContext } from '../command';
import { resolveRecordId, withArchive } from '../open-archive';

/** The fields `cairn set` changes; tags have their own commands. */
export const SETTABLE_FIELDS = [...EDITABLE_FIELDS, 'status', 'text'] as const;
type SettableField = (typeof SETTABLE_FIELDS)[number];
/** Dublin Core's own names for fields Cairn names otherwise (dc:source is `derivedFrom`: a record's `source` is where its file came from). */
const FIELD_ALIASES: Record<string, SettableField> = { source: 'derivedFrom' };

async function editRecord(ctx: CommandContext, given: string, changes: RecordPatch, describe: (before: CairnRecord, after: CairnRecord) => string): Promise<number> {
  return withArchive(ctx, 'write', async (archive: Archive) => {
    const id = resolveRecordId(archive, given);
    const before = archive.get(id);
    // The same schema every door validates with, then the one function through which records change.
    const args = validateArgs('records.update', { id, changes });
    const after = await archive.update(args);
    if (ctx.json) printJson(ctx.io.stdout, { changed: after.rev !== before.rev, record: after });
    else printLine(ctx.io.stdout, describe(before, after));
    return EXIT_OK;
  });
}

const tagList = (ctx: CommandContext, tags: string[]) => (tags.length ? tags.join(', ') : say(ctx.io, text('cli_none')));

export const tagCommand: Command = {
  name: 'tag',
  summary: 'cli_tag_summary',
  synopsis: 'ID TAG…',
  options: {},
  async run(ctx) {
    const [id, ...tags] = ctx.positionals;
    if (!id || tags.length === 0) throw new UsageError(text('cli_tag_needs'), ctx.usage);
    return editRecord(ctx, id, { addTags: tags }, (before, after) =>
      say(ctx.io, after.rev === before.rev ? text('cli_tag_unchanged', { title: after.title, count: tags.length, tags: tagList(ctx, after.tags) }) : text('cli_tagged', { title: after.title, tags: tagList(ctx, after.tags) })),
    );
  },
};

export const untagCommand: Command = {
  name: 'untag',
  summary: 'cli_untag_summary',
  synopsis: 'ID TAG…',
  options: {},
  async run(ctx) {
    const [id, ...tags] = ctx.positionals;
    if (!id || tags.length === 0) throw new UsageError(text('cli_untag_needs'), ctx.usage);
    return editRecord(ctx, id, { removeTags: tags }, (before, after) =>
      say(ctx.io, after.rev === before.rev ? text('cli_untag_unchanged', { title: after.title, count: tags.length, tags: tagList(ctx, after.tags) }) : text('cli_untagged', { title: after.title, tags: tagList(ctx, after.tags) })),
    );
  },
};

export const setCommand: Command = {
  name: 'set',
  summary: 'cli_set_summary',
  synopsis: 'ID FIELD=VALUE…',
  details: text('cli_set_details', { fields: SETTABLE_FIELDS.join(', '), statuses: REVIEW_STATUSES.join(', ') }),
  options: {},
  async run(ctx) {
    const [id, ...assignments] = ctx.positionals;
    if (!id || assignments.length === 0) throw new UsageError(text('cli_set_needs'), ctx.usage);
    const changes = parseAssignments(assignments, ctx.usage);
    // text=@FILE: a corrected text from a file (UTF-8 or UTF-16), as a whole text is too long to type.
    if (changes.text?.startsWith('@')) {
      const file = path.resolve(ctx.io.cwd, changes.text.slice(1));
      const { decodeText } = await import('../../core/import/decode-text');
      changes.text = decodeText(await readFile(file), path.basename(file)).text;
    }
    return editRecord(ctx, id, changes, (before, after) => {
      if (after.rev === before.rev) return say(ctx.io, text('cli_set_unchanged', { title: after.title, count: assignments.length }));
      if (changes.text !== undefined) return say(ctx.io, correctionSummary(before, after));
      const fields = Object.keys(changes).filter((f) => f !== 'text') as SettableField[];
      return say(ctx.io, text('cli_set_done', { title: after.title, rev: String(after.rev), values: fields.map((f) => `${f} = ${after[f] === null || after[f] === '' ? say(ctx.io, text('cli_empty')) : JSON.stringify(after[f])}`).join(', ') }));
    });
  },
};

/** What a correction did: the text's new revision and where its annotations went. */
function correctionSummary(before: CairnRecord, after: CairnRecord) {
  const was = new Map(before.annotations.map((a) => [a.id, a]));
  let moved = 0;
  let approximate = 0;
  let orphaned = 0;
  for (const a of after.annotations) {
    const old = was.get(a.id);
    if (!old) continue;
    if (a.position === null) orphaned += old.position === null ? 0 : 1;
    else if (a.approximate && !old.approximate) approximate++;
    else if (old.position?.start !== a.position.start || old.position.end !== a.position.end) moved++;
  }
  return text('cli_text_corrected', { title: after.title, rev: String(after.rev), count: after.annotations.length, moved, approximate, orphaned });
}

/** "title=New title" "date=" … into a patch; unknown or repeated fields are usage errors. */
export function parseAssignments(assignments: string[], usage: string): RecordPatch {
  const patch: Record<string, string | null> = {};
  for (const a of assignments) {
    const eq = a.indexOf('=');
    if (eq <= 0) throw new UsageError(text('cli_set_not_assignment', { given: a }), usage);
    const given = a.slice(0, eq).trim();
    const field = FIELD_ALIASES[given] ?? given;
    const value = a.slice(eq + 1);
    if (!(SETTABLE_FIELDS as readonly string[]).includes(field)) {
      throw new UsageError(text('cli_set_no_field', { field, fields: SETTABLE_FIELDS.join(', ') }), usage);
    }
    if (field in patch) throw new UsageError(text('cli_set_twice', { field }), usage);
    if (field === 'status' && !(REVIEW_STATUSES as readonly string[]).includes(value.trim())) {
      throw new CairnError('E_VALIDATION', text('cli_bad_status', { statuses: REVIEW_STATUSES.join(', '), value }));
    }
    patch[field] = field === 'date' && value.trim() === '' ? null : field === 'status' ? value.trim() : value;
  }
  return patch as RecordPatch;
}
