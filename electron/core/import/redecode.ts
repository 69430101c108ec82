// Reading a record's kept original again with another encoding, when detection chose wrongly: the
// text as the import would have made it with that encoding, and nothing else.
import type { CairnRecord, TextEncoding } from '../../contract';
import { text } from '../../common/i18n/text';
import { CairnError } from '../errors';
import { decodeWith, normalizeText } from './decode-text';

/** The media types whose text depends on an encoding (Word and PDF files say their own). */
const DECODABLE = new Set(['text/plain', 'text/markdown', 'text/html']);

/** The record's text read from `original` with `encoding`; refuses formats that carry their own encoding, and text that comes out empty. */
export async function redecodedText(record: CairnRecord, original: Uint8Array, encoding: TextEncoding): Promise<string> {
  const source = record.source;
  if (!source || !DECODABLE.has(source.mediaType) || source.row !== undefined) {
    throw new CairnError('E_UNSUPPORTED', text('redecode_not_text', { title: record.title }));
  }
  const decoded = decodeWith(original, encoding);
  const result = normalizeText(source.mediaType === 'text/html' ? (await import('./formats/html')).htmlToText(decoded).text : decoded);
  if (result.trim() === '') throw new CairnError('E_VALIDATION', text('redecode_empty', { encoding }));
  return result;
}
