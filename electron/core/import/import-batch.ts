// Writes prepared files into the archive: each document checked against what the archive holds
// (the same text, or the same text in other typography), its original kept, the entities its text
// names found or made and linked as proposals, all in the import's one operation (one undo).
import type { CairnRecord, Entity, EntityKind, EntityLink, ImportReport } from '../../contract';
import type { OperationWriter } from '../changes/change-log';
import { newEntity } from '../entities/entity-changes';
import { cleanName, type EntityRegistry } from '../entities/entity-registry';
import { CairnError, toErrorShape } from '../errors';
import { text } from '../../common/i18n/text';
import type { ExtractedEntity } from './extract-entities';
import { foldName, samePerson } from './extract-entities';
import { nearHash } from './near-duplicate';
import type { ImportOptions, PreparedDocument, PreparedFile } from './prepare-document';
import type { CsvMap } from './csv-rows';
import type { Preparer } from './preparer';

/** What an import needs of the archive it writes into. */
export interface ImportTarget {
  /** The record holding this normalised text's hash, if any. */
  exactCopyOf(textHash: string): string | undefined;
  /** The record whose text folds to the same typography-free fingerprint, if any. */
  nearCopyOf(hash: string): string | undefined;
  titleOf(id: string): string;
  readonly entities: EntityRegistry;
  newId(): string;
  /** Refuses when the archive's folder is gone or replaced (checked before each file). */
  assertFolderHere(): Promise<void>;
  /** Stores an original unless it is there; returns its path when this call stored it (to take back on failure). */
  keepOriginal(sha: string, bytes: Uint8Array): Promise<string | null>;
  forgetOriginal(stored: string): Promise<void>;
  writeRecord(writer: OperationWriter, record: CairnRecord): Promise<void>;
  /** Writes a new entity (before null) or a changed one. */
  writeEntity(writer: OperationWriter, before: Entity | null, after: Entity): Promise<Entity>;
  /** Takes back entity writes of a document whose record could not be written (best effort): a made one goes, a changed one is put back. */
  forgetEntity(writer: OperationWriter, before: Entity | null, after: Entity, since: number): Promise<void>;
}

export interface IncomingFile {
  /** The name the person knows it by: a file name, or its path inside a dropped folder. */
  name: string;
  bytes: Uint8Array;
}

export interface ImportBatchOptions extends ImportOptions {
  /** CSV column maps by file name (the window's mapping step, one per file); `csvMap` serves the others. */
  csvMaps?: Record<string, CsvMap>;
  /** Import copies anyway, as new versions linked to the record they copy (the person chose it). */
  asNewVersions?: boolean;
  /** Stops between files when aborted: what finished stays, nothing is half-written. */
  signal?: AbortSignal;
  /** After each file: how many of the batch are done, and its name. */
  progress?: (done: number, file: string) => void;
}

/**
 * Imports `files` one by one; each gets a result, and one bad file never stops the others. The
 * worker prepares the next files while this thread writes the current one.
 */
export async function importBatch(target: ImportTarget, preparer: Preparer, files: readonly IncomingFile[], writer: OperationWriter, report: ImportReport, options: ImportBatchOptions = {}): Promise<void> {
  const now = new Date().toISOString();
  const { csvMap, csvMaps, entities } = options;
  const index = new EntityIndex(target.entities);
  const prepared = files.map((f) => preparer.prepare(f.name, f.bytes, now, { csvMap: csvMaps?.[f.name] ?? csvMap, entities }).then((p): PreparedFile | { error: unknown } => p, (error: unknown) => ({ error })));
  // Nothing is left unobserved when the loop stops early (a cancel).
  for (const p of prepared) void p.catch(() => undefined);
  for (const [i, file] of files.entries()) {
    if (options.signal?.aborted) break;
    const result = await prepared[i]!;
    try {
      if ('error' in result) throw result.error;
      await target.assertFolderHere();
      for (const row of result.failed) report.failed.push({ file: file.name, row: row.row, ...row.error });
      if (result.documents.length === 0 && result.failed.length === 0) throw new CairnError('E_EMPTY_FILE', text('import_csv_no_rows', { name: file.name }));
      let stored: string | null = null;
      for (const doc of result.documents) {
        // A CSV row that cannot be written fails alone; the rows before and after it come in.
        try {
          const kept = await importDocument(target, index, writer, doc, file, report, options, () => stored);
          if (kept) stored = kept;
        } catch (e) {
          if (result.documents.length === 1 || doc.record.source?.row === undefined) throw e;
          report.failed.push({ file: file.name, row: doc.record.source.row, ...toErrorShape(e) });
        }
      }
    } catch (e) {
      report.failed.push({ file: file.name, ...toErrorShape(e) });
    }
    options.progress?.(i + 1, file.name);
  }
}

/** One document: refused as a copy, or written with its original and its entities; returns the original's path if stored now. */
async function importDocument(target: ImportTarget, index: EntityIndex, writer: OperationWriter, doc: PreparedDocument, file: IncomingFile, report: ImportReport, options: ImportBatchOptions, storedBefore: () => string | null): Promise<string | null> {
  const record = doc.record;
  const name = record.source?.row ? `${file.name}:${record.source.row}` : file.name;
  const exact = target.exactCopyOf(record.textHash);
  const near = exact ? undefined : target.nearCopyOf(nearHash(record.text));
  const copyOf = exact ?? near;
  if (copyOf && !options.asNewVersions) {
    report.duplicates.push({ file: name, id: copyOf, title: target.titleOf(copyOf), ...(near ? { near: true } : {}) });
    return null;
  }
  if (copyOf) record.source = { ...record.source!, versionOf: copyOf };
  // All or nothing: an original this import stored goes again if its record cannot be written.
  const stored = storedBefore() ? null : await target.keepOriginal(record.source!.sha256, file.bytes);
  const written: EntityWrite[] = [];
  const since = writer.entries.length;
  try {
    record.entities = await proposeEntities(target, index, writer, doc.entities, written);
    await target.writeRecord(writer, record);
  } catch (e) {
    // Nothing of a document whose record could not be written stays: its original, the entities made for it.
    for (const w of written.reverse()) {
      await target.forgetEntity(writer, w.before, w.after, since).catch(() => undefined);
      index.forget(w.after, w.before);
    }
    if (stored) await target.forgetOriginal(stored);
    throw e;
  }
  report.imported.push({ id: record.id, file: name, title: record.title, ...(copyOf ? { versionOf: copyOf } : {}) });
  return stored;
}

/**
 * The archive's entity for each name the text gives (the same name or alias, the same name without
 * diacritics, or, for a person, a variant spelling of one already known), or a new entity made with
 * the names the text gives; every link is a proposal until a person confirms it.
 */
interface EntityWrite {
  before: Entity | null;
  after: Entity;
}

async function proposeEntities(target: ImportTarget, index: EntityIndex, writer: OperationWriter, found: readonly ExtractedEntity[], written: EntityWrite[]): Promise<EntityLink[]> {
  const links: EntityLink[] = [];
  for (const e of found) {
    const names = [...new Set([e.name, ...e.aliases].map(cleanName).filter(Boolean))];
    if (names.length === 0) continue;
    let entity = index.find(e.kind, names);
    const free = names.filter((n) => !target.entities.byName(e.kind, n));
    if (!entity) {
      const made = newEntity(target.newId(), e.kind, free[0] ?? names[0]!, writer.at);
      entity = await target.writeEntity(writer, null, { ...made, aliases: free.slice(1) });
      written.push({ before: null, after: entity });
      index.add(entity);
    } else if (free.length > 0) {
      // A spelling the archive does not know yet (Coninx beside Coninsx) becomes an alias of the entity it was found to be.
      const before = entity;
      entity = await target.writeEntity(writer, before, { ...before, aliases: [...before.aliases, ...free] });
      written.push({ before, after: entity });
      index.add(entity);
    }
    if (!links.some((l) => l.entity === entity.id)) links.push({ entity: entity.id, proposed: true });
  }
  return links;
}

/** The archive's entities by their names folded (case and diacritics), and people also by first name, for variant spellings. */
class EntityIndex {
  #registry: EntityRegistry;
  #byFold = new Map<string, string>();
  #byFirstName = new Map<string, string[]>();

  constructor(registry: EntityRegistry) {
    this.#registry = registry;
    for (const e of registry.all()) this.add(e);
  }

  add(e: Entity): void {
    for (const n of [e.name, ...e.aliases]) {
      const fold = foldName(n);
      if (!this.#byFold.has(`${e.kind}\u0000${fold}`)) this.#byFold.set(`${e.kind}\u0000${fold}`, e.id);
      if (e.kind === 'person') {
        const first = fold.split(' ')[0] ?? '';
        const ids = this.#byFirstName.get(first) ?? [];
        if (!ids.includes(e.id)) ids.push(e.id);
        this.#byFirstName.set(first, ids);
      }
    }
  }

  /** Takes back what add did for an entity whose write was taken back (its names, or the spellings it gained). */
  forget(after: Entity, before: Entity | null): void {
    const kept = new Set(before ? [before.name, ...before.aliases].map(foldName) : []);
    for (const n of [after.name, ...after.aliases]) {
      const fold = foldName(n);
      if (!kept.has(fold) && this.#byFold.get(`${after.kind}\u0000${fold}`) === after.id) this.#byFold.delete(`${after.kind}\u0000${fold}`);
    }
    if (!before) for (const ids of this.#byFirstName.values()) if (ids.includes(after.id)) ids.splice(ids.indexOf(after.id), 1);
  }

  find(kind: EntityKind, names: readonly string[]): Entity | undefined {
    for (const n of names) {
      const hit = this.#registry.byName(kind, n);
      if (hit) return hit;
    }
    for (const n of names) {
      const id = this.#byFold.get(`${kind}\u0000${foldName(n)}`);
      const hit = id ? this.#registry.find(id) : undefined;
      if (hit) return hit;
    }
    if (kind !== 'person') return undefined;
    for (const n of names) {
      for (const id of this.#byFirstName.get(foldName(n).split(' ')[0] ?? '') ?? []) {
        const person = this.#registry.find(id);
        if (person && [person.name, ...person.aliases].some((known) => samePerson(known, n))) return person;
      }
    }
    return undefined;
  }
}
