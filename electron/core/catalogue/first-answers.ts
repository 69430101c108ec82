// A search answered before the archive's records are read: from the search index's snapshot and the
// catalogue (catalogue-file.ts), for `cairn search`, whose whole process otherwise reads and parses
// every record file (1.2 s at 20,000 records, 5 s at 100,000) to answer one query.
//
// Never believed blindly. Every record file is looked at (its size and times, not its contents: see
// store/read-files.ts's shardFileKeys), and a catalogue entry is taken only for a file whose key is
// the one the entry was made of; the files that differ (changed since, or too lately to tell) are read
// and parsed as opening the archive reads them, and the index is brought up to date with them as it
// is then (search/search-keeper.ts). A record's text is read from its file only when the answer
// needs it (the snippets of the hits shown, a phrase), and only from the file of that key. The rest of
// what opening reads is read as it reads it: the entities, vocabularies, tags' colours and saved
// searches (small beside the records), for the filters and facets that need them and for the problems
// opening would report.
//
// Anything this cannot answer exactly as the whole archive would gives way to it (`whole`): no
// snapshot or catalogue, many files changed, a record file that is damaged, misplaced or from a newer
// Cairn, any problem opening would report (a damaged entity, vocabulary, tags.json or searches.json),
// a damaged, older or newer archive description, or a record file changed while answering. The same
// code then answers (query/record-queries.ts): the same hits, in the same order.
import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ArchiveProblem, CairnRecord, Entity, SearchResult, SortOrder } from '../../contract';
import { ConceptIndex } from '../../common/tags/tag-paths';
import { EntityRegistry } from '../entities/entity-registry';
import { entityFileKey, entityFromFile, entityLayout } from '../entities/entity-store';
import { loadSavedSearches } from '../query/saved-searches';
import { loadTagColours } from '../tags/tag-colours';
import { RECORD_FORMAT_VERSION } from '../model/record-schema';
import { RecordQueries } from '../query/record-queries';
import { readManifestOrPlanRepair } from '../repair/manifest-repair';
import { SearchKeeper } from '../search/search-keeper';
import { readSearchSnapshot, SNAPSHOT_VERSION } from '../search/search-snapshot';
import { FORMAT_VERSION, layout } from '../store/archive-folder';
import { readFilesInLanes, shardFileKeys, statKey, type ReadOptions, type ShardFileKeys } from '../store/read-files';
import { fileKeyOf, knownByFileKey, recordFileKey, recordFileOf } from '../store/record-store';
import { loadVocabularies } from '../vocab/vocabulary-file';
import { readCatalogue, type Catalogue } from './catalogue-file';

/** Why the archive must be opened whole to answer (for the bench and tests; a person is told nothing: the answer is the same). */
export type WholeArchiveReason =
  | 'manifest'
  | 'no snapshot'
  | 'no catalogue'
  | 'record files'
  | 'many changed'
  | 'problems'
  | 'changed while answering';

/** Thrown where an answer would need what is not read here; the caller opens the archive whole. */
class NeedsWholeArchive extends Error {
  constructor(readonly reason: WholeArchiveReason) {
    super(`the whole archive is needed: ${reason}`);
  }
}

/** More files than this share of the archive changed since the catalogue: reading them all is then no slower. */
const MOST_CHANGED = 0.1;

export interface FirstAnswersOptions {
  /** How long a file must have been left alone for its key to count (tests shorten it; see read-files.ts). */
  settledMs?: number;
}

interface Known {
  byCatalogue: number;
  read: number;
  entities: { byCatalogue: number; read: number };
}

/** Answers searches from the catalogue and the index's snapshot; see above. */
export class FirstAnswers {
  readonly #records: ReadonlyMap<string, CairnRecord>;
  readonly #queries: RecordQueries;
  /** How the records and the entities were known: by the catalogue (their files' keys), or read from their files. */
  readonly known: Known;

  constructor(records: CatalogueRecords, keeper: SearchKeeper, entities: () => Entity[], concepts: ConceptIndex, known: Known) {
    this.#records = records;
    this.known = known;
    let registry: EntityRegistry | null = null;
    this.#queries = new RecordQueries({
      records,
      index: () => keeper.index(),
      // Made when a query first needs them (person:, org:, place:, the place facet).
      entities: () => (registry ??= new EntityRegistry(entities())),
      concepts: () => concepts,
      changes: () => 0,
      titleChanges: () => 0,
      titleOf: (id) => records.titleOf(id),
    });
  }

  get size(): number {
    return this.#records.size;
  }

  /** Every record's id. */
  ids(): string[] {
    return [...this.#records.keys()];
  }

  /** As Archive.search answers; null when only the whole archive can answer it (see above). */
  search(query: string, limit = 50, options: { offset?: number; sort?: SortOrder; facets?: boolean } = {}): SearchResult | null {
    return this.#try(() => this.#queries.search(query, limit, options));
  }

  #try<T>(answer: () => T): T | null {
    try {
      return answer();
    } catch (e) {
      if (e instanceof NeedsWholeArchive) return null;
      throw e;
    }
  }
}

/** Reads what answering needs, or says why the archive must be opened whole. */
export async function openFirstAnswers(root: string, options: FirstAnswersOptions = {}): Promise<FirstAnswers | { whole: WholeArchiveReason }> {
  try {
    return await open(path.resolve(root), options);
  } catch (e) {
    if (e instanceof NeedsWholeArchive) return { whole: e.reason };
    throw e;
  }
}

async function open(root: string, options: FirstAnswersOptions): Promise<FirstAnswers> {
  const { manifest, repair } = await readManifestOrPlanRepair(root);
  // A damaged description is said, and an older one brought up to date, when the archive opens.
  if (repair || manifest.version !== FORMAT_VERSION) throw new NeedsWholeArchive('manifest');
  // Side by side: the record files looked at (in a worker), the snapshot, the catalogue, the vocabularies.
  const listed = shardFileKeys(layout.recordsDir(root), options);
  const listedEntities = shardFileKeys(entityLayout.dir(root), options);
  const snapshot = readSearchSnapshot(root);
  // Awaited below unless an earlier step gives way to the whole archive: never left unhandled.
  void snapshot.catch(() => undefined);
  // What else opening reads, for the problems it would report: any problem, and the archive opened
  // whole reports it. The entities (for person:, org:, place: and the place facet) as the records are.
  const problems: ArchiveProblem[] = [];
  const [found, files, entityFiles, vocabularies] = await Promise.all([
    readCatalogue(root),
    listed,
    listedEntities,
    loadVocabularies(layout.vocabulariesDir(root), root, problems),
    loadTagColours(root, problems),
    loadSavedSearches(root, problems),
  ]);
  if (found.kind !== 'loaded' || files.irregular > 0 || entityFiles.irregular > 0 || problems.length > 0) {
    throw new NeedsWholeArchive(found.kind !== 'loaded' ? 'no catalogue' : problems.length > 0 || entityFiles.irregular > 0 ? 'problems' : 'record files');
  }
  const { entities, known: entitiesKnown } = await entitiesOf(root, found, entityFiles, options);
  const position = new Map<string, number>();
  found.ids.forEach((id, i) => position.set(id, i));
  // Each file: known from the catalogue when its key is the entry's, else read (below).
  const order = new Map<string, number>();
  const unknown: string[] = [];
  for (let i = 0; i < files.names.length; i++) {
    const id = files.names[i]!.slice(0, -'.json'.length);
    // A record file kept elsewhere than its id says (opening the archive reports it, and holds the record back).
    if (files.shards[i] !== id.slice(0, 2) || order.has(id)) throw new NeedsWholeArchive('record files');
    const at = position.get(id);
    const key = files.keys[i];
    if (at !== undefined && key !== null && key !== undefined && found.keys[at] === recordFileKey(key)) order.set(id, at);
    else {
      order.set(id, -1);
      unknown.push(id);
    }
  }
  if (unknown.length > Math.max(200, files.names.length * MOST_CHANGED)) throw new NeedsWholeArchive('many changed');
  // The others read as opening the archive reads them (with their keys, when read by the worker).
  const read = new Map<string, CairnRecord>();
  const contents = await readFilesInLanes(
    unknown.map((id) => layout.record(root, id)),
    (file, content, key) => recordFileOf(root, file, content, key),
    { keys: true, ...(options.settledMs !== undefined ? { settledMs: options.settledMs } : {}) } satisfies ReadOptions,
  );
  contents.forEach((r, i) => {
    // Damaged, another record's, or from a newer Cairn (held back and reported when the archive opens).
    if (!('record' in r) || r.record.id !== unknown[i] || r.record.formatVersion > RECORD_FORMAT_VERSION) throw new NeedsWholeArchive('record files');
    read.set(r.record.id, r.record);
  });
  const records = new CatalogueRecords(root, found, order, read);
  const loaded = await snapshot;
  if (loaded.kind !== 'loaded' || loaded.version < SNAPSHOT_VERSION) throw new NeedsWholeArchive('no snapshot');
  const keeper = new SearchKeeper({
    root,
    records: () => records,
    fileKey: fileKeyOf,
    fileKeyById: (id) => records.keyOf(id),
    // Nothing is written: the archive is not opened (its lock is not taken).
    writable: () => false,
    closed: () => false,
    folderHere: async () => false,
    readSnapshot: async () => loaded,
  });
  await keeper.ready();
  return new FirstAnswers(records, keeper, entities, new ConceptIndex(vocabularies), {
    byCatalogue: order.size - unknown.length,
    read: unknown.length,
    entities: entitiesKnown,
  });
}

/**
 * The archive's entities, in its files' order, as loadEntities reads them: from the catalogue for a
 * file whose key is the one its line was made of, else read from the file (a problem, and the
 * archive opened whole reports it).
 */
async function entitiesOf(root: string, catalogue: Catalogue, files: ShardFileKeys, options: FirstAnswersOptions): Promise<{ entities: () => Entity[]; known: Known['entities'] }> {
  const at = new Map<string, number>();
  catalogue.entityFiles.forEach((file, i) => at.set(file, i));
  // Each file's entity: its catalogue line (parsed when the entities are first asked for), or as read.
  const entities: (number | Entity | null)[] = [];
  const unknown: { file: string; slot: number }[] = [];
  const dir = entityLayout.dir(root);
  for (let i = 0; i < files.names.length; i++) {
    const file = `${files.shards[i]}/${files.names[i]}`;
    const line = at.get(file);
    const key = files.keys[i];
    if (line !== undefined && key !== null && key !== undefined && catalogue.entityKeys[line] === entityFileKey(key)) entities.push(line);
    else {
      unknown.push({ file: path.join(dir, files.shards[i]!, files.names[i]!), slot: entities.length });
      entities.push(null);
    }
  }
  const read = await readFilesInLanes(
    unknown.map((u) => u.file),
    (file, content, key) => entityFromFile(root, file, content, key),
    { keys: true, ...(options.settledMs !== undefined ? { settledMs: options.settledMs } : {}) },
  );
  read.forEach((r, i) => {
    if (!('entity' in r)) throw new NeedsWholeArchive('problems');
    entities[unknown[i]!.slot] = r.entity;
  });
  const made = () =>
    entities.map((e) => {
      if (typeof e !== 'number') return e!;
      try {
        return catalogue.entity(e);
      } catch {
        throw new NeedsWholeArchive('no catalogue');
      }
    });
  return { entities: made, known: { byCatalogue: entities.length - unknown.length, read: unknown.length } };
}

/**
 * The archive's records, in its files' order: those the catalogue knows made from their lines when
 * first asked for (a search asks for its hits), the others as read from their files. A record from a
 * newer Cairn, or a line that is not its record, stops the answer: the whole archive gives it.
 */
class CatalogueRecords implements ReadonlyMap<string, CairnRecord> {
  readonly #root: string;
  readonly #catalogue: Catalogue;
  /** Each record's line in the catalogue, or -1 for a record read from its file. */
  readonly #order: ReadonlyMap<string, number>;
  readonly #read: ReadonlyMap<string, CairnRecord>;
  readonly #made = new Map<string, CairnRecord>();
  #every: Map<string, CairnRecord> | null = null;

  constructor(root: string, catalogue: Catalogue, order: ReadonlyMap<string, number>, read: ReadonlyMap<string, CairnRecord>) {
    this.#root = root;
    this.#catalogue = catalogue;
    this.#order = order;
    this.#read = read;
  }

  get size(): number {
    return this.#order.size;
  }

  has(id: string): boolean {
    return this.#order.has(id);
  }

  keys(): MapIterator<string> {
    return this.#order.keys();
  }

  /** A record's title, without making it. */
  titleOf(id: string): string {
    const at = this.#order.get(id);
    if (at === undefined) throw new Error(`no record ${id}`);
    return at >= 0 ? this.#catalogue.titles[at]! : this.#read.get(id)!.title;
  }

  /** The key of the file the record was made of, without making it. */
  keyOf(id: string): string | undefined {
    const at = this.#order.get(id);
    if (at === undefined) return undefined;
    if (at >= 0) return this.#catalogue.keys[at];
    const record = this.#read.get(id);
    return record && fileKeyOf(record);
  }

  get(id: string): CairnRecord | undefined {
    const at = this.#order.get(id);
    if (at === undefined) return undefined;
    if (at < 0) return this.#read.get(id);
    let record = this.#made.get(id);
    if (!record) {
      record = this.#make(at);
      this.#made.set(id, record);
    }
    return record;
  }

  #make(at: number): CairnRecord {
    let made: CairnRecord;
    try {
      made = this.#catalogue.record(at) as CairnRecord;
    } catch {
      throw new NeedsWholeArchive('no catalogue');
    }
    if (made.formatVersion > RECORD_FORMAT_VERSION) throw new NeedsWholeArchive('record files');
    const key = this.#catalogue.keys[at]!;
    const file = layout.record(this.#root, made.id);
    let text: string | null = null;
    Object.defineProperty(made, 'text', { enumerable: true, configurable: false, get: () => (text ??= textOf(file, key)) });
    knownByFileKey(made, key);
    return made;
  }

  /** Every record, made (a filter alone, or a sort, reads them all). */
  #all(): Map<string, CairnRecord> {
    if (!this.#every) {
      const every = new Map<string, CairnRecord>();
      for (const id of this.#order.keys()) every.set(id, this.get(id)!);
      this.#every = every;
    }
    return this.#every;
  }

  values(): MapIterator<CairnRecord> {
    return this.#all().values();
  }

  entries(): MapIterator<[string, CairnRecord]> {
    return this.#all().entries();
  }

  [Symbol.iterator](): MapIterator<[string, CairnRecord]> {
    return this.#all().entries();
  }

  forEach(each: (record: CairnRecord, id: string, map: ReadonlyMap<string, CairnRecord>) => void, thisArg?: unknown): void {
    for (const [id, record] of this.#all()) each.call(thisArg, record, id, this);
  }
}

function textOf(file: string, key: string): string {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    throw new NeedsWholeArchive('changed while answering');
  }
  try {
    const st = fstatSync(fd, { bigint: true });
    if (recordFileKey(statKey(st)) !== key) throw new NeedsWholeArchive('changed while answering');
    const raw = JSON.parse(readFileSync(fd, 'utf8')) as { text?: unknown } | null;
    if (typeof raw?.text !== 'string') throw new NeedsWholeArchive('changed while answering');
    return raw.text;
  } catch (e) {
    if (e instanceof NeedsWholeArchive) throw e;
    throw new NeedsWholeArchive('changed while answering');
  } finally {
    closeSync(fd);
  }
}
