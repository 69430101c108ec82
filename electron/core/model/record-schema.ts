// The shape every record file must have to be loaded, and the record format's version.
import { z } from 'zod';
import { EDITABLE_FIELDS, ENTITY_KINDS, REVIEW_STATUSES, type CairnRecord } from '../../contract';

/**
 * The version of the record format this Cairn writes into every record file. A record without it
 * was written before records carried one, and is version 1. Bump with a migration.
 * 1: metadata, tags, status, text. 2: annotations, notes and entity links (a version-1 record reads
 * as having none; it is written as version 2 on its next change). 3: the Dublin Core fields publisher,
 * type, derivedFrom (dc:source) and rights (an earlier record reads them as empty, and is written as
 * version 3 on its next change).
 */
export const RECORD_FORMAT_VERSION = 3;

const text = z.string();
const source = z.looseObject({
  fileName: text,
  mediaType: text,
  encoding: text,
  bytes: z.number().int().nonnegative(),
  sha256: text,
  importedAt: text,
  encodingConfidence: z.number().min(0).max(1).optional(),
  parser: text.optional(),
  path: text.optional(),
  row: z.number().int().positive().optional(),
  versionOf: text.optional(),
  detectedEncoding: text.optional(),
});

const author = z.object({ name: text, replica: text });
const position = z.object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() }).refine((p) => p.end > p.start, 'a passage ends after it starts');
const annotation = z.looseObject({
  id: text,
  position: position.nullable(),
  quote: z.object({ exact: text.min(1), prefix: text, suffix: text }),
  note: text,
  tags: z.array(text),
  approximate: z.boolean().optional(),
  by: author,
  createdAt: text,
  updatedAt: text,
});
const note = z.looseObject({ id: text, text, by: author, createdAt: text, updatedAt: text });
const entityLink = z.looseObject({ entity: text, proposed: z.boolean() });

/**
 * Loose: fields this Cairn does not know (written by a newer Cairn, or added by hand) are kept as
 * they are, so rewriting a record never drops them.
 */
export const recordSchema = z.looseObject({
  formatVersion: z.number().int().positive().default(1),
  id: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'an id is 1–100 letters, digits, _ or -'),
  rev: z.number().int().nonnegative(),
  title: text,
  date: z.string().nullable(),
  place: text,
  identifier: text,
  creator: text,
  // Format 3 (Dublin Core): absent from records written before, which read as empty.
  publisher: text.default(''),
  type: text.default(''),
  language: text,
  derivedFrom: text.default(''),
  rights: text.default(''),
  description: text,
  status: z.enum(REVIEW_STATUSES as [CairnRecord['status'], ...CairnRecord['status'][]]),
  tags: z.array(text),
  text,
  textHash: text,
  proposed: z.array(z.enum(EDITABLE_FIELDS as [CairnRecord['proposed'][number], ...CairnRecord['proposed'][number][]])),
  source: source.nullable(),
  annotations: z.array(annotation).default([]),
  notes: z.array(note).default([]),
  entities: z.array(entityLink).default([]),
  createdAt: text,
  updatedAt: text,
});

// The schema and the contract's type describe one record: a field added to one must be added to the other.
type Known<T> = { [K in keyof T as string extends K ? never : K]: T[K] };
type Parsed = Omit<Known<z.output<typeof recordSchema>>, 'source' | 'annotations' | 'notes' | 'entities'> & {
  source: Known<z.output<typeof source>> | null;
  annotations: Known<z.output<typeof annotation>>[];
  notes: Known<z.output<typeof note>>[];
  entities: Known<z.output<typeof entityLink>>[];
};
const schemaFitsType = (r: Parsed): CairnRecord => r;
const typeFitsSchema = (r: CairnRecord): Parsed => r;
void schemaFitsType;
void typeFitsSchema;

/** Validates a parsed record file; throws an Error whose message names the first bad field in words. */
export function parseRecord(raw: unknown): CairnRecord {
  const parsed = recordSchema.safeParse(raw);
  if (parsed.success) return parsed.data as CairnRecord;
  const issue = parsed.error.issues[0]!;
  const where = issue.path.length ? issue.path.join('.') : 'the file';
  const found = valueAt(raw, issue.path);
  const what = found === undefined ? 'is missing' : `is ${describe(found)}`;
  throw new Error(`not a valid Cairn record: ${where} ${what} (${issue.message})`);
}

function valueAt(raw: unknown, at: PropertyKey[]): unknown {
  let value = raw;
  for (const key of at) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `“${value.length > 40 ? value.slice(0, 40) + '…' : value}”`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

/** The shape every entity file must have. */
export const entitySchema = z.looseObject({
  formatVersion: z.number().int().positive().default(1),
  id: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'an id is 1–100 letters, digits, _ or -'),
  rev: z.number().int().nonnegative(),
  kind: z.enum(ENTITY_KINDS as [string, ...string[]]),
  name: text.min(1),
  aliases: z.array(text),
  createdAt: text,
  updatedAt: text,
});
