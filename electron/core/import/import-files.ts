// Turns received files into new records: decode, fingerprint, refuse duplicates, keep the original.
import { createHash, randomUUID } from 'node:crypto';
import path from 'node:path';
import type { CairnRecord, ImportFile } from '../../contract';
import { MAX_IMPORT_FILE_BYTES } from '../../contract';
import { text as localText } from '../../common/i18n/text';
import { megabytes } from '../../common/i18n/sizes';
import { CairnError } from '../errors';
import { decodeText, normalizeForHash } from './decode-text';
import { extractMetadata } from './extract-metadata';
import { RECORD_FORMAT_VERSION } from '../model/record-schema';

export const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

const SUPPORTED = new Set(['.txt', '.text', '']);

export interface PreparedImport {
  record: CairnRecord;
  original: Uint8Array;
}

export function decodeBase64File(file: ImportFile): Uint8Array {
  const bytes = Buffer.from(file.dataBase64, 'base64');
  if (bytes.length > MAX_IMPORT_FILE_BYTES) {
    throw new CairnError('E_TOO_LARGE', localText('error_file_too_large', { name: file.name, size: megabytes(bytes.length), limit: megabytes(MAX_IMPORT_FILE_BYTES) }));
  }
  return bytes;
}

/** Builds a new record from one file's bytes, or throws a CairnError that names the file. */
export function prepareImport(fileName: string, bytes: Uint8Array, now: string): PreparedImport {
  const base = path.basename(fileName.replace(/\\/g, '/'));
  const ext = path.extname(base).toLowerCase();
  if (!SUPPORTED.has(ext)) {
    throw new CairnError('E_UNSUPPORTED_FORMAT', localText('import_unsupported_format', { name: base, ext }));
  }
  const { text, encoding } = decodeText(bytes, base);
  if (text.trim() === '') throw new CairnError('E_EMPTY_FILE', localText('import_only_white_space', { name: base }));
  const meta = extractMetadata(text);
  const proposed: CairnRecord['proposed'] = [];
  if (meta.title) proposed.push('title');
  if (meta.date) proposed.push('date');
  if (meta.place) proposed.push('place');
  if (meta.identifier) proposed.push('identifier');
  const record: CairnRecord = {
    formatVersion: RECORD_FORMAT_VERSION,
    id: randomUUID(),
    rev: 1,
    title: meta.title ?? base.replace(/\.[^.]+$/, ''),
    date: meta.date,
    place: meta.place ?? '',
    identifier: meta.identifier ?? '',
    creator: '',
    language: '',
    description: '',
    status: 'new',
    tags: [],
    text,
    textHash: sha256(normalizeForHash(text)),
    proposed,
    source: { fileName: base, mediaType: 'text/plain', encoding, bytes: bytes.length, sha256: sha256(bytes), importedAt: now },
    annotations: [],
    notes: [],
    entities: [],
    createdAt: now,
    updatedAt: now,
  };
  return { record, original: bytes };
}
