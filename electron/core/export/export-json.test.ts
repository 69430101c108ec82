// The JSON export: streamed chunks that join into one valid document, and its file name.
import { describe, expect, it } from 'vitest';
import type { CairnRecord } from '../../contract';
import { exportFileName, jsonExportChunks, type JsonExportHeader } from './export-json';

const header: JsonExportHeader = { format: 'cairn-export', version: 2, exportedAt: '2024-03-01T12:00:00.000Z', archive: { id: 'x', name: 'Osh' }, query: null, count: 0, includes: { notes: false, names: true, history: false } };
const tail = () => ({ entities: [], vocabularies: [] });
const record = (id: string) => ({ id, title: `Title "${id}"\n`, text: 'Line\nline', tags: ['a'] }) as unknown as CairnRecord;

describe('jsonExportChunks', () => {
  it.each([0, 1, 3])('joins into valid JSON holding the header and %i records in order', async (n) => {
    const records = Array.from({ length: n }, (_, i) => record(`r${i}`));
    const chunks: string[] = [];
    for await (const chunk of jsonExportChunks({ ...header, count: n }, records, tail)) chunks.push(chunk);
    expect(chunks.length).toBe(n + 3);
    const parsed = JSON.parse(chunks.join('')) as JsonExportHeader & { records: CairnRecord[] };
    expect(parsed).toEqual({ ...header, count: n, records, entities: [], vocabularies: [] });
    expect(chunks.join('').endsWith('}\n')).toBe(true);
  });
});

describe('exportFileName', () => {
  const when = new Date('2024-03-01T23:59:00Z');
  it('slugs the archive name and query, dropping diacritics, with the date', () => {
    expect(exportFileName('Field Office: Osh', when, null)).toBe('field-office-osh-2024-03-01.json');
    expect(exportFileName('Sample', when, 'Jenča & Almaty')).toBe('sample-jenca-almaty-2024-03-01.json');
    expect(exportFileName('Новый архив', when, 'Ёлка')).toBe('новый-архив-ёлка-2024-03-01.json');
    expect(exportFileName('!!!', when, null)).toBe('cairn-2024-03-01.json');
  });
});
