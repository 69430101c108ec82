// Argument schemas for every contract key: each door validates with these before calling the core.
import { z } from 'zod';
import {
  isTagColour,
  CSV_FIELDS,
  CSV_TARGETS,
  BULK_FIELDS,
  EDITABLE_FIELDS,
  EXPORT_FORMATS,
  ENTITY_KINDS,
  MAX_IMPORT_FILE_BYTES,
  CSV_PREVIEW_BYTES,
  TEXT_ENCODINGS,
  REVIEW_STATUSES,
  LIST_WINDOW_MAX,
  type ArgsOf,
  type BulkField,
  type ContractKey,
  type CsvTarget,
  type ErrorCode,
} from '../contract';
import { text } from '../common/i18n/text';
import { CairnError } from './errors';
import { LOCALES } from '../common/i18n/locale';
import { MAX_TAG_LENGTH } from '../common/tags/tag-paths';
import { MAX_VOCABULARY_IMPORT_BYTES } from './vocab/vocabulary-import';

const id = z.string().min(1).max(100).regex(/^[A-Za-z0-9_-]+$/, 'ids are letters, digits, _ and -');
const shortText = z.string().max(2000);
const tag = z.string().min(1).max(MAX_TAG_LENGTH + 100);
/** A tag the tag manager is to make: no longer than a tag may be. */
const tagName = z.string().min(1).max(MAX_TAG_LENGTH);
const tagChangeOptions = { dryRun: z.boolean().optional(), comment: z.string().max(10_000).optional() };
const folderPath = z.string().min(1).max(4096).refine((p) => !p.includes('\0'), 'paths cannot contain NUL');
const status = z.enum(REVIEW_STATUSES as [string, ...string[]]).transform((s) => s as (typeof REVIEW_STATUSES)[number]);
const field = z.enum(EDITABLE_FIELDS as [string, ...string[]]).transform((s) => s as (typeof EDITABLE_FIELDS)[number]);
const comment = z.string().max(10_000);
const kind = z.enum(ENTITY_KINDS as [string, ...string[]]).transform((k) => k as (typeof ENTITY_KINDS)[number]);
const entityName = z.string().min(1).max(300);
const noteText = z.string().max(100_000);
/** A record's whole text (a correction): up to the largest file the importer takes. */
const recordText = z.string().max(MAX_IMPORT_FILE_BYTES);
const noArgs = z.union([z.undefined(), z.null(), z.object({}).strict()]).transform(() => undefined);

const patch = z
  .object({
    title: z.string().max(1000).optional(),
    date: z.string().max(100).nullable().optional(),
    place: shortText.optional(),
    identifier: shortText.optional(),
    creator: shortText.optional(),
    publisher: shortText.optional(),
    type: shortText.optional(),
    language: z.string().max(100).optional(),
    derivedFrom: shortText.optional(),
    rights: shortText.optional(),
    description: z.string().max(100_000).optional(),
    status: status.optional(),
    text: recordText.optional(),
    tags: z.array(tag).max(1000).optional(),
    addTags: z.array(tag).max(1000).optional(),
    removeTags: z.array(tag).max(1000).optional(),
    confirm: z.array(field).max(EDITABLE_FIELDS.length).optional(),
  })
  .strict();

const sort = z
  .object({
    field: z.enum(['title', 'date', 'place', 'status', 'updatedAt', 'relevance']),
    direction: z.enum(['asc', 'desc']),
  })
  .strict();

type Schemas = { [K in ContractKey]: z.ZodType<ArgsOf<K>, unknown> };

const updateMany = z
  .object({
    ids: z.array(id).min(1).max(1_000_000),
    changes: patch.pick({ addTags: true, removeTags: true, status: true, confirm: true, ...(Object.fromEntries(BULK_FIELDS.map((f) => [f, true])) as Record<BulkField, true>) }),
    comment: comment.optional(),
  })
  .strict();
export const argumentSchemas = {
  'app.info': noArgs,
  'archive.info': noArgs,
  'archive.open': z.object({ path: folderPath }).strict(),
  'archive.create': z.object({ path: folderPath, name: z.string().max(200).optional() }).strict(),
  'archive.recent': noArgs,
  'archive.chooseFolder': z.object({ purpose: z.enum(['open', 'create', 'export', 'bag']) }).strict(),
  'records.list': z
    .object({
      query: z.string().max(2000).optional(),
      sort: sort.optional(),
      statuses: z.array(status).max(REVIEW_STATUSES.length).optional(),
      period: z.string().regex(/^\d{4}(-\d{2})?$/, 'a period is a year (2018) or a month (2018-04)').optional(),
      facets: z.boolean().optional(),
      offset: z.number().int().nonnegative().optional(),
      limit: z.number().int().min(1).max(LIST_WINDOW_MAX).optional(),
    })
    .strict(),
  'records.get': z.object({ id }).strict(),
  'records.hits': z.object({ id, query: z.string().max(2000) }).strict(),
  'records.snippets': z.object({ query: z.string().max(2000), ids: z.array(id).max(200) }).strict(),
  'records.summaries': z.object({ ids: z.array(id).max(LIST_WINDOW_MAX) }).strict(),
  'records.update': z.object({ id, ifRev: z.number().int().nonnegative().optional(), changes: patch, comment: comment.optional() }).strict(),
  'records.updateMany': updateMany,
  'records.updateManyStart': updateMany,
  'records.review': z.object({ id, status, comment: comment.optional(), confirmProposals: z.boolean().optional() }).strict(),
  'records.history': z.object({ id }).strict(),
  'records.restore': z
    .object({ id, change: z.string().min(1).max(100).optional(), at: z.string().min(1).max(100).optional(), comment: comment.optional() })
    .strict()
    .refine((a) => (a.change === undefined) !== (a.at === undefined), 'give either a change or a moment (at), not both'),
  'changes.undo': noArgs,
  'changes.redo': noArgs,
  'review.queue': z.object({ query: z.string().max(2000).optional() }).strict(),
  'review.overview': noArgs,
  'annotations.add': z
    .object({
      id,
      position: z.object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() }).strict().optional(),
      quote: z.string().max(100_000).optional(),
      occurrence: z.number().int().min(1).max(1_000_000).optional(),
      note: noteText.optional(),
      tags: z.array(tag).max(100).optional(),
    })
    .strict()
    .refine((a) => (a.position === undefined) !== (a.quote === undefined), 'give either a position or a quote, not both')
    .refine((a) => a.occurrence === undefined || a.quote !== undefined, 'an occurrence goes with a quote'),
  'annotations.update': z.object({ id, annotation: id, note: noteText.optional(), tags: z.array(tag).max(100).optional() }).strict(),
  'annotations.remove': z.object({ id, annotation: id }).strict(),
  'notes.add': z.object({ id, text: noteText }).strict(),
  'notes.update': z.object({ id, note: id, text: noteText }).strict(),
  'notes.remove': z.object({ id, note: id }).strict(),
  'entities.list': z.object({ kind: kind.optional() }).strict(),
  'entities.get': z.object({ id }).strict(),
  'entities.mark': z.object({ id, name: entityName, kind }).strict(),
  'entities.link': z.object({ id, entity: id }).strict(),
  'entities.unlink': z.object({ id, entity: id }).strict(),
  'entities.confirm': z.object({ id, entity: id }).strict(),
  'entities.update': z
    .object({ id, name: entityName.optional(), kind: kind.optional() })
    .strict()
    .refine((a) => a.name !== undefined || a.kind !== undefined, 'give a new name or kind'),
  'entities.alias': z.object({ id, name: entityName }).strict(),
  'entities.unalias': z.object({ id, name: entityName }).strict(),
  'entities.merge': z.object({ from: id, into: id }).strict(),
  'entities.split': z.object({ id, alias: entityName }).strict(),
  'records.csvPreview': z.object({ name: z.string().min(1).max(1000), dataBase64: z.string().max(Math.ceil((CSV_PREVIEW_BYTES * 4) / 3) + 4) }).strict(),
  'records.redecode': z.object({ id, encoding: z.enum(TEXT_ENCODINGS) }).strict(),
  'records.import': z
    .object({
      files: z
        .array(
          z
            .object({
              name: z.string().min(1).max(1000),
              // base64 of at most MAX_IMPORT_FILE_BYTES (checked again after decoding)
              dataBase64: z.string().max(Math.ceil((MAX_IMPORT_FILE_BYTES * 4) / 3) + 4),
            })
            .strict(),
        )
        .max(1000),
      session: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/).optional(),
      first: z.boolean().optional(),
      last: z.boolean().optional(),
      asNewVersions: z.boolean().optional(),
      csvMaps: z
        .record(z.string().min(1).max(1000), z.partialRecord(z.enum(CSV_TARGETS as unknown as [CsvTarget, ...CsvTarget[]]), z.string().min(1).max(200)))
        .refine((maps) => Object.keys(maps).length <= 1000, 'at most 1000 CSV files')
        .optional(),
    })
    .strict()
    .refine((a) => a.files.length > 0 || a.last === true, { message: 'give at least one file (or end an import session with last)', path: ['files'] }),
  'search.query': z.object({ query: z.string().max(2000), limit: z.number().int().min(1).max(10_000).optional(), offset: z.number().int().min(0).max(10_000_000).optional(), sort: sort.optional(), facets: z.boolean().optional() }).strict(),
  'tags.list': noArgs,
  'tags.entries': noArgs,
  'tags.change': z.discriminatedUnion('action', [
    z.object({ action: z.literal('rename'), tag, to: tagName, ...tagChangeOptions }).strict(),
    z.object({ action: z.literal('merge'), tag, into: tagName, ...tagChangeOptions }).strict(),
    z.object({ action: z.literal('move'), tag, parent: z.string().max(MAX_TAG_LENGTH).nullable(), ...tagChangeOptions }).strict(),
    z.object({ action: z.literal('color'), tag, color: z.string().transform((c) => c.trim().toLowerCase()).refine(isTagColour, 'a colour is written #rrggbb, e.g. #1d4ed8').nullable(), ...tagChangeOptions }).strict(),
    z.object({ action: z.literal('delete'), tag, ...tagChangeOptions }).strict(),
  ]),
  'vocabularies.list': noArgs,
  'searches.list': noArgs,
  'searches.save': z
    .object({
      name: z.string().trim().min(1, 'a saved search needs a name').max(100),
      query: z.string().trim().min(1, 'there is no query to save').max(2000),
      /** Undo of forgetting one: put back as it was, at `position`. */
      restore: z.object({ id: z.string().min(1).max(100), name: z.string().trim().min(1).max(100), query: z.string().trim().min(1).max(2000), createdAt: z.string().max(100), by: z.object({ name: z.string().max(200), replica: z.string().max(100) }) }).strict().optional(),
      position: z.number().int().min(0).max(10_000).optional(),
    })
    .strict(),
  'searches.remove': z.object({ search: z.string().min(1).max(100) }).strict(),
  'vocabularies.import': z
    .object({
      name: z.string().min(1).max(1000),
      dataBase64: z.string().max(Math.ceil((MAX_VOCABULARY_IMPORT_BYTES * 4) / 3) + 4),
      id: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'a vocabulary id is 1–100 letters, digits, _ or -').optional(),
      label: z.string().trim().min(1).max(200).optional(),
      dryRun: z.boolean().optional(),
    })
    .strict(),
  'export.count': z
    .object({
      query: z.string().max(2000).optional(),
      ids: z.array(id).max(1_000_000).optional(),
      format: z.enum(EXPORT_FORMATS as [string, ...string[]]).transform((f) => f as (typeof EXPORT_FORMATS)[number]).optional(),
      zip: z.boolean().optional(),
    })
    .strict(),
  'export.start': z
    .object({
      format: z.enum(EXPORT_FORMATS as [string, ...string[]]).transform((f) => f as (typeof EXPORT_FORMATS)[number]),
      query: z.string().max(2000).optional(),
      ids: z.array(id).max(1_000_000).optional(),
      fields: z.array(z.enum(CSV_FIELDS as [string, ...string[]]).transform((f) => f as (typeof CSV_FIELDS)[number])).max(CSV_FIELDS.length).optional(),
      includeNotes: z.boolean().optional(),
      includeNames: z.boolean().optional(),
      includeHistory: z.boolean().optional(),
      includeOriginals: z.boolean().optional(),
      csvBom: z.boolean().optional(),
      zip: z.boolean().optional(),
      exportedAt: z.iso.datetime({ offset: true }).optional(),
      organization: z.string().max(300).refine((s) => !/[\r\n]/.test(s), 'one line').optional(),
      folder: folderPath,
      name: z.string().min(1).max(200).refine((n) => !/[/\\\0]/.test(n), 'a plain file name, without folders').optional(),
      replace: z.boolean().optional(),
    })
    .strict(),
  'export.verifyBag': z.object({ path: folderPath }).strict(),
  'export.reveal': z.object({ path: folderPath }).strict(),
  'archive.takeBack': z.object({ path: folderPath }).strict(),
  'jobs.status': z.object({ job: z.uuid() }).strict(),
  'jobs.cancel': z.object({ job: z.uuid() }).strict(),
  'backups.list': noArgs,
  'backups.create': noArgs,
  'archive.verify': noArgs,
  'archive.repair': noArgs,
  'archive.copyTo': z.object({ path: folderPath }).strict(),
  'archive.takeOver': z.object({ path: folderPath }).strict(),
  'records.rebuild': z.object({ id }).strict(),
  'backups.restore': z
    .object({
      backup: z.string().min(1).max(80).regex(/^[0-9A-Za-z-]+$/, 'a backup id is letters, digits and -').optional(),
      record: id.optional(),
      file: z
        .string()
        .min(1)
        .max(500)
        .regex(/^(?!\/)(?!.*(^|\/)\.\.?(\/|$))[^\\:]+$/, 'a file of the archive, as its path inside the archive folder')
        .optional(),
    })
    .strict()
    .refine((a) => !(a.record && a.file), 'give a record or a file, not both'),
  'settings.get': noArgs,
  'settings.update': z.object({ language: z.enum(LOCALES).nullable().optional(), name: z.string().max(200).optional(), exportFolder: folderPath.optional() }).strict(),
} satisfies Schemas;

/** Parses a door's raw argument for `key`; throws E_VALIDATION with the first problem, in words. */
export function validateArgs<K extends ContractKey>(key: K, raw: unknown): ArgsOf<K> {
  const schema = argumentSchemas[key] as z.ZodType<ArgsOf<K>, unknown>;
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const detail = issue?.message ?? 'bad arguments';
  throw new CairnError(
    'E_VALIDATION' satisfies ErrorCode,
    issue && issue.path.length ? text('request_invalid_at', { key, path: issue.path.join('.'), detail }) : text('request_invalid', { key, detail }),
  );
}

export function isContractKey(key: string): key is ContractKey {
  return Object.prototype.hasOwnProperty.call(argumentSchemas, key);
}
