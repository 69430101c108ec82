// A spreadsheet of records (CSV) read into rows of field values, through a column map a person
// gives (`--map title=Headline,date=Date`, or the import dialog's mapping step) or by the columns' names.
import { parse } from 'csv-parse/sync';
import { text } from '../../common/i18n/text';
import { CairnError } from '../errors';

import { CSV_TARGETS, type CsvTarget } from '../../contract';

export { CSV_TARGETS, type CsvTarget };
export type CsvMap = Partial<Record<CsvTarget, string>>;
export type CsvField = Exclude<CsvTarget, 'text' | 'tags'>;

export interface CsvRow {
  /** The row's number as a spreadsheet shows it (the header is row 1). */
  line: number;
  fields: Partial<Record<CsvField, string>>;
  text: string;
  tags: string[];
}

export interface CsvTable {
  columns: string[];
  /** Which column fills which field, as given or as matched by name. */
  map: CsvMap;
  rows: CsvRow[];
}

/** Column names matched to a field when no map names one (English and Russian, case and spacing ignored). */
const SYNONYMS: Record<CsvTarget, string[]> = {
  title: ['title', 'headline', 'heading', 'subject', 'name', 'заголовок', 'название', 'тема'],
  date: ['date', 'dated', 'date issued', 'issued', 'дата'],
  place: ['place', 'location', 'city', 'dateline', 'место', 'город'],
  identifier: ['identifier', 'id', 'symbol', 'document symbol', 'reference', 'ref', 'идентификатор', 'номер', 'шифр'],
  creator: ['creator', 'author', 'by', 'автор', 'создатель'],
  publisher: ['publisher', 'issuer', 'issued by', 'published by', 'издатель', 'издано', 'выпущено'],
  type: ['type', 'document type', 'genre', 'kind', 'тип', 'вид', 'тип документа', 'вид документа'],
  language: ['language', 'lang', 'язык'],
  derivedFrom: ['source', 'derived from', 'derivedfrom', 'origin', 'источник', 'первоисточник'],
  rights: ['rights', 'copyright', 'license', 'licence', 'права', 'авторские права', 'лицензия'],
  description: ['description', 'summary', 'abstract', 'описание', 'аннотация', 'резюме'],
  text: ['text', 'body', 'content', 'full text', 'fulltext', 'текст', 'содержание'],
  tags: ['tags', 'keywords', 'subjects', 'topics', 'метки', 'теги', 'ключевые слова'],
};

const key = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * The file's one separator: the comma, semicolon or tab its header line holds most of, outside
 * quotes (a semicolon file's text may hold commas, and a comma file's tags semicolons).
 */
export function delimiterOf(csv: string): string {
  const counts = new Map<string, number>([[',', 0], [';', 0], ['\t', 0]]);
  let quoted = false;
  for (const ch of csv.slice(0, 64 * 1024)) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  return [...counts].reduce((best, next) => (next[1] > best[1] ? next : best))[0];
}

/** Parses `map` given as "title=Headline,date=Date" (the CLI's form); a field Cairn does not know is an error naming it. */
export function parseCsvMap(given: string): CsvMap {
  const map: CsvMap = {};
  for (const part of given.split(',').map((p) => p.trim()).filter(Boolean)) {
    const at = part.indexOf('=');
    const given = key(at < 0 ? part : part.slice(0, at));
    // Field names in any case (derivedFrom, derivedfrom); source= is derivedFrom, as in `cairn set`.
    const field = given === 'source' ? 'derivedFrom' : CSV_TARGETS.find((t) => key(t) === given);
    if (at < 0 || !field || part.slice(at + 1).trim() === '') {
      throw new CairnError('E_VALIDATION', text('import_csv_map_bad', { part, fields: CSV_TARGETS.join(', ') }));
    }
    map[field] = part.slice(at + 1).trim();
  }
  return map;
}

/** The header and rows of a CSV text (comma, semicolon or tab separated; quoted newlines kept), mapped to fields. */
export function csvRows(csv: string, fileName: string, given: CsvMap = {}): CsvTable {
  let parsed: { record: string[] }[];
  try {
    parsed = parse(csv, { bom: true, delimiter: delimiterOf(csv), relax_column_count: true, skip_empty_lines: true, info: true }) as unknown as typeof parsed;
  } catch (e) {
    throw new CairnError('E_DECODE', text('import_csv_unreadable', { name: fileName, reason: (e as Error).message }));
  }
  const [header, ...body] = parsed;
  const columns = (header?.record ?? []).map((c) => c.trim());
  const map = mapColumns(columns, given, fileName);
  const at = (target: CsvTarget) => (map[target] === undefined ? -1 : columns.findIndex((c) => key(c) === key(map[target]!)));
  const index = Object.fromEntries(CSV_TARGETS.map((t) => [t, at(t)])) as Record<CsvTarget, number>;
  // Rows are numbered as a spreadsheet shows them: the header is row 1, so the first record is row 2
  // (a quoted newline does not make a row, nor does an empty line).
  const rows = body.map(({ record }, i) => {
    const line = i + 2;
    const cell = (t: CsvTarget) => (index[t] >= 0 ? (record[index[t]] ?? '').trim() : '');
    const fields: Partial<Record<CsvField, string>> = {};
    for (const t of CSV_TARGETS) if (t !== 'text' && t !== 'tags' && index[t] >= 0 && cell(t)) fields[t] = cell(t);
    const tags = cell('tags').split(/[;|]/).map((t) => t.trim()).filter(Boolean);
    return { line, fields, text: index.text >= 0 ? (record[index.text] ?? '') : '', tags };
  });
  return { columns, map, rows };
}

export interface CsvPreview {
  columns: string[];
  /** The columns matched to fields by their names (a person then changes it). */
  map: CsvMap;
  /** The first rows' cells, to show beside the columns. */
  rows: string[][];
}

/** The columns of a CSV file's start, the map Cairn would use, and its first rows: for the import dialog's mapping step. */
export function csvPreview(csv: string, fileName: string): CsvPreview {
  let parsed: string[][];
  try {
    parsed = parse(csv, { bom: true, delimiter: delimiterOf(csv), relax_column_count: true, skip_empty_lines: true, to: 4 }) as unknown as string[][];
  } catch (e) {
    throw new CairnError('E_DECODE', text('import_csv_unreadable', { name: fileName, reason: (e as Error).message }));
  }
  const columns = (parsed[0] ?? []).map((c) => c.trim());
  return { columns, map: matchByName(columns, {}), rows: parsed.slice(1, 4) };
}

/** The given map, completed by the columns' names where a field has no column yet. */
function matchByName(columns: string[], given: CsvMap): CsvMap {
  const taken = new Set(Object.values(given).map(key));
  const map: CsvMap = { ...given };
  for (const target of CSV_TARGETS) {
    if (map[target] !== undefined) continue;
    const found = columns.find((c) => !taken.has(key(c)) && SYNONYMS[target].includes(key(c)));
    if (found) {
      map[target] = found;
      taken.add(key(found));
    }
  }
  return map;
}

/** The map given, completed by column names; every named column must exist, and a text column must be found. */
function mapColumns(columns: string[], given: CsvMap, fileName: string): CsvMap {
  const keys = columns.map(key);
  for (const [field, column] of Object.entries(given)) {
    if (!keys.includes(key(column))) throw new CairnError('E_VALIDATION', text('import_csv_no_column', { name: fileName, field, column, columns: columns.join(', ') }));
  }
  const map = matchByName(columns, given);
  if (map.text === undefined) throw new CairnError('E_VALIDATION', text('import_csv_no_text', { name: fileName, columns: columns.join(', ') || '—' }));
  return map;
}
