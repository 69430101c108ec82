// One open archive: its records in memory, its search index, and the one way records change.
import { mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type {
  ArchiveInfo,
  ArchiveProblem,
  LocalText,
  CairnRecord,
  ExportArgs,
  ImportReport,
  ListQuery,
  RecordList,
  RecordPatch,
  RecordSummary,
  SearchResult,
  SortOrder,
  TagCount,
  UpdateArgs,
  Vocabulary,
} from '../contract';
import { renderText, text } from '../common/i18n/text';
import { CairnError, toErrorShape } from './errors';
import { applyPatch, tagKey } from './model/record';
import { dateSortKey } from './model/dates';
import { RecordIndex, snippetFor } from './search/record-index';
import { prepareImport } from './import/import-files';
import { jsonExportChunks, exportFileName } from './export/export-json';
import { createArchiveFolder, FORMAT_VERSION, layout, readManifest, type Manifest } from './store/archive-folder';
import { acquireLock } from './store/archive-lock';
import { loadRecords, saveRecord, type LoadedRecords } from './store/record-store';
import { removeLeftoverTempFiles } from './store/leftover-temp-files';
import { folderUnwritableReason, unwritableReason } from './store/unwritable-folder';
import { writeDurably } from './store/durable-json-file';
import { loadVocabularies, validateVocabulary } from './vocab/vocabulary-file';

export interface OpenOptions {
  /** Read-only opens take no lock and refuse every change (used by read-only CLI commands). */
  readOnly?: boolean;
  /** Why it is opened read-only, for the window and for the error a change gets. */
  readOnlyReason?: LocalText;
  /**
   * Open read-only, instead of refusing, when the archive's folder cannot be written (a read-only
   * disk, a write-protected stick, no permission): the window can still read, search and export it.
   */
  readOnlyIfUnwritable?: boolean;
  /** Names this process in the lock file, e.g. "Cairn 0.1.0 (web)". */
  app: string;
}

export interface IncomingFile {
  name: string;
  bytes: Uint8Array;
}

export interface ExportOutput {
  fileName: string;
  count: number;
  chunks: Iterable<string>;
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
const STATUS_ORDER = { new: 0, 'in-review': 1, reviewed: 2, rejected: 3 } as const;

export class Archive {
  readonly root: string;
  readonly readOnly: boolean;
  #manifest: Manifest;
  #records = new Map<string, CairnRecord>();
  #byTextHash = new Map<string, string>();
  #index = new RecordIndex();
  /** Ids loaded at open that the search index has not taken in yet (it is built lazily). */
  #unindexed: string[];
  #indexing: Promise<void> | null = null;
  #problems: ArchiveProblem[];
  /** Records that may be read but not written, with the error a write gets (see loadRecords). */
  #frozen: LoadedRecords['frozen'];
  #vocabularies: Vocabulary[];
  #labels: Map<string, string> | null = null;
  #release: (() => Promise<void>) | null;
  #queue: Promise<unknown> = Promise.resolve();
  #closed = false;
  /** Why the archive is read-only; null when it is writable. */
  #readOnlyReason: LocalText | null;

  private constructor(root: string, manifest: Manifest, loaded: LoadedRecords, vocabularies: Vocabulary[], release: (() => Promise<void>) | null, readOnlyReason: LocalText | null) {
    this.root = root;
    this.#manifest = manifest;
    this.#problems = loaded.problems;
    this.#frozen = loaded.frozen;
    this.#vocabularies = vocabularies;
    this.#release = release;
    this.readOnly = readOnlyReason !== null;
    this.#readOnlyReason = readOnlyReason;
    for (const r of loaded.records) {
      this.#records.set(r.id, r);
      this.#byTextHash.set(r.textHash, r.id);
    }
    // The index is not built here: opening and reading stay fast, and searching builds it on need.
    this.#unindexed = loaded.records.map((r) => r.id);
  }

  /** Opens an existing archive: checks its format version, takes its lock, loads its records. */
  static async open(root: string, options: OpenOptions): Promise<Archive> {
    const abs = path.resolve(root);
    const manifest = await readManifest(abs);
    let readOnlyReason = options.readOnly ? (options.readOnlyReason ?? text('archive_read_only')) : null;
    let release: (() => Promise<void>) | null = null;
    if (!options.readOnly) {
      try {
        release = await acquireLock(abs, options.app);
      } catch (e) {
        // Whatever stopped the lock (EROFS/EACCES/EPERM, or a lock left in a folder nobody here can
        // write), a folder that cannot be written opens for reading. No lock is taken then: another
        // process may write meanwhile, which reading can bear.
        const reason = options.readOnlyIfUnwritable ? (unwritableReason(e) ?? (await folderUnwritableReason(abs))) : null;
        if (!reason) throw e;
        readOnlyReason = reason;
      }
    }
    try {
      if (release) await removeLeftoverTempFiles(abs);
      const loaded = await loadRecords(abs);
      const vocabularies = await loadVocabularies(layout.vocabulariesDir(abs), abs, loaded.problems);
      return new Archive(abs, manifest, loaded, vocabularies, release, readOnlyReason);
    } catch (e) {
      await release?.();
      throw e;
    }
  }

  /** Creates a new empty archive in an empty or new folder and opens it. */
  static async create(root: string, options: OpenOptions & { name?: string }): Promise<Archive> {
    const abs = path.resolve(root);
    await createArchiveFolder(abs, options.name?.trim() || path.basename(abs) || 'Archive', options.app);
    return Archive.open(abs, options);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#queue.catch(() => undefined);
    await this.#release?.();
  }

  info(): ArchiveInfo {
    return {
      path: this.root,
      name: this.#manifest.name,
      id: this.#manifest.id,
      formatVersion: this.#manifest.version ?? FORMAT_VERSION,
      recordCount: this.#records.size,
      readOnly: this.readOnly,
      readOnlyReason: this.#readOnlyReason && renderText(this.#readOnlyReason),
      readOnlyText: this.#readOnlyReason,
      problems: [...this.#problems],
      searchIndex: { indexed: this.#records.size - this.#unindexed.length, total: this.#records.size },
    };
  }

  /**
   * Builds the search index in the background, a slice at a time, so that calls keep being
   * answered while it grows. The doors await this before a search; the CLI's searches build it
   * synchronously instead.
   */
  whenIndexed(): Promise<void> {
    this.#indexing ??= (async () => {
      while (!this.#closed && !this.#indexSome(200)) await new Promise<void>((resolve) => setImmediate(resolve));
    })();
    return this.#indexing;
  }

  /** Indexes up to `max` of the records not yet indexed; true when none are left. */
  #indexSome(max: number): boolean {
    const batch = this.#unindexed.splice(-max, max);
    for (const id of batch) {
      const record = this.#records.get(id);
      // A record edited or imported meanwhile was indexed by update/importFiles already.
      if (record && !this.#index.has(id)) this.#index.put(record);
    }
    return this.#unindexed.length === 0;
  }

  #searchIndex(): RecordIndex {
    if (this.#unindexed.length > 0) this.#indexSome(Infinity);
    return this.#index;
  }

  get size(): number {
    return this.#records.size;
  }

  get(id: string): CairnRecord {
    const record = this.#records.get(id);
    if (!record) throw new CairnError('E_NOT_FOUND', text('record_not_found', { id }));
    return record;
  }

  list(query: ListQuery = {}): RecordList {
    const q = query.query?.trim() ?? '';
    let items: RecordSummary[];
    if (q) {
      items = this.#searchIndex().search(q).map((hit) => ({ ...summarize(this.get(String(hit.id))), score: hit.score }));
    } else {
      items = [...this.#records.values()].map(summarize);
    }
    const sort: SortOrder = query.sort ?? (q ? { field: 'relevance', direction: 'desc' } : { field: 'date', direction: 'asc' });
    if (sort.field !== 'relevance' || q) sortSummaries(items, sort);
    return { total: items.length, items };
  }

  search(query: string, limit = 50): SearchResult {
    const hits = this.#searchIndex().search(query);
    return {
      total: hits.length,
      hits: hits.slice(0, limit).map((hit) => {
        const record = this.get(String(hit.id));
        const terms = [...new Set(hit.terms)];
        return { id: record.id, title: record.title, score: hit.score, snippet: snippetFor(record.text, terms), terms };
      }),
    };
  }

  tags(): TagCount[] {
    const counts = new Map<string, TagCount>();
    for (const r of this.#records.values()) {
      for (const tag of r.tags) {
        const entry = counts.get(tagKey(tag)) ?? { tag, count: 0 };
        entry.count++;
        counts.set(tagKey(tag), entry);
      }
    }
    return [...counts.values()].sort((a, b) => b.count - a.count || collator.compare(a.tag, b.tag));
  }

  vocabularies(): Vocabulary[] {
    return this.#vocabularies;
  }

  /** Adds (or replaces) a vocabulary, stored as its own file under vocabularies/. */
  async putVocabulary(given: Vocabulary): Promise<void> {
    this.#assertWritable();
    const vocabulary = validateVocabulary(given);
    await this.#serial(async () => {
      await mkdir(layout.vocabulariesDir(this.root), { recursive: true });
      await writeDurably(path.join(layout.vocabulariesDir(this.root), `${vocabulary.id}.json`), JSON.stringify(vocabulary, null, 2) + '\n');
      this.#vocabularies = [...this.#vocabularies.filter((v) => v.id !== vocabulary.id), vocabulary];
      this.#labels = null;
    });
  }

  /**
   * The one way a record changes: validate, bump the revision, write the record's own file
   * durably, then update memory and the search index. History, undo and exchange hook in here.
   */
  // async so that a refusal (read-only, closed) rejects the promise instead of throwing at the call.
  async update(args: UpdateArgs): Promise<CairnRecord> {
    this.#assertWritable();
    return this.#serial(async () => {
      const current = this.get(args.id);
      const frozen = this.#frozen.get(args.id);
      if (frozen) throw new CairnError(frozen.code, frozen.text);
      if (args.ifRev !== undefined && args.ifRev !== current.rev) {
        throw new CairnError('E_CONFLICT', text('record_changed_meanwhile', { title: current.title, rev: String(current.rev), yours: String(args.ifRev) }));
      }
      const next = this.#canonicalTags(applyPatch(current, this.#canonicalRemovals(args.changes), new Date().toISOString()));
      if (!next) return current;
      await saveRecord(this.root, next);
      this.#records.set(next.id, next);
      this.#index.put(next);
      return next;
    });
  }

  /** Imports files one by one; each gets a result, and one bad file never stops the others. */
  async importFiles(files: IncomingFile[]): Promise<ImportReport> {
    this.#assertWritable();
    return this.#serial(async () => {
      const report: ImportReport = { imported: [], duplicates: [], failed: [] };
      for (const file of files) {
        try {
          const { record, original } = prepareImport(file.name, file.bytes, new Date().toISOString());
          const existing = this.#byTextHash.get(record.textHash);
          if (existing) {
            const title = this.get(existing).title;
            report.duplicates.push({ file: file.name, id: existing, title });
            continue;
          }
          // All or nothing: an original this import stored goes again if its record cannot be written.
          const stored = await this.#keepOriginal(record.source!.sha256, original);
          try {
            await saveRecord(this.root, record);
          } catch (e) {
            if (stored) await rm(stored, { force: true }).catch(() => undefined);
            throw e;
          }
          this.#records.set(record.id, record);
          this.#byTextHash.set(record.textHash, record.id);
          this.#index.put(record);
          report.imported.push({ id: record.id, file: file.name, title: record.title });
        } catch (e) {
          report.failed.push({ file: file.name, ...toErrorShape(e) });
        }
      }
      return report;
    });
  }

  /** The records an export covers: the given ids, the records a query finds, or all, in list order. */
  exportRecords(args: ExportArgs, now = new Date()): ExportOutput {
    const query = args.query?.trim() || null;
    const ids = args.ids ?? this.list({ query: query ?? undefined, sort: { field: 'date', direction: 'asc' } }).items.map((s) => s.id);
    const records = ids.map((id) => this.get(id));
    const header = {
      format: 'cairn-export' as const,
      version: 1 as const,
      exportedAt: now.toISOString(),
      archive: { id: this.#manifest.id, name: this.#manifest.name },
      query,
      count: records.length,
    };
    return { fileName: exportFileName(this.#manifest.name, now, query), count: records.length, chunks: jsonExportChunks(header, records) };
  }

  /** Stores an original unless it is there already; returns its path when this call stored it. */
  async #keepOriginal(sha: string, bytes: Uint8Array): Promise<string | null> {
    const file = layout.original(this.root, sha);
    try {
      await stat(file);
      return null;
    } catch (e) {
      // Only a missing original is written; a disk error must not be taken for "not there yet".
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    await mkdir(path.dirname(file), { recursive: true });
    await writeDurably(file, bytes);
    return file;
  }

  /** Each vocabulary label and alternative label (by tag key) → its concept's label; built once per vocabulary change. */
  #conceptLabels(): Map<string, string> {
    if (this.#labels) return this.#labels;
    const labels = new Map<string, string>();
    for (const v of this.#vocabularies) {
      for (const c of v.concepts) for (const l of [c.label, ...c.altLabels]) labels.set(tagKey(l), c.label);
    }
    this.#labels = labels;
    return labels;
  }

  /** Removing "PVE" removes the concept label it was stored as, just as adding "PVE" added that label. */
  #canonicalRemovals(patch: RecordPatch): RecordPatch {
    if (!patch.removeTags || this.#vocabularies.length === 0) return patch;
    const labels = this.#conceptLabels();
    return { ...patch, removeTags: patch.removeTags.flatMap((t) => [t, labels.get(tagKey(t)) ?? t]) };
  }

  /** Tags that match a vocabulary concept (label or alternative label) take the concept's label. */
  #canonicalTags(record: CairnRecord | null): CairnRecord | null {
    if (!record || this.#vocabularies.length === 0) return record;
    const labels = this.#conceptLabels();
    const tags = [...new Map(record.tags.map((t) => {
      const label = labels.get(tagKey(t)) ?? t;
      return [tagKey(label), label] as const;
    })).values()];
    return { ...record, tags };
  }

  #assertWritable(): void {
    if (this.#closed) throw new CairnError('E_NO_ARCHIVE', text('archive_closed'));
    if (this.#readOnlyReason !== null) throw new CairnError('E_READ_ONLY', this.#readOnlyReason);
  }

  /** Changes run one at a time, in the order they arrived. */
  #serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(work);
    this.#queue = run.catch(() => undefined);
    return run;
  }
}

export function summarize(r: CairnRecord): RecordSummary {
  return { id: r.id, rev: r.rev, title: r.title, date: r.date, place: r.place, status: r.status, tags: r.tags, updatedAt: r.updatedAt };
}

function sortSummaries(items: RecordSummary[], sort: SortOrder): void {
  const dir = sort.direction === 'asc' ? 1 : -1;
  const byTitle = (a: RecordSummary, b: RecordSummary) => collator.compare(a.title, b.title);
  const byKey = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  const compare: Record<SortOrder['field'], (a: RecordSummary, b: RecordSummary) => number> = {
    title: byTitle,
    date: (a, b) => byKey(dateSortKey(a.date), dateSortKey(b.date)),
    place: (a, b) => collator.compare(a.place, b.place),
    status: (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status],
    updatedAt: (a, b) => byKey(a.updatedAt, b.updatedAt),
    relevance: (a, b) => (a.score ?? 0) - (b.score ?? 0),
  };
  // Records without a value for the sort field come last in either direction: they are the ones to fill in.
  const missing = (s: RecordSummary) => (sort.field === 'date' ? s.date === null : sort.field === 'place' ? s.place === '' : false);
  items.sort((a, b) => Number(missing(a)) - Number(missing(b)) || dir * compare[sort.field](a, b) || byTitle(a, b));
}
