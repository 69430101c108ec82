// Writes records as one JSON document, streamed record by record, with a small header.
import type { CairnRecord } from '../../contract';

export interface JsonExportHeader {
  format: 'cairn-export';
  version: 1;
  exportedAt: string;
  archive: { id: string; name: string };
  query: string | null;
  count: number;
}

/** Yields the export in chunks so that a large archive never sits in memory as one string. */
export function* jsonExportChunks(header: JsonExportHeader, records: Iterable<CairnRecord>): Generator<string> {
  const head = JSON.stringify(header, null, 2);
  yield `${head.slice(0, -2)},\n  "records": [`;
  let first = true;
  for (const record of records) {
    const body = JSON.stringify(record, null, 2).replace(/\n/g, '\n    ');
    yield `${first ? '' : ','}\n    ${body}`;
    first = false;
  }
  yield `${first ? '' : '\n  '}]\n}\n`;
}

export function exportFileName(archiveName: string, when: Date, query: string | null): string {
  // NFKD splits "č" into "c" + a mark: Latin letters lose their marks (safe ASCII names), other
  // scripts recompose ("й" stays "й"), and no mark is ever turned into a dash.
  const slug = (s: string) =>
    s.normalize('NFKD').replace(/(\p{Script=Latin})\p{M}+/gu, '$1').normalize('NFC').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 40).toLowerCase();
  const stamp = when.toISOString().slice(0, 10);
  return `${slug(archiveName) || 'cairn'}-${query ? `${slug(query)}-` : ''}${stamp}.json`;
}
