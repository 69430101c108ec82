// Dublin Core XML: one oai_dc:dc element per record (valid against the OAI-PMH oai_dc schema, each
// element declaring its own namespaces so it can be cut out and used alone), inside a plain
// <records> element. XML 1.0 cannot hold most control characters even escaped: each is written as
// U+FFFD (the JSON and CSV exports keep them). Mapping (README): title, creator, subject (each tag),
// description, publisher, date (EDTF as stored), type ("Text", then the record's type), format (the
// original's media type), identifier (the record's identifier and urn:cairn:record:<id>), source (what
// it was derived from, then the original file's name), language, coverage (place, and the places it
// mentions), rights.
import type { Entity } from '../../contract';
import type { ExportedRecord } from './export-source';

export const OAI_DC_NS = 'http://www.openarchives.org/OAI/2.0/oai_dc/';
export const DC_NS = 'http://purl.org/dc/elements/1.1/';
const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';
const SCHEMA_LOCATION = `${OAI_DC_NS} http://www.openarchives.org/OAI/2.0/oai_dc.xsd`;

// Characters XML 1.0 allows: tab, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD, U+10000–U+10FFFF.
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function xmlText(value: string): string {
  return value.replace(NOT_XML, '\uFFFD').replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;')).replace(/\r/g, '&#13;');
}

export function dcElement(record: ExportedRecord, entities: ReadonlyMap<string, Entity>): string {
  const lines: string[] = [];
  const add = (name: string, value: string | null | undefined, lang?: string) => {
    if (!value) return;
    lines.push(`    <dc:${name}${lang ? ` xml:lang="${xmlText(lang)}"` : ''}>${xmlText(value)}</dc:${name}>`);
  };
  const lang = record.language || undefined;
  add('title', record.title, lang);
  add('creator', record.creator);
  for (const tag of record.tags) add('subject', tag);
  add('description', record.description, lang);
  add('publisher', record.publisher);
  add('date', record.date);
  add('type', 'Text');
  if (record.type.trim().toLowerCase() !== 'text') add('type', record.type, lang);
  add('format', record.source?.mediaType);
  add('identifier', record.identifier);
  add('identifier', `urn:cairn:record:${record.id}`);
  add('source', record.derivedFrom);
  add('source', record.source?.fileName);
  add('language', record.language);
  add('coverage', record.place);
  const places = new Set<string>();
  for (const link of record.entities) {
    const e = entities.get(link.entity);
    if (e?.kind === 'place' && e.name !== record.place) places.add(e.name);
  }
  for (const p of [...places].sort()) add('coverage', p);
  add('rights', record.rights, lang);
  return `  <oai_dc:dc xmlns:oai_dc="${OAI_DC_NS}" xmlns:dc="${DC_NS}" xmlns:xsi="${XSI_NS}" xsi:schemaLocation="${SCHEMA_LOCATION}">\n${lines.join('\n')}\n  </oai_dc:dc>\n`;
}

export async function* dcChunks(records: AsyncIterable<ExportedRecord>, entities: ReadonlyMap<string, Entity>, about: { archive: string; exportedAt: string }): AsyncGenerator<string> {
  yield `<?xml version="1.0" encoding="UTF-8"?>\n<!-- Dublin Core (oai_dc) records exported by Cairn from "${xmlComment(about.archive)}" at ${about.exportedAt} -->\n<records>\n`;
  for await (const record of records) yield dcElement(record, entities);
  yield '</records>\n';
}

/** Text safe inside a comment: no "--", no characters XML forbids. */
function xmlComment(value: string): string {
  return value.replace(NOT_XML, '\uFFFD').replace(/-(?=-)/g, '- ').replace(/-$/, '- ');
}
