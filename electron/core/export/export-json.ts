// Cairn's own formats: one JSON document (header, records, and the entities and vocabularies they
// use, so that an empty archive can take it back whole) and JSONL (one record per line). Both stream
// record by record; formatting is fixed, so the same records give the same bytes.
import type { CairnRecord, Entity, Vocabulary } from '../../contract';

export interface JsonExportHeader {
  format: 'cairn-export';
  /** 1: header and records; 2: also entities and vocabularies, and the options that shaped the records. */
  version: 2;
  exportedAt: string;
  archive: { id: string; name: string };
  query: string | null;
  count: number;
  /** What the records carry: internal notes, people's names, each record's history. */
  includes: { notes: boolean; names: boolean; history: boolean };
}

export interface JsonExportTail {
  /** The entities the records link to, by id. */
  entities: readonly Entity[];
  vocabularies: readonly Vocabulary[];
}

/** Yields the export in chunks so that a large archive never sits in memory as one string. */
export async function* jsonExportChunks(header: JsonExportHeader, records: AsyncIterable<CairnRecord> | Iterable<CairnRecord>, tail: () => JsonExportTail): AsyncGenerator<string> {
  const head = JSON.stringify(header, null, 2);
  yield `${head.slice(0, -2)},\n  "records": [`;
  let first = true;
  for await (const record of records) {
    yield `${first ? '' : ','}\n${indent(record)}`;
    first = false;
  }
  yield `${first ? '' : '\n  '}],\n`;
  const { entities, vocabularies } = tail();
  yield `  "entities": ${list(entities)},\n  "vocabularies": ${list(vocabularies)}\n}\n`;
}

/** One record per line, each a complete JSON object: what line-oriented tools (jq, pandas) read. */
export async function* jsonlChunks(records: AsyncIterable<CairnRecord> | Iterable<CairnRecord>): AsyncGenerator<string> {
  for await (const record of records) yield `${JSON.stringify(record)}\n`;
}

/** The entities these records link to, sorted by id. */
export function linkedEntities(records: Iterable<CairnRecord>, entities: ReadonlyMap<string, Entity>): Entity[] {
  const ids = new Set<string>();
  for (const r of records) for (const link of r.entities) ids.add(link.entity);
  return [...ids].sort().flatMap((id) => entities.get(id) ?? []);
}

const indent = (value: unknown) => `    ${JSON.stringify(value, null, 2).replace(/\n/g, '\n    ')}`;
const list = (values: readonly unknown[]) => (values.length === 0 ? '[]' : `[\n${values.map(indent).join(',\n')}\n  ]`);

export function exportFileName(archiveName: string, when: Date, query: string | null, extension = 'json'): string {
  // NFKD splits "č" into "c" + a mark: Latin letters lose their marks (safe ASCII names), other
  // scripts recompose ("й" stays "й"), and no mark is ever turned into a dash.
  const slug = (s: string) =>
    s.normalize('NFKD').replace(/(\p{Script=Latin})\p{M}+/gu, '$1').normalize('NFC').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 40).toLowerCase();
  const stamp = when.toISOString().slice(0, 10);
  return `${slug(archiveName) || 'cairn'}-${query ? `${slug(query)}-` : ''}${stamp}${extension ? `.${extension}` : ''}`;
}
