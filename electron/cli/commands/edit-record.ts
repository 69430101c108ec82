// `cairn tag`, `untag` and `set`: change one record, always through Archive.update, so validation,
// revisions and errors are the core's, exactly as behind the other doors.
import { REVIEW_STATUSES, type CairnRecord, type RecordPatch } from '../../contract';
import type { Archive } from '../../core/archive';
import { CairnError } from '../../core/errors';
import { validateArgs } from '../../core/schemas';
import { EXIT_OK, printJson, printLine, UsageError } from '../cli-io';
import type { Command, CommandContext } from '../command';
import { resolveRecordId, withArchive } from '../open-archive';

/** The fields `cairn set` changes; tags have their own commands. */
export const SETTABLE_FIELDS = ['title', 'date', 'place', 'identifier', 'creator', 'language', 'description', 'status'] as const;
type SettableField = (typeof SETTABLE_FIELDS)[number];

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

const tagList = (tags: string[]) => (tags.length ? tags.join(', ') : 'none');

export const tagCommand: Command = {
  name: 'tag',
  summary: 'add tags to a record',
  synopsis: 'ID TAG…',
  options: {},
  async run(ctx) {
    const [id, ...tags] = ctx.positionals;
    if (!id || tags.length === 0) throw new UsageError('tag needs a record id and at least one tag.', ctx.usage);
    return editRecord(ctx, id, { addTags: tags }, (before, after) =>
      after.rev === before.rev ? `“${after.title}” already has ${tags.length === 1 ? 'that tag' : 'those tags'}; nothing changed. Tags: ${tagList(after.tags)}.` : `Tagged “${after.title}”. Tags: ${tagList(after.tags)}.`,
    );
  },
};

export const untagCommand: Command = {
  name: 'untag',
  summary: 'remove tags from a record',
  synopsis: 'ID TAG…',
  options: {},
  async run(ctx) {
    const [id, ...tags] = ctx.positionals;
    if (!id || tags.length === 0) throw new UsageError('untag needs a record id and at least one tag.', ctx.usage);
    return editRecord(ctx, id, { removeTags: tags }, (before, after) =>
      after.rev === before.rev ? `“${after.title}” has none of ${tags.length === 1 ? 'that tag' : 'those tags'}; nothing changed. Tags: ${tagList(after.tags)}.` : `Untagged “${after.title}”. Tags: ${tagList(after.tags)}.`,
    );
  },
};

export const setCommand: Command = {
  name: 'set',
  summary: 'change metadata fields: title, date, place, identifier, creator, language, description, status',
  synopsis: 'ID FIELD=VALUE…',
  details: `  FIELD is one of ${SETTABLE_FIELDS.join(', ')}.
  date takes 2018-04-30, 2018-04, 2018, XXXX-06-13 (year unknown) or "30 April 2018"; date= clears it.
  status takes ${REVIEW_STATUSES.join(', ')}.`,
  options: {},
  async run(ctx) {
    const [id, ...assignments] = ctx.positionals;
    if (!id || assignments.length === 0) throw new UsageError('set needs a record id and at least one FIELD=VALUE.', ctx.usage);
    const changes = parseAssignments(assignments, ctx.usage);
    return editRecord(ctx, id, changes, (before, after) => {
      if (after.rev === before.rev) return `“${after.title}” already has ${assignments.length === 1 ? 'that value' : 'those values'}; nothing changed.`;
      const fields = Object.keys(changes) as SettableField[];
      return `Updated “${after.title}” (revision ${after.rev}): ${fields.map((f) => `${f} = ${after[f] === null || after[f] === '' ? '(empty)' : JSON.stringify(after[f])}`).join(', ')}.`;
    });
  },
};

/** "title=New title" "date=" … into a patch; unknown or repeated fields are usage errors. */
export function parseAssignments(assignments: string[], usage: string): RecordPatch {
  const patch: Record<string, string | null> = {};
  for (const a of assignments) {
    const eq = a.indexOf('=');
    if (eq <= 0) throw new UsageError(`“${a}” is not FIELD=VALUE (for example title="Annual report" or date=2018-04-30).`, usage);
    const field = a.slice(0, eq).trim();
    const value = a.slice(eq + 1);
    if (!(SETTABLE_FIELDS as readonly string[]).includes(field)) {
      throw new UsageError(`There is no field “${field}”; set takes ${SETTABLE_FIELDS.join(', ')}.`, usage);
    }
    if (field in patch) throw new UsageError(`${field} is given twice.`, usage);
    if (field === 'status' && !(REVIEW_STATUSES as readonly string[]).includes(value.trim())) {
      throw new CairnError('E_VALIDATION', `A status is one of ${REVIEW_STATUSES.join(', ')}; “${value}” is not.`);
    }
    patch[field] = field === 'date' && value.trim() === '' ? null : field === 'status' ? value.trim() : value;
  }
  return patch as RecordPatch;
}
