// datapackage.json (Frictionless Data Package v1): the bag's data files as resources, records.csv as a
// tabular data resource with its Table Schema (one field per column, the id its primary key), each
// with its size and SHA-256 so that a data tool can check it without knowing BagIt.
import type { CsvField } from '../../contract';
import { CSV_SEPARATOR } from './export-csv';
import type { BagFile } from './bagit';

const FIELD_TYPES: Partial<Record<CsvField, { type: string; format?: string }>> = {
  annotations: { type: 'integer' },
  reviewedAt: { type: 'datetime' },
  createdAt: { type: 'datetime' },
  updatedAt: { type: 'datetime' },
};

const FIELD_DESCRIPTIONS: Record<CsvField, string> = {
  id: "The record's id in the Cairn archive; stable across exports.",
  title: 'Title.',
  date: 'Date in the Extended Date/Time Format (ISO 8601-2): "2018-04-30", "2012-06", "XXXX-06-13" (year unknown); empty if unknown.',
  place: 'Place, usually from the dateline.',
  identifier: 'Document symbol or other identifier.',
  creator: 'Who wrote or made it (dc:creator).',
  publisher: 'Who issued or published it (dc:publisher).',
  type: 'What kind of document it is: press release, speech, report, letter… (dc:type).',
  language: 'BCP 47 language tag.',
  derivedFrom: 'The resource it was derived from: a citation or address (dc:source).',
  rights: 'Rights held in and over it (dc:rights).',
  description: 'Description or summary.',
  status: 'Review status: new, in-review, reviewed, needs-work or rejected.',
  tags: `Tags, separated by "${CSV_SEPARATOR}" ("|" and "\\" inside a tag are escaped with "\\").`,
  people: `People the record mentions, separated by "${CSV_SEPARATOR}".`,
  organizations: `Organizations the record mentions, separated by "${CSV_SEPARATOR}".`,
  places: `Places the record mentions, separated by "${CSV_SEPARATOR}".`,
  annotations: 'How many annotated passages the record has (annotations.jsonld holds them).',
  notes: `Notes about the record, separated by "${CSV_SEPARATOR}".`,
  reviewedBy: 'Who set the review status (blank when names were left out).',
  reviewedAt: 'When the review status was set.',
  reviewComment: 'The reviewer\'s comment.',
  sourceFile: 'The name of the original file (in originals/ when included).',
  sourceSha256: 'SHA-256 of the original file as received.',
  createdAt: 'When the record was created in the archive.',
  updatedAt: 'When the record last changed.',
  text: 'Full text. A cell starting with = + - @, tab or carriage return has an apostrophe put before it (against formula injection).',
};

export function dataPackage(about: { name: string; title: string; created: string; description: string; columns: readonly CsvField[]; files: readonly BagFile[] }): string {
  const resource = (file: BagFile) => {
    const rel = file.path.replace(/^data\//, '');
    const base = { path: rel, bytes: file.bytes, hash: `sha256:${file.sha256}` };
    if (rel === 'records.csv') {
      return {
        name: 'records', ...base, profile: 'tabular-data-resource', format: 'csv', mediatype: 'text/csv', encoding: 'utf-8',
        dialect: { delimiter: ',', lineTerminator: '\r\n', quoteChar: '"', doubleQuote: true, header: true },
        schema: {
          fields: about.columns.map((name) => ({ name, ...(FIELD_TYPES[name] ?? { type: 'string' }), description: FIELD_DESCRIPTIONS[name], ...(name === 'id' ? { constraints: { required: true, unique: true } } : {}) })),
          primaryKey: 'id',
          missingValues: [''],
        },
      };
    }
    const kinds: Record<string, [string, string, string]> = {
      'records.jsonl': ['records-jsonl', 'jsonl', 'application/jsonl'],
      'records.dc.xml': ['records-dublin-core', 'xml', 'application/xml'],
      'annotations.jsonld': ['annotations', 'jsonld', 'application/ld+json'],
      'entities.json': ['entities', 'json', 'application/json'],
      'vocabularies.json': ['vocabularies', 'json', 'application/json'],
    };
    const [name, format, mediatype] = kinds[rel] ?? [`original-${rel.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`.slice(0, 100), '', ''];
    return { name, ...base, ...(format ? { format, mediatype } : {}) };
  };
  const pkg = {
    profile: 'data-package',
    name: about.name,
    title: about.title,
    description: about.description,
    created: about.created,
    resources: about.files.filter((f) => !f.path.startsWith('data/originals/')).map(resource),
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}
