// Keeps an archive's search index: loads the snapshot on disk, brings it up to date with the
// records, keeps it so with every change, and writes it back when it has drifted. Opening an archive
// therefore costs a snapshot read and a comparison of stamps, not a build from every record; and
// nothing in the snapshot is believed that the records do not bear out.
//
// A stamp is a hash of a record's indexed words: hashing every record's text took a third of the
// time the snapshot took to open (0.15 s at 20,000 records, 0.75 s at 100,000). So the snapshot also
// keeps the key of the file each stamp was taken of (its size and times: store/read-files.ts),
// and a record read from a file with the same key is the record that was stamped; any other is hashed.
import type { CairnRecord, SearchIndexInfo } from '../../contract';
import { quarantineFile } from '../backup/quarantine';
import { RecordIndex, stampOf } from './record-index';
import { readSearchSnapshot, readSearchSnapshotSync, SNAPSHOT_FILE, SNAPSHOT_VERSION, writeSearchSnapshot, type SnapshotRead } from './search-snapshot';

export interface KeeperHost {
  root: string;
  records(): ReadonlyMap<string, CairnRecord>;
  /** The key of the file this very record object was read from, if any (store/record-store.ts's fileKeyOf). */
  fileKey?(record: CairnRecord): string | undefined;
  /**
   * The same, known by the record's id without the record (catalogue/first-answers.ts, whose records
   * are made only when asked for): the records are then compared with the snapshot without being made.
   */
  fileKeyById?(id: string): string | undefined;
  /** Whether the snapshot may be written and a damaged one moved aside (the archive holds its lock). */
  writable(): boolean;
  closed(): boolean;
  /**
   * Whether the archive's folder is still the one opened (not pulled out with its stick, nor another
   * folder in its place). The snapshot is written beside the changes, not in turn with them: an
   * edit never waits seconds for it.
   */
  folderHere(): Promise<boolean>;
  /** How long after the last change an index that has drifted is saved (default 30 s). */
  saveDelayMs?: number;
  /**
   * The catalogue written with the snapshot (catalogue/catalogue-file.ts): whether the one on disk
   * is current (when not, the snapshot and it are written again once changes pause, or at close), and
   * the writing of it for these keys, serialised at the call.
   */
  catalogue?: { current(): boolean; prepare(keys: ReadonlyMap<string, string>): () => Promise<void> };
  /** Reads the snapshot (default: readSearchSnapshot of root); first-answers.ts gives it the one it read already. */
  readSnapshot?(): Promise<SnapshotRead>;
}

/**
 * The default pause after which a drifted index is saved: long enough that a burst of edits is saved
 * once (at 20,000 records writing the snapshot takes seconds); at most ten of them during a long run.
 */
export const SAVE_DELAY_MS = 30_000;

/** Records (re)indexed or dropped per slice, between which other calls are answered. */
const SLICE = 200;

/**
 * How many records may differ from the snapshot on disk before it is written again (2%): the next
 * opening indexes that many again in well under a second (400 at 20,000 records), while writing the
 * snapshot of a large archive takes seconds, so it is not written for every edit.
 */
export const driftAllowed = (records: number): number => Math.max(1, Math.ceil(records / 50));

export class SearchKeeper {
  readonly #host: KeeperHost;
  #index = new RecordIndex();
  /** What the index holds of each record (see stampOf). */
  #stamps = new Map<string, string>();
  /** The key of the file each record's stamp was taken of, where known (a record changed here has none). */
  #keys = new Map<string, string>();
  /** The keys in the snapshot read, until the records are compared with it. */
  #keysRead = new Map<string, string>();
  /** Keys learnt since the snapshot on disk was written (it had none, or another, for those records): it is written again once enough are (see wantsPersist). */
  #keysLearnt = 0;
  /** Whether the snapshot on disk is of an older version this one still reads: written again in this one's, once. */
  #olderVersion = false;
  /** Whether the catalogue on disk is missing or not current: written again with the snapshot, once changes pause. */
  #catalogueWanted = false;
  /** Writing the catalogue failed in this session: not tried again until the next (each try would write the snapshot too). */
  #catalogueFailed = false;
  /** How the last comparison knew each record's stamp: by its file's key, or by hashing its words. */
  #checked = { byFile: 0, byContent: 0 };
  /** Records to index again or to drop: changed since the snapshot, or while it was loading. */
  #pending = new Set<string>();
  #state: SearchIndexInfo['state'] = 'waiting';
  #rebuild: SearchIndexInfo['rebuild'] = null;
  /** Records indexed again or dropped since the snapshot on disk was written (or read). */
  #drifted = new Set<string>();
  #preparing: Promise<void> | null = null;
  #writing: Promise<void> = Promise.resolve();
  #saveTimer: NodeJS.Timeout | null = null;
  #saveDueBy = 0;

  constructor(host: KeeperHost) {
    this.#host = host;
  }

  info(): SearchIndexInfo {
    const total = this.#host.records().size;
    const ready = this.#state === 'ready' || this.#state === 'updating' || this.#state === 'building';
    return { state: this.#state, indexed: ready ? Math.max(0, total - this.#pending.size) : 0, total, rebuild: this.#rebuild };
  }

  /** How the records were compared with the snapshot when the index was loaded: for tests and the bench. */
  checked(): { byFile: number; byContent: number } {
    return { ...this.#checked };
  }

  /** Loads the snapshot and brings it up to date, in slices; the doors await this before a search. */
  ready(): Promise<void> {
    this.#preparing ??= this.#prepare();
    return this.#preparing;
  }

  /** The index, once ready() has resolved. A call before that gets it built synchronously (tests, rare callers). */
  index(): RecordIndex {
    if (this.#state === 'waiting' || this.#state === 'loading') {
      // Read now, whether or not ready() is reading it too (it then finds the work done).
      const found = readSearchSnapshotSync(this.#host.root);
      if (found.kind === 'loaded') this.#useSnapshot(found);
      else this.#startFresh(rebuildFor(found, null, this.#host.records().size));
      this.#compare();
    }
    if (this.#state !== 'ready') this.#applySome(Infinity);
    return this.#index;
  }

  /** A record added, changed or taken out: indexed (or dropped) now when the index is there, else once it is. */
  changed(id: string): void {
    if (this.#state !== 'ready') {
      this.#pending.add(id);
      return;
    }
    this.#apply(id);
    if (this.wantsPersist()) this.#saveSoon();
  }

  /** Saves once changes pause for a moment, and during a long run of changes at least every ten such moments (and at close). */
  #saveSoon(): void {
    const now = Date.now();
    const delay = this.#host.saveDelayMs ?? SAVE_DELAY_MS;
    if (this.#saveTimer) clearTimeout(this.#saveTimer);
    else this.#saveDueBy = now + 10 * delay;
    this.#saveTimer = setTimeout(() => void this.persist(), Math.max(0, Math.min(delay, this.#saveDueBy - now)));
    this.#saveTimer.unref();
  }

  /**
   * Writes the snapshot when the index is complete and has drifted from it by more than a few
   * records (or `always`); never in an archive that may not be written. Failing is not an error: the
   * next opening finds the old snapshot stale and brings it up to date again.
   */
  async persist(options: { always?: boolean } = {}): Promise<void> {
    if (this.#saveTimer) clearTimeout(this.#saveTimer);
    this.#saveTimer = null;
    const run = this.#writing.then(async () => {
      if (!(await this.#host.folderHere())) return;
      if (!this.#host.writable() || !(options.always ? this.#state === 'ready' && (this.#drifted.size > 0 || this.#olderVersion || this.#catalogueWanted) : this.wantsPersist())) return;
      // A damaged snapshot a reader could not move aside goes to quarantine now, never written over.
      if (this.#rebuild?.why === 'damaged' && this.#rebuild.quarantined === null) {
        const quarantined = await quarantineFile(this.#host.root, SNAPSHOT_FILE).catch(() => null);
        if (!quarantined) return;
        this.#rebuild = { ...this.#rebuild, quarantined };
      }
      // The index is serialised before the first await: what is written is the index as it is now.
      const written = this.#drifted;
      const learnt = this.#keysLearnt;
      const older = this.#olderVersion;
      const catalogueWanted = this.#catalogueWanted;
      this.#drifted = new Set();
      this.#keysLearnt = 0;
      this.#olderVersion = false;
      this.#catalogueWanted = false;
      // Both taken before the first await, so that they describe the same records.
      const snapshot = writeSearchSnapshot(this.#host.root, this.#index, this.#stamps, { keys: this.#keys });
      let catalogue: (() => Promise<void>) | undefined;
      try {
        catalogue = this.#catalogueFailed ? undefined : this.#host.catalogue?.prepare(this.#keys);
      } catch {
        this.#catalogueFailed = true;
      }
      try {
        await snapshot;
      } catch {
        // A full or read-only disk: the snapshot is a convenience, the records are what matter.
        for (const id of written) this.#drifted.add(id);
        this.#keysLearnt += learnt;
        this.#olderVersion ||= older;
        this.#catalogueWanted ||= catalogueWanted && !this.#catalogueFailed;
        return;
      }
      try {
        await catalogue?.();
      } catch {
        // Likewise: a search then opens the archive whole, and the catalogue is written in a later session.
        this.#catalogueFailed = true;
      }
    });
    // A persist that failed for a reason not foreseen above must not stop the next ones, nor closing.
    this.#writing = run.catch(() => undefined);
    return this.#writing;
  }

  /**
   * Whether the index is complete and has drifted from its snapshot enough to be written again: records
   * indexed again or dropped, or records whose file keys it has learnt (the next opening then need not
   * hash them: an archive imported or copied has none until its files have settled); or the snapshot
   * is of an older version, which this one reads more slowly.
   */
  wantsPersist(): boolean {
    if (this.#state !== 'ready') return false;
    const drift = this.#drifted.size + this.#keysLearnt;
    return this.#olderVersion || this.#catalogueWanted || (drift > 0 && drift >= driftAllowed(this.#host.records().size));
  }

  async #prepare(): Promise<void> {
    if (this.#state !== 'waiting') return;
    this.#state = 'loading';
    const found = await (this.#host.readSnapshot?.() ?? readSearchSnapshot(this.#host.root));
    // A synchronous search may have built the index meanwhile; then there is nothing to load.
    if (this.#state !== 'loading') return;
    if (found.kind === 'loaded') {
      this.#useSnapshot(found);
    } else {
      // A damaged snapshot goes to quarantine (a reader's, later: see persist), then every record is indexed.
      const quarantined = found.kind === 'damaged' && this.#host.writable() ? await quarantineFile(this.#host.root, SNAPSHOT_FILE).catch(() => null) : null;
      if (this.#state !== 'loading') return;
      this.#startFresh(rebuildFor(found, quarantined, this.#host.records().size));
    }
    this.#compare();
    let done = this.#applySome(SLICE);
    while (!done && !this.#host.closed()) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      done = this.#applySome(SLICE);
    }
    // A rebuilt index is saved at once (it took long to make), one brought up to date once it has
    // drifted or was of an older version; searches do not wait for the writing (closing does). Keys
    // learnt alone (a copied or new archive) wait for a pause, or for closing: writing the snapshot
    // takes seconds at 100,000 records, and edits made meanwhile would wait on the disk.
    if (done) {
      if (this.#rebuild !== null || this.#olderVersion || this.#drifted.size >= driftAllowed(this.#host.records().size)) void this.persist({ always: this.#rebuild !== null });
      else if (this.wantsPersist()) this.#saveSoon();
    }
  }

  #useSnapshot(found: Extract<SnapshotRead, { kind: 'loaded' }>): void {
    this.#index = found.index;
    this.#stamps = found.stamps;
    this.#keys = new Map();
    this.#keysRead = found.keys;
    this.#olderVersion = found.version < SNAPSHOT_VERSION;
    this.#catalogueWanted = !this.#catalogueFailed && this.#host.catalogue !== undefined && this.#host.records().size > 0 && !this.#host.catalogue.current();
    this.#rebuild = null;
    this.#state = 'updating';
  }

  #startFresh(rebuild: SearchIndexInfo['rebuild']): void {
    this.#index = new RecordIndex();
    this.#stamps = new Map();
    this.#keys = new Map();
    this.#keysRead = new Map();
    this.#rebuild = rebuild;
    this.#state = 'building';
  }

  /**
   * Marks for indexing every record whose stamp differs from the index's, and every id the index holds
   * that is gone. A record read from the very file its stamp was taken of (the same key) is the record
   * stamped; any other is hashed.
   */
  #compare(): void {
    const records = this.#host.records();
    const read = this.#keysRead;
    this.#keysRead = new Map();
    const checked = { byFile: 0, byContent: 0 };
    const byId = this.#host.fileKeyById;
    for (const id of records.keys()) {
      let record = byId ? undefined : records.get(id)!;
      const key = byId ? byId(id) : this.#host.fileKey?.(record!);
      const stamp = this.#stamps.get(id);
      if (key !== undefined && stamp !== undefined && read.get(id) === key) {
        this.#keys.set(id, key);
        checked.byFile++;
        continue;
      }
      record ??= records.get(id)!;
      checked.byContent++;
      if (stamp !== stampOf(record)) {
        this.#pending.add(id); // its key is taken with its new stamp (see #apply)
      } else if (key !== undefined) {
        this.#keys.set(id, key);
        this.#keysLearnt++;
      }
    }
    for (const id of this.#stamps.keys()) if (!records.has(id)) this.#pending.add(id);
    this.#checked = checked;
  }

  /** Indexes up to `max` pending records; true when none are left (the index is then ready). */
  #applySome(max: number): boolean {
    // Records new to the index go in as one batch (each distinct word looked up once: see addAll).
    const added: CairnRecord[] = [];
    let done = true;
    for (const id of this.#pending) {
      if (max-- <= 0) {
        done = false;
        break;
      }
      this.#apply(id, added);
    }
    this.#index.addAll(added);
    if (done) this.#state = 'ready';
    return done;
  }

  /** Indexes a record again (or drops it); one new to the index is put in `added` when given, for the caller to add. */
  #apply(id: string, added?: CairnRecord[]): void {
    this.#pending.delete(id);
    const record = this.#host.records().get(id);
    if (record) {
      const stamp = stampOf(record);
      // The key of the file this record was read from goes with its stamp; a record changed here has none.
      const key = this.#host.fileKey?.(record);
      if (key === undefined) this.#keys.delete(id);
      if (this.#stamps.get(id) === stamp) {
        if (key !== undefined && this.#keys.get(id) !== key) {
          this.#keys.set(id, key);
          this.#keysLearnt++;
        }
        return;
      }
      if (added && !this.#index.has(id)) added.push(record);
      else this.#index.put(record);
      this.#stamps.set(id, stamp);
      if (key !== undefined) this.#keys.set(id, key);
    } else {
      this.#keys.delete(id);
      if (!this.#stamps.has(id)) return;
      this.#index.remove(id);
      this.#stamps.delete(id);
    }
    this.#drifted.add(id);
  }
}

/** Why every record is indexed, for a snapshot that could not be used (null for an archive with none yet, or empty). */
function rebuildFor(found: Exclude<SnapshotRead, { kind: 'loaded' }>, quarantined: string | null, records: number): SearchIndexInfo['rebuild'] {
  if (found.kind === 'missing' && records === 0) return null;
  if (found.kind === 'damaged') return { why: 'damaged', file: SNAPSHOT_FILE, problem: found.problem, quarantined };
  return { why: found.kind, file: SNAPSHOT_FILE, problem: null, quarantined: null };
}
