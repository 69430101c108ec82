// CSV (RFC 4180): UTF-8, CRLF line ends, a header row, one row per record; fields quoted when they
// hold a comma, quote or line break (quotes doubled), by csv-stringify. Documented in the README:
// - several values in one cell (tags, entity names, notes) are joined with " | "; a "|" or "\" inside
//   a value is escaped with a backslash, so the values can be split again unambiguously;
// - a cell that starts with = + - @, a tab or a carriage return is prefixed with an apostrophe, so a
//   spreadsheet program shows it as text instead of running it as a formula (CSV injection).
import { stringify } from 'csv-stringify/sync';
import { CSV_FIELDS, type CsvField, type EntityKind } from '../../contract';
import type { Entity } from '../../contract';
import type { ExportedRecord } from './export-source';

export const CSV_SEPARATOR = ' | ';

/** The columns in their fixed order; 'id' always, 'notes' only when notes are exported. */
export function csvColumns(fields: readonly CsvField[], includeNotes: boolean): CsvField[] {
  const chosen = new Set<CsvField>([...fields, 'id']);
  return CSV_FIELDS.filter((f) => chosen.has(f) && (f !== 'notes' || includeNotes));
}

export function joinValues(values: readonly string[]): string {
  return values.map((v) => v.replace(/[\\|]/g, (c) => `\\${c}`)).join(CSV_SEPARATOR);
}

/** Splits a joined cell back into its values (for tools and tests): the inverse of joinValues. */
export function splitValues(cell: string): string[] {
  if (cell === '') return [];
  const values: string[] = [];
  let current = '';
  for (let i = 0; i < cell.length; i++) {
    const c = cell[i];
    if (c === '\\' && i + 1 < cell.length) {
      current += cell[++i];
    } else if (cell.startsWith(CSV_SEPARATOR, i)) {
      values.push(current);
      current = '';
      i += CSV_SEPARATOR.length - 1;
    } else current += c;
  }
  values.push(current);
  return values;
}

/** Neutralises a cell a spreadsheet would take for a formula. */
export function neutralise(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

export function csvCell(record: ExportedRecord, field: CsvField, entities: ReadonlyMap<string, Entity>): string {
  const named = (kind: EntityKind) =>
    joinValues(record.entities.flatMap((link) => {
      const e = entities.get(link.entity);
      return e && e.kind === kind ? [e.name] : [];
    }));
  switch (field) {
    case 'id': case 'title': case 'place': case 'identifier': case 'creator': case 'publisher': case 'type': case 'language': case 'derivedFrom': case 'rights': case 'description': case 'status': case 'createdAt': case 'updatedAt': case 'text':
      return record[field];
    case 'date': return record.date ?? '';
    case 'tags': return joinValues(record.tags);
    case 'people': return named('person');
    case 'organizations': return named('organization');
    case 'places': return named('place');
    case 'annotations': return String(record.annotations.length);
    case 'notes': return joinValues(record.notes.map((n) => n.text));
    case 'reviewedBy': return record.review?.by.name ?? '';
    case 'reviewedAt': return record.review?.at ?? '';
    case 'reviewComment': return record.review?.comment ?? '';
    case 'sourceFile': return record.source?.fileName ?? '';
    case 'sourceSha256': return record.source?.sha256 ?? '';
  }
}

function row(cells: string[]): string {
  return stringify([cells.map(neutralise)], { record_delimiter: 'windows', eof: true, quoted_match: /^\s|\s$/ });
}

export async function* csvChunks(records: AsyncIterable<ExportedRecord>, columns: readonly CsvField[], entities: ReadonlyMap<string, Entity>, bom: boolean): AsyncGenerator<string> {
  yield `${bom ? '\ufeff' : ''}${row([...columns])}`;
  for await (const record of records) yield row(columns.map((f) => csvCell(record, f, entities)));
}
