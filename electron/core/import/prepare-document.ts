// Turns one received file into new records, in any format a field office holds: decode or parse it,
// normalise the text, fingerprint it, and propose what extraction finds. Pure (no archive, no
// files): it runs in the import worker thread, and in-process where a record is rebuilt from its original.
import { createHash, randomUUID } from 'node:crypto';
import { isUtf8 } from 'node:buffer';
import path from 'node:path';
import type { CairnErrorShape, CairnRecord, EditableField, RecordSource } from '../../contract';
import { text as localText } from '../../common/i18n/text';
import { CairnError, reasonOf, toErrorShape } from '../errors';
import { RECORD_FORMAT_VERSION } from '../model/record-schema';
import { languageTag } from '../model/record';
import { parseDateInput } from '../model/dates';
import { decodeText, decodeWith, normalizeForHash, normalizeText, type DecodedText } from './decode-text';
import { declaredHtmlCharset } from './formats/html-charset';
import { detectLanguage } from './detect-language';
import { extractEntities, type ExtractedEntity } from './extract-entities';
import { extractMetadata } from './extract-metadata';
import { nearHash } from './near-duplicate';
import { FormatError } from './formats/format-error';
import { kindOf, type DocumentKind } from './formats/index';
import { markdownTitle } from './formats/markdown';
import { csvRows, type CsvMap } from './csv-rows';

export const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

export interface ImportOptions {
  /** CSV: which column fills which field ("title" → "Headline"); unmapped columns are matched by name. */
  csvMap?: CsvMap;
  /** Propose the people, organizations and places the text names (default true; `cairn import --no-entities`). */
  entities?: boolean;
}

/** One new record made from a file (a CSV file makes one per row), with what extraction proposes. */
export interface PreparedDocument {
  record: CairnRecord;
  /** People, organizations and places the text names, proposed for linking. */
  entities: ExtractedEntity[];
  /** The text's typography-free fingerprint (near-duplicate.ts), made here, beside the other work on the text. */
  nearHash: string;
}

export interface PreparedFile {
  documents: PreparedDocument[];
  /** Rows of a CSV file that could not become records, each with its reason; the other rows still do. */
  failed: { row: number; error: CairnErrorShape }[];
}

const MEDIA_TYPES: Record<DocumentKind, string> = {
  text: 'text/plain',
  markdown: 'text/markdown',
  html: 'text/html',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  csv: 'text/csv',
  json: 'application/json',
  jsonl: 'application/jsonl',
};

/** The text of a file and what its format says of it, before extraction. */
interface Read {
  text: string;
  title: string | null;
  encoding: string;
  confidence: number;
  parser: string;
}

/**
 * Makes the records one file holds. `name` is the file's name as the person knows it (for a file
 * from a dropped folder, its path inside the folder). Throws a CairnError that names the file when
 * nothing can be made of it.
 */
export async function prepareFile(name: string, bytes: Uint8Array, now: string, options: ImportOptions = {}): Promise<PreparedFile> {
  const display = name.replace(/\\/g, '/');
  const base = path.posix.basename(display);
  if (bytes.length === 0) throw new CairnError('E_EMPTY_FILE', localText('import_empty_file', { name: base }));
  const kind = kindOf(base, bytes.subarray(0, 16));
  if (!kind) throw new CairnError('E_UNSUPPORTED_FORMAT', localText('import_unsupported_format', { name: base, ext: path.posix.extname(base).toLowerCase() || base }));
  if (kind === 'json' || kind === 'jsonl') throw new CairnError('E_UNSUPPORTED_FORMAT', localText('import_json_take_back', { name: base }));
  const source = { fileName: base, mediaType: MEDIA_TYPES[kind]!, bytes: bytes.length, sha256: sha256(bytes), importedAt: now, ...(display !== base ? { path: display } : {}) };
  if (kind === 'csv') return prepareCsv(base, bytes, source, now, options);
  const read = await readDocument(kind, base, bytes);
  return { documents: [makeDocument(read, base, { ...source, encoding: read.encoding, encodingConfidence: read.confidence, parser: read.parser }, now, options)], failed: [] };
}

/** Reads a single-document file into text; format errors become CairnErrors naming the file. */
/**
 * A web page in the encoding it declares, where it declares one Cairn reads and its bytes are not
 * UTF-8 already (a page re-saved as UTF-8 often keeps its old declaration); otherwise detected as
 * any text file is (a byte-order mark always wins).
 */
function decodeHtml(bytes: Uint8Array, base: string): DecodedText {
  const declared = declaredHtmlCharset(bytes);
  const bom = (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) || (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (declared && declared !== 'utf-8' && !bom && !isUtf8(bytes)) return { text: decodeWith(bytes, declared), encoding: declared, confidence: 1 };
  return decodeText(bytes, base);
}

async function readDocument(kind: Exclude<DocumentKind, 'csv' | 'json' | 'jsonl'>, base: string, bytes: Uint8Array): Promise<Read> {
  try {
    switch (kind) {
      case 'text':
      case 'markdown': {
        const decoded = decodeText(bytes, base);
        const text = normalizeText(decoded.text);
        return { text, title: kind === 'markdown' ? markdownTitle(text) : null, encoding: decoded.encoding, confidence: decoded.confidence, parser: kind === 'markdown' ? 'markdown' : 'plain-text' };
      }
      case 'html': {
        const decoded = decodeHtml(bytes, base);
        const { htmlToText } = await import('./formats/html');
        const page = htmlToText(decoded.text);
        return { text: normalizeText(page.text), title: page.title, encoding: decoded.encoding, confidence: decoded.confidence, parser: 'html (linkedom, readability)' };
      }
      case 'docx': {
        const { docxToText } = await import('./formats/docx');
        const doc = await docxToText(bytes);
        return { text: normalizeText(doc.text), title: doc.title, encoding: 'utf-8', confidence: 1, parser: 'docx (mammoth)' };
      }
      case 'pdf': {
        const { pdfToText } = await import('./formats/pdf');
        const doc = await pdfToText(bytes);
        return { text: normalizeText(doc.text), title: doc.title, encoding: 'binary', confidence: 1, parser: 'pdf (pdf.js)' };
      }
      default:
        throw new FormatError('unsupported', kind satisfies never);
    }
  } catch (e) {
    throw formatFailure(e, base, kind);
  }
}

/** A parser's FormatError in the person's words, naming the file; other errors pass unchanged. */
function formatFailure(e: unknown, name: string, kind: DocumentKind): unknown {
  if (!(e instanceof FormatError)) return e;
  switch (e.reason) {
    case 'encrypted':
      return new CairnError('E_UNSUPPORTED_FORMAT', localText('import_encrypted', { name }));
    case 'no-text-layer':
      return new CairnError('E_UNSUPPORTED_FORMAT', localText('import_no_text_layer', { name }));
    case 'empty':
      return new CairnError('E_EMPTY_FILE', localText('import_no_text', { name }));
    case 'corrupt':
      return new CairnError('E_DECODE', localText('import_corrupt', { name, format: kind.toUpperCase(), reason: e.message }));
    default:
      return new CairnError('E_UNSUPPORTED_FORMAT', localText('import_unsupported_format', { name, ext: path.posix.extname(name) }));
  }
}

/** A record from a document's text, with the fields extraction proposes marked as proposed. */
function makeDocument(read: Read, base: string, source: RecordSource, now: string, options: ImportOptions, given: Partial<Record<EditableField, string>> = {}, tags: string[] = []): PreparedDocument {
  const text = read.text;
  if (text.trim() === '') throw new CairnError('E_EMPTY_FILE', localText('import_only_white_space', { name: base }));
  const meta = extractMetadata(text);
  // A language a CSV column gives is a tag or a name ("Russian"): anything else fails the row, naming it.
  const language = given.language !== undefined ? languageTag(given.language) : detectLanguage(text);
  const proposed: EditableField[] = [];
  const propose = <T>(field: EditableField, value: T | null | undefined): T | null => {
    if (value === null || value === undefined || value === '') return null;
    proposed.push(field);
    return value;
  };
  const title = given.title || propose('title', read.title ?? meta.title) || base.replace(/\.[^.]+$/, '');
  const record: CairnRecord = {
    formatVersion: RECORD_FORMAT_VERSION,
    id: randomUUID(),
    rev: 1,
    title,
    date: given.date !== undefined ? given.date || null : propose('date', meta.date),
    place: given.place ?? propose('place', meta.place) ?? '',
    identifier: given.identifier ?? propose('identifier', meta.identifier) ?? '',
    creator: given.creator ?? '',
    publisher: given.publisher ?? '',
    type: given.type ?? '',
    language: given.language !== undefined ? (language ?? '') : (propose('language', language) ?? ''),
    derivedFrom: given.derivedFrom ?? '',
    rights: given.rights ?? '',
    description: given.description ?? '',
    status: 'new',
    tags,
    text,
    textHash: sha256(normalizeForHash(text)),
    proposed,
    source,
    annotations: [],
    notes: [],
    entities: [],
    createdAt: now,
    updatedAt: now,
  };
  return { record, entities: options.entities === false ? [] : extractEntities(text), nearHash: nearHash(text) };
}

/** One record per CSV row, through the column map; a row that cannot become a record fails alone. */
function prepareCsv(base: string, bytes: Uint8Array, source: Omit<RecordSource, 'encoding'>, now: string, options: ImportOptions): PreparedFile {
  const decoded = decodeText(bytes, base);
  const table = csvRows(decoded.text, base, options.csvMap);
  const out: PreparedFile = { documents: [], failed: [] };
  for (const row of table.rows) {
    try {
      const { date: written, ...rest } = row.fields;
      const given = written ? { ...rest, date: parseDateInput(written) ?? '' } : rest;
      const read: Read = { text: normalizeText(row.text), title: null, encoding: decoded.encoding, confidence: decoded.confidence, parser: 'csv (csv-parse)' };
      out.documents.push(makeDocument(read, `${base} ${row.line}`, { ...source, encoding: decoded.encoding, encodingConfidence: decoded.confidence, parser: read.parser, row: row.line }, now, options, given, row.tags));
    } catch (e) {
      const said = localText('import_csv_row_failed', { name: base, row: row.line, reason: reasonOf(e) });
      out.failed.push({ row: row.line, error: toErrorShape(new CairnError(e instanceof CairnError ? e.code : 'E_VALIDATION', said)) });
    }
  }
  return out;
}
