// Writes prepared files into the archive: each document checked against what the archive holds
// (the same text, or the same text in other typography), its original kept, the entities its text
// names found or made and linked as proposals, all in the import's one operation (one undo).
import type { CairnRecord, Entity, EntityKind, EntityLink, ImportReport } from '../../contract';
import type { OperationWriter } from '../changes/change-log';
import { newEntity } from '../entities/entity-changes';
import { cleanName, EntityRegistry } from '../entities/entity-registry';
import { CairnError, toErrorShape } from '../errors';
import { text } from '../../common/i18n/text';
import type { ExtractedEntity } from './extract-entities';
import { foldName, samePerson } from './extract-entities';
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
  /** Writes a new record; `nearHash` is its text's fingerprint, made already. */
  writeRecord(writer: OperationWriter, record: CairnRecord, nearHash?: string): Promise<void>;
  /** Writes a new entity (before null) or a changed one. */
  writeEntity(writer: OperationWriter, before: Entity | null, after: Entity): Promise<Entity>;
  /** Takes back an entity write of a document whose record could not be written (best effort): a made one goes, a changed one is put back, and its log entry goes. */
  forgetEntity(writer: OperationWriter, before: Entity | null, after: Entity): Promise<void>;
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
 * How many files are written side by side. Writing is waiting on the disk (each record, its log
 * entry and its original are fsynced): one fsync at a time costs ~0.5 ms here, eight at once ~0.2 ms
 * each, so files written side by side import about twice as fast (npm run bench, suite import).
 */
const WRITING_AT_ONCE = 8;

/**
 * Imports `files`; each gets a result, and one bad file never stops the others. The worker prepares
 * the files while this thread writes them, several side by side; the report lists them in the
 * order given.
 */
export async function importBatch(target: ImportTarget, preparer: Preparer, files: readonly IncomingFile[], writer: OperationWriter, report: ImportReport, options: ImportBatchOptions = {}): Promise<void> {
  const now = new Date().toISOString();
  const { csvMap, csvMaps, entities } = options;
  const batch = new Batch(target);
  const prepared = files.map((f) => preparer.prepare(f.name, f.bytes, now, { csvMap: csvMaps?.[f.name] ?? csvMap, entities }).then((p): PreparedFile | { error: unknown } => p, (error: unknown) => ({ error })));
  // Nothing is left unobserved when the loop stops early (a cancel).
  for (const p of prepared) void p.catch(() => undefined);
  const reports: ImportReport[] = files.map(() => ({ imported: [], duplicates: [], failed: [] }));
  // Each file's turn to decide (copy or not, which entities): in the order given, so that an import
  // comes out the same however its writes interleave (the first of two copies is the one kept, the
  // first spelling of a new person its name). Deciding is quick; the writing is side by side.
  const passed: (() => void)[] = [];
  const turns = files.map(() => new Promise<void>((resolve) => passed.push(resolve)));
  const turn = (i: number): Turn => {
    const after = i === 0 ? Promise.resolve() : turns[i - 1]!;
    return { after, pass: () => void after.then(passed[i]) };
  };
  let next = 0;
  let done = 0;
  const lane = async () => {
    // A cancel starts no other file; the files being written finish (nothing is half-written).
    while (next < files.length && !options.signal?.aborted) {
      const i = next++;
      await importFile(target, batch, writer, files[i]!, await prepared[i]!, reports[i]!, options, turn(i));
      done++;
      try {
        options.progress?.(done, files[i]!.name);
      } catch {
        // What shows progress must never end an import with files still being written.
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(WRITING_AT_ONCE, files.length) }, lane));
  for (const r of reports) {
    report.imported.push(...r.imported);
    report.duplicates.push(...r.duplicates);
    report.failed.push(...r.failed);
  }
}

/** A file's turn to decide: once the file before it has decided (`after`); `pass` gives the turn on. */
interface Turn {
  after: Promise<void>;
  pass: () => void;
}

/** One file: its documents (one, or a CSV file's rows, in turn), or why it was not imported. */
async function importFile(target: ImportTarget, batch: Batch, writer: OperationWriter, file: IncomingFile, result: PreparedFile | { error: unknown }, report: ImportReport, options: ImportBatchOptions, turn: Turn): Promise<void> {
  try {
    if ('error' in result) throw result.error;
    await target.assertFolderHere();
    for (const row of result.failed) report.failed.push({ file: file.name, row: row.row, ...row.error });
    if (result.documents.length === 0 && result.failed.length === 0) throw new CairnError('E_EMPTY_FILE', text('import_csv_no_rows', { name: file.name }));
    for (const [n, doc] of result.documents.entries()) {
      // A CSV row that cannot be written fails alone; the rows before and after it come in.
      try {
        // A CSV file keeps its turn until its last row has decided.
        const decided = n === result.documents.length - 1 ? turn.pass : () => undefined;
        await importDocument(target, batch, writer, doc, file, report, options, turn.after, decided);
      } catch (e) {
        if (result.documents.length === 1 || doc.record.source?.row === undefined) throw e;
        report.failed.push({ file: file.name, row: doc.record.source.row, ...toErrorShape(e) });
      }
    }
  } catch (e) {
    report.failed.push({ file: file.name, ...toErrorShape(e) });
  } finally {
    turn.pass();
  }
}

/** One document: refused as a copy, or written with its original and its entities. */
async function importDocument(target: ImportTarget, batch: Batch, writer: OperationWriter, doc: PreparedDocument, file: IncomingFile, report: ImportReport, options: ImportBatchOptions, turn: Promise<void>, decided: () => void): Promise<void> {
  const record = doc.record;
  const name = record.source?.row ? `${file.name}:${record.source.row}` : file.name;
  await turn;
  // A copy of a document another file of the batch is being written with waits for it, and is then
  // checked against what was written (nothing, if that write failed).
  for (let other = batch.writing(record.textHash, doc.nearHash); other; other = batch.writing(record.textHash, doc.nearHash)) await other;
  const exact = target.exactCopyOf(record.textHash);
  const near = exact ? undefined : target.nearCopyOf(doc.nearHash);
  const copyOf = exact ?? near;
  if (copyOf && !options.asNewVersions) {
    report.duplicates.push({ file: name, id: copyOf, title: target.titleOf(copyOf), ...(near ? { near: true } : {}) });
    return;
  }
  const finished = batch.startWriting(record.textHash, doc.nearHash);
  try {
    if (copyOf) record.source = { ...record.source!, versionOf: copyOf };
    const { links, writes, waits } = proposeEntities(target, batch, writer, record.id, doc.entities);
    record.entities = links;
    decided();
    // All or nothing: the original and the entities made for a record that cannot be written go again.
    let original: ((written: boolean) => Promise<void>) | null = null;
    try {
      original = await batch.useOriginal(record.source!.sha256, file.bytes);
      for (const w of await Promise.allSettled(writes)) if (w.status === 'rejected') throw w.reason;
      // Entities another document of the batch is writing: the record links them once they are there.
      await Promise.all(waits);
      await target.writeRecord(writer, record, doc.nearHash);
    } catch (e) {
      batch.release(record.id);
      const written = (await Promise.allSettled(writes)).flatMap((w) => (w.status === 'fulfilled' ? [w.value] : []));
      for (const w of written.reverse()) await batch.forget(writer, w);
      await original?.(false);
      throw e;
    }
    await original(true);
    report.imported.push({ id: record.id, file: name, title: record.title, ...(copyOf ? { versionOf: copyOf } : {}) });
  } finally {
    finished();
  }
}

/**
 * What the files of one batch written side by side share: the entities as they will be once the
 * batch's entity writes are done (two documents naming one new person make one entity, named as
 * the first file names it), each entity's writes in order, the texts being written now (a copy inside the
 * batch is caught), the originals being stored, and which entities each document links.
 */
class Batch implements EntityLookup {
  readonly index: EntityIndex;
  #target: ImportTarget;
  /** Entities this batch made or changed, as planned (names and aliases; the written revision comes from #written). */
  #planned = new EntityRegistry();
  /** Entity id → the entity as last written by this batch; never rejects (a failed write leaves the one before). */
  #written = new Map<string, Promise<Entity | null>>();
  /** Entity id → the last write planned (it rejects when that write failed): what a record linking the entity waits for. */
  #last = new Map<string, { seq: number; run: Promise<EntityWrite> }>();
  #seq = 0;
  /** Entities this batch made and took back: out of sight, though the archive may list them a moment longer. */
  #gone = new Set<string>();
  /** Entity id → the records of this batch that link it. */
  #claims = new Map<string, Set<string>>();
  #writing = new Map<string, Promise<void>>();
  #originals = new Map<string, { keeping: Promise<string | null>; users: number; written: boolean; forgetting: Promise<void> | null }>();

  constructor(target: ImportTarget) {
    this.#target = target;
    this.index = new EntityIndex(this, target.entities.all());
  }

  byName(kind: EntityKind, name: string): Entity | undefined {
    const planned = this.#planned.byName(kind, name);
    if (planned) return planned;
    const known = this.#target.entities.byName(kind, name);
    if (!known || this.#gone.has(known.id)) return undefined;
    return this.#planned.find(known.id) ?? known;
  }

  find(id: string): Entity | undefined {
    if (this.#gone.has(id)) return undefined;
    return this.#planned.find(id) ?? this.#target.entities.find(id);
  }

  /**
   * Plans an entity as `change` makes it (from nothing, or from the entity as last written) and
   * starts writing it after the batch's earlier writes of it; resolves once written. A write that
   * fails is taken out of sight again (unless another was planned on it since), so that the
   * documents after it neither link it nor wait for it.
   */
  write(writer: OperationWriter, planned: Entity, change: (written: Entity | null) => Entity, isNew: boolean): Promise<EntityWrite> {
    const id = planned.id;
    const seq = ++this.#seq;
    const shownBefore = isNew ? null : (this.#planned.find(id) ?? this.#target.entities.find(id) ?? null);
    const previous = this.#written.get(id) ?? Promise.resolve(isNew ? null : (this.#target.entities.find(id) ?? null));
    const run = previous.then(async (was): Promise<EntityWrite> => ({ before: was, after: await this.#target.writeEntity(writer, was, change(was)), seq }));
    this.#written.set(id, run.then((w) => w.after, () => previous));
    this.#last.set(id, { seq, run });
    this.#planned.put(planned);
    this.index.add(planned);
    this.#gone.delete(id);
    void run.catch(() => {
      if (this.#last.get(id)?.seq !== seq) return;
      this.#last.delete(id);
      this.#hide(planned, shownBefore);
    });
    return run;
  }

  /** The write of this entity still going on (or failed), if any. */
  pending(id: string): Promise<unknown> | undefined {
    return this.#last.get(id)?.run;
  }

  /**
   * Takes back an entity write of a document whose record could not be written: a made entity goes,
   * an alias it gave goes again; not when another document of the batch links the entity now, nor
   * when a later write was planned on it. Checked and taken out of sight in one step, so that no
   * document plans on it while it goes.
   */
  async forget(writer: OperationWriter, w: EntityWrite): Promise<void> {
    const id = w.after.id;
    if (this.claimed(id) || this.#last.get(id)?.seq !== w.seq) return;
    this.#last.delete(id);
    this.#hide(w.after, w.before);
    const gone = this.#target.forgetEntity(writer, w.before, w.after).catch(() => undefined);
    this.#written.set(id, gone.then(() => w.before));
    await gone;
  }

  /** Shows an entity as it was before (`before`), or not at all when it was made here. */
  #hide(after: Entity, before: Entity | null): void {
    this.index.forget(after, before);
    if (before) this.#planned.put(before);
    else {
      this.#planned.remove(after.id);
      this.#gone.add(after.id);
    }
  }

  /** The write of a document with this text (or fingerprint) going on now, if any. */
  writing(textHash: string, near: string): Promise<void> | undefined {
    return this.#writing.get(`t${textHash}`) ?? this.#writing.get(`n${near}`);
  }

  /** Marks a text as being written; call what it returns when the write is done (or failed). */
  startWriting(textHash: string, near: string): () => void {
    let done!: () => void;
    const promise = new Promise<void>((resolve) => (done = resolve));
    const keys = [`t${textHash}`, `n${near}`];
    for (const k of keys) this.#writing.set(k, promise);
    return () => {
      for (const k of keys) if (this.#writing.get(k) === promise) this.#writing.delete(k);
      done();
    };
  }

  /**
   * A document's original, stored once however many documents of the batch come from the same
   * bytes (a CSV file's rows, or copies imported as new versions). Call what it returns with whether
   * the document was written: when none of them was, an original this batch stored goes again.
   */
  async useOriginal(sha: string, bytes: Uint8Array): Promise<(written: boolean) => Promise<void>> {
    let entry = this.#originals.get(sha);
    while (entry?.forgetting) {
      await entry.forgetting;
      entry = this.#originals.get(sha);
    }
    if (!entry) {
      entry = { keeping: this.#target.keepOriginal(sha, bytes), users: 0, written: false, forgetting: null };
      this.#originals.set(sha, entry);
    }
    const mine = entry;
    mine.users++;
    try {
      await mine.keeping;
    } catch (e) {
      // Not stored: this document fails, and the next one to need it tries again.
      mine.users--;
      if (this.#originals.get(sha) === mine) this.#originals.delete(sha);
      throw e;
    }
    return async (written) => {
      mine.users--;
      if (written) mine.written = true;
      if (mine.users > 0 || mine.written) return;
      mine.forgetting = (async () => {
        const stored = await mine.keeping.catch(() => null);
        if (stored) await this.#target.forgetOriginal(stored);
      })();
      await mine.forgetting;
      if (this.#originals.get(sha) === mine) this.#originals.delete(sha);
    };
  }

  claim(entity: string, record: string): void {
    const records = this.#claims.get(entity) ?? new Set<string>();
    records.add(record);
    this.#claims.set(entity, records);
  }

  /** A record that was not written links nothing. */
  release(record: string): void {
    for (const records of this.#claims.values()) records.delete(record);
  }

  claimed(entity: string): boolean {
    return (this.#claims.get(entity)?.size ?? 0) > 0;
  }
}

/** An entity write of an import: the entity before (null when made), as written, and which of the batch's writes it was. */
interface EntityWrite {
  before: Entity | null;
  after: Entity;
  seq: number;
}

/**
 * The archive's entity for each name the text gives (the same name or alias, the same name without
 * diacritics, or, for a person, a variant spelling of one already known), or a new entity made with
 * the names the text gives; every link is a proposal until a person confirms it.
 *
 * Plans the links at once (no waiting in between, so that two documents naming one new person make
 * one entity) and starts the entity writes they need; `waits` are the writes of other documents the
 * record must wait for before it links to what they write.
 */
function proposeEntities(target: ImportTarget, batch: Batch, writer: OperationWriter, record: string, found: readonly ExtractedEntity[]): { links: EntityLink[]; writes: Promise<EntityWrite>[]; waits: Promise<unknown>[] } {
  const links: EntityLink[] = [];
  const writes: Promise<EntityWrite>[] = [];
  const waits: Promise<unknown>[] = [];
  for (const e of found) {
    const names = [...new Set([e.name, ...e.aliases].map(cleanName).filter(Boolean))];
    if (names.length === 0) continue;
    const entity = batch.index.find(e.kind, names);
    const free = names.filter((n) => !batch.byName(e.kind, n));
    let id: string;
    if (!entity) {
      const made = { ...newEntity(target.newId(), e.kind, free[0] ?? names[0]!, writer.at), aliases: free.slice(1) };
      id = made.id;
      writes.push(batch.write(writer, made, () => made, true));
    } else if (free.length > 0) {
      // A spelling the archive does not know yet (Coninx beside Coninsx) becomes an alias of the entity it was found to be.
      id = entity.id;
      const addAliases = (written: Entity | null): Entity => ({ ...written!, aliases: [...written!.aliases, ...free.filter((n) => !written!.aliases.includes(n))] });
      writes.push(batch.write(writer, { ...entity, aliases: [...entity.aliases, ...free] }, addAliases, false));
    } else {
      id = entity.id;
      const pending = batch.pending(id);
      if (pending) waits.push(pending);
    }
    if (!links.some((l) => l.entity === id)) links.push({ entity: id, proposed: true });
    batch.claim(id, record);
  }
  return { links, writes, waits };
}

/** Finds entities by id and by name (the archive's, or as a batch will have written them). */
interface EntityLookup {
  byName(kind: EntityKind, name: string): Entity | undefined;
  find(id: string): Entity | undefined;
}

/** The archive's entities by their names folded (case and diacritics), and people also by first name, for variant spellings. */
class EntityIndex {
  #registry: EntityLookup;
  #byFold = new Map<string, string>();
  #byFirstName = new Map<string, string[]>();

  constructor(registry: EntityLookup, entities: readonly Entity[]) {
    this.#registry = registry;
    for (const e of entities) this.add(e);
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
