// Annotations as W3C Web Annotation JSON-LD: one AnnotationCollection whose single page holds every
// annotation of the exported records. Each targets its record (urn:cairn:record:<id>) with the
// TextQuoteSelector (exact, prefix, suffix) and, unless the passage was lost in a correction, a
// TextPositionSelector. The Web Annotation model counts positions in Unicode code points, Cairn
// stores UTF-16 offsets: they are converted here, so "𝑥" or an emoji before a passage does not shift it.
import type { Annotation } from '../../contract';
import type { ExportedRecord } from './export-source';

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

/** UTF-16 offset → code point offset in `text`. */
export function codePointOffset(text: string, utf16: number): number {
  let points = 0;
  for (let i = 0; i < utf16 && i < text.length; i++) {
    const c = text.charCodeAt(i);
    // The second half of a surrogate pair is not a code point of its own.
    if (!(c >= 0xdc00 && c <= 0xdfff && i > 0 && text.charCodeAt(i - 1) >= 0xd800 && text.charCodeAt(i - 1) <= 0xdbff)) points++;
  }
  return points;
}

export function webAnnotation(record: ExportedRecord, a: Annotation): Record<string, unknown> {
  const body: Record<string, unknown>[] = [];
  if (a.note) body.push({ type: 'TextualBody', purpose: 'commenting', format: 'text/plain', value: a.note, ...(record.language ? { language: record.language } : {}) });
  for (const tag of a.tags) body.push({ type: 'TextualBody', purpose: 'tagging', value: tag });
  const selector: Record<string, unknown>[] = [{ type: 'TextQuoteSelector', exact: a.quote.exact, prefix: a.quote.prefix, suffix: a.quote.suffix }];
  if (a.position) selector.push({ type: 'TextPositionSelector', start: codePointOffset(record.text, a.position.start), end: codePointOffset(record.text, a.position.end) });
  return {
    id: `urn:cairn:annotation:${a.id}`,
    type: 'Annotation',
    motivation: a.note ? 'commenting' : a.tags.length > 0 ? 'tagging' : 'highlighting',
    created: a.createdAt,
    modified: a.updatedAt,
    ...(a.by.name ? { creator: { type: 'Person', name: a.by.name } } : {}),
    ...(body.length > 0 ? { body } : {}),
    target: { source: `urn:cairn:record:${record.id}`, ...(record.title ? { 'dc:title': record.title } : {}), selector },
    ...(a.approximate ? { 'cairn:approximate': true } : {}),
  };
}

export async function* annotationChunks(records: AsyncIterable<ExportedRecord>, about: { archiveId: string; archive: string; exportedAt: string; total: number }): AsyncGenerator<string> {
  const head = {
    '@context': [ANNO_CONTEXT, { dc: 'http://purl.org/dc/elements/1.1/', cairn: 'urn:cairn:vocab:' }],
    id: `urn:cairn:archive:${about.archiveId}:annotations`,
    type: 'AnnotationCollection',
    label: `Annotations exported by Cairn from "${about.archive}"`,
    generated: about.exportedAt,
    total: about.total,
  };
  yield `${JSON.stringify(head, null, 2).slice(0, -2)},\n  "first": {\n    "type": "AnnotationPage",\n    "startIndex": 0,\n    "items": [`;
  let first = true;
  for await (const record of records) {
    for (const a of record.annotations) {
      yield `${first ? '' : ','}\n      ${JSON.stringify(webAnnotation(record, a), null, 2).replace(/\n/g, '\n      ')}`;
      first = false;
    }
  }
  yield `${first ? '' : '\n    '}]\n  }\n}\n`;
}
