// What an export reads: the chosen records, fixed when the export starts (an edit made while it runs
// never mixes into it), with what each format needs beside them. The archive provides it; the writers
// never see the archive itself.
import type { CairnRecord, ChangeEntry, Entity, ExportOptions, Vocabulary } from '../../contract';

export interface ExportSource {
  archive: { id: string; name: string };
  /** The query that chose the records, or null (all records, or chosen by id). */
  query: string | null;
  /** The records, in the export's order (date, then title), as they were when the export started. */
  records: readonly CairnRecord[];
  entities: ReadonlyMap<string, Entity>;
  vocabularies: readonly Vocabulary[];
  /** A record's change log, oldest first, up to the revision exported. */
  history(record: CairnRecord): Promise<ChangeEntry[]>;
  /** Where the kept original file with this SHA-256 is, or null when it is not there. */
  originalPath(sha256: string): Promise<string | null>;
  appVersion: string;
}

/** The options with every default filled in: what the writers and the bag's description go by. */
export interface Settled {
  format: ExportOptions['format'];
  fields: NonNullable<ExportOptions['fields']>;
  includeNotes: boolean;
  includeNames: boolean;
  includeHistory: boolean;
  includeOriginals: boolean;
  csvBom: boolean;
  zip: boolean;
  exportedAt: string;
  organization: string;
}

/** A record as exported: the stored record (notes and names left out when asked) and, when asked, its history. */
export type ExportedRecord = CairnRecord & { history?: ChangeEntry[] };

const NAMELESS = '';

/** The record as the options want it: internal notes dropped, people's names blanked, history added. */
export async function exportedRecord(record: CairnRecord, source: ExportSource, options: Settled): Promise<ExportedRecord> {
  const out: ExportedRecord = { ...record };
  if (!options.includeNotes) out.notes = [];
  if (!options.includeNames) {
    if (out.review) out.review = { ...out.review, by: { ...out.review.by, name: NAMELESS } };
    out.annotations = out.annotations.map((a) => ({ ...a, by: { ...a.by, name: NAMELESS } }));
    out.notes = out.notes.map((n) => ({ ...n, by: { ...n.by, name: NAMELESS } }));
  }
  if (options.includeHistory) {
    let history = await source.history(record);
    if (!options.includeNotes) history = history.filter((e) => e.field !== 'notes');
    if (!options.includeNames) history = history.map((e) => ({ ...e, who: { ...e.who, name: NAMELESS }, before: nameless(e.before), after: nameless(e.after) }));
    out.history = history;
  }
  return out;
}

/** A logged review mark, annotation or note with its author's name blanked; any other value as it is. */
function nameless<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const by = (value as { by?: unknown }).by;
  if (by === null || typeof by !== 'object') return value;
  return { ...value, by: { ...by, name: NAMELESS } };
}
