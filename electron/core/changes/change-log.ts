// The archive's change log: one append-only file of entries per record (changes/<xx>/<id>.jsonl)
// and one journal of operations (changes/operations.jsonl) that undo and redo walk.
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { writeDurably } from '../store/durable-json-file';
import { randomBytes } from 'node:crypto';
import type { Author, ChangeEntry, Operation, OperationKind } from '../../contract';
import type { ChangeDraft } from './entries';
import { isChangeEntry } from './entries';
import { HybridClock, parseReading, wallTimeOf } from './hlc';
import { appendLines, parseLines, readLines, readTail } from './log-file';

export const changesLayout = {
  dir: (root: string) => path.join(root, 'changes'),
  journal: (root: string) => path.join(root, 'changes', 'operations.jsonl'),
  record: (root: string, id: string) => path.join(root, 'changes', id.slice(0, 2), `${id}.jsonl`),
  /** An entity's log; "entities" is longer than the two characters a record's folder is named by, so the two never meet. */
  entity: (root: string, id: string) => path.join(root, 'changes', 'entities', id.slice(0, 2), `${id}.jsonl`),
  /** A vocabulary's log: its concepts as the tag manager and vocabulary imports changed them. */
  vocabulary: (root: string, id: string) => path.join(root, 'changes', 'vocabularies', `${id}.jsonl`),
  /** The log of the tags' own colours (tags.json). */
  tags: (root: string) => path.join(root, 'changes', 'tags.jsonl'),
};

/** What a log belongs to: a record, an archive-wide entity, a vocabulary, or the tags' colours. */
export type LogDoc = 'record' | 'entity' | 'vocabulary' | 'tags';
const logFile = (root: string, id: string, doc: LogDoc) =>
  doc === 'entity' ? changesLayout.entity(root, id) : doc === 'vocabulary' ? changesLayout.vocabulary(root, id) : doc === 'tags' ? changesLayout.tags(root) : changesLayout.record(root, id);

/** An operation id: 10 characters of a lower-case base-32 alphabet (50 random bits). */
export function newOperationId(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
  return [...randomBytes(10)].map((b) => alphabet[b & 31]).join('');
}

export interface RecordChanges {
  id: string;
  /** Absent for a record. */
  doc?: LogDoc;
  /** The record's revision once these changes are written. */
  rev: number;
  drafts: ChangeDraft[];
}

export interface OperationDraft {
  kind: OperationKind;
  who: Author;
  comment?: string;
  reverses?: string[];
}

const isOperation = (v: unknown): v is Operation => {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Partial<Operation>;
  return typeof o.op === 'string' && typeof o.kind === 'string' && typeof o.clock === 'string' && Array.isArray(o.records) && typeof o.who === 'object' && o.who !== null;
};

export class ChangeLog {
  readonly root: string;
  readonly clock: HybridClock;
  #newId: () => string;
  /** The journal, read on first need (undo, redo) and kept up to date after. */
  #operations: Operation[] | null = null;

  private constructor(root: string, clock: HybridClock, newId: () => string) {
    this.root = root;
    this.clock = clock;
    this.#newId = newId;
  }

  /** Opens the log; the clock continues after the newest operation the journal holds. */
  static async open(root: string, replica: string, options: { now?: () => number; newId?: () => string } = {}): Promise<ChangeLog> {
    // The newest reading is in the last whole line; a bulk step's line can be long, so read more until one is whole.
    const newestIn = (tail: string) => parseLines(tail, isOperation).values.map((o) => o.clock).filter((c) => parseReading(c)).sort().at(-1) ?? null;
    let read = await readTail(changesLayout.journal(root), 16 * 1024);
    for (let bytes = 64 * 1024; newestIn(read.tail) === null && !read.whole; bytes *= 4) read = await readTail(changesLayout.journal(root), bytes);
    const last = newestIn(read.tail);
    return new ChangeLog(root, new HybridClock(replica, options.now, last), options.newId ?? newOperationId);
  }

  /**
   * Starts an operation. Each record's entries go to its own log (add) before the caller writes
   * the record; the operation goes to the journal last (finish). Entries of a record write that
   * never completed are told apart on reading by their revision (see validEntries).
   */
  begin(draft: OperationDraft): OperationWriter {
    return new OperationWriter(this, draft, this.#newId(), this.clock.tick(), new Date(this.clock.wallNow()).toISOString());
  }

  /** One whole operation: every record's entries, then the journal line. */
  async write(draft: OperationDraft, changes: readonly RecordChanges[]): Promise<{ operation: Operation; entries: ChangeEntry[] }> {
    const writer = this.begin(draft);
    const entries: ChangeEntry[] = [];
    for (const c of changes) entries.push(...(await writer.add(c)));
    return { operation: await writer.finish(), entries };
  }

  /** Writes a record's history as another archive logged it (taking an export back), unchanged. */
  async appendHistory(id: string, entries: readonly ChangeEntry[]): Promise<void> {
    await appendLines(changesLayout.record(this.root, id), entries);
  }

  /** Writes operations as another archive journaled them (taking an export back), unchanged. */
  async appendOperations(operations: readonly Operation[]): Promise<void> {
    await appendLines(changesLayout.journal(this.root), operations);
    this.#operations?.push(...operations);
  }

  /** @internal: called by OperationWriter.finish. */
  async appendOperation(operation: Operation): Promise<void> {
    await appendLines(changesLayout.journal(this.root), [operation]);
    this.#operations?.push(operation);
  }

  /** A record's (or entity's) changes as written, oldest first, without those of writes that never completed. */
  async entries(id: string, currentRev: number, doc: LogDoc = 'record'): Promise<{ entries: ChangeEntry[]; damaged: number }> {
    const read = await readLines(logFile(this.root, id, doc), isChangeEntry);
    return { entries: validEntries(read.values.filter((e) => e.record === id), currentRev), damaged: read.damaged };
  }

  /**
   * A vocabulary's (or the tags' colours') entries as written, oldest first. These files carry no
   * revision: an undo checks each entry against the value now instead (see vocabulary-changes).
   */
  async docEntries(id: string, doc: 'vocabulary' | 'tags'): Promise<ChangeEntry[]> {
    return (await readLines(logFile(this.root, id, doc), isChangeEntry)).values.filter((e) => e.record === id && e.doc === doc);
  }

  async operations(): Promise<Operation[]> {
    this.#operations ??= (await readLines(changesLayout.journal(this.root), isOperation)).values;
    return this.#operations;
  }
}

/**
 * Entries whose record write completed. An operation writes its entries before the record; if the
 * process dies between the two, the entries carry a revision the record never reached, and the next
 * change writes entries with that revision again. So for each revision the last entries written win,
 * and revisions beyond the record's own are dropped.
 */
export function validEntries(entries: readonly ChangeEntry[], currentRev: number): ChangeEntry[] {
  const kept: ChangeEntry[] = [];
  for (const e of entries) {
    while (kept.length > 0 && kept.at(-1)!.rev >= e.rev && kept.at(-1)!.op !== e.op) kept.pop();
    kept.push(e);
  }
  return kept.filter((e) => e.rev <= currentRev);
}

/** Saves of one field made while typing, this far apart at most, are undone as one step. */
export const TYPING_RUN_MS = 10_000;

/** Whether `earlier` and `later` are saves of one typing run (see TYPING_RUN_MS). */
function sameTypingRun(earlier: Operation, later: Operation): boolean {
  const typed = (o: Operation) => o.fields.filter((f) => f !== 'proposed' && f !== 'review').join();
  // The machine's own times: after its clock was set back, the hybrid clock's times stand still.
  const gap = Date.parse(later.local ?? later.at) - Date.parse(earlier.local ?? earlier.at);
  return (
    earlier.kind === 'edit' &&
    later.kind === 'edit' &&
    earlier.records.length === 1 &&
    later.records.length === 1 &&
    earlier.records[0] === later.records[0] &&
    earlier.who.name === later.who.name &&
    earlier.who.replica === later.who.replica &&
    typed(earlier) !== '' &&
    typed(earlier) === typed(later) &&
    gap >= 0 &&
    gap <= TYPING_RUN_MS
  );
}

/**
 * What undo and redo would reverse now, newest first: undo takes the newest operation not yet
 * undone (with the saves of its typing run); redo the newest undo not yet redone (and a redo is
 * undone like any operation). A new change after an undo clears what could be redone, as in every
 * editor.
 */
export function undoRedoTargets(operations: readonly Operation[]): { undo: Operation[]; redo: Operation | null } {
  const undoable: Operation[] = [];
  let redoable: Operation[] = [];
  // What an undo or redo reversed is at (or near) the top of its stack: look from the top, and stop
  // once every id is found, so a long journal costs one pass, not one per undo.
  const drop = (stack: Operation[], ids: readonly string[] = []) => {
    const wanted = new Set(ids);
    for (let i = stack.length - 1; i >= 0 && wanted.size > 0; i--) {
      if (wanted.delete(stack[i]!.op)) stack.splice(i, 1);
    }
  };
  for (const o of operations) {
    if (o.kind === 'undo') {
      drop(undoable, o.reverses);
      redoable.push(o);
    } else if (o.kind === 'redo') {
      drop(redoable, o.reverses);
      undoable.push(o);
    } else {
      undoable.push(o);
      redoable = [];
    }
  }
  const run: Operation[] = [];
  for (let i = undoable.length - 1; i >= 0; i--) {
    const o = undoable[i]!;
    if (run.length > 0 && !sameTypingRun(o, run.at(-1)!)) break;
    run.push(o);
  }
  return { undo: run, redo: redoable.at(-1) ?? null };
}

export class OperationWriter {
  readonly op: string;
  readonly clock: string;
  /**
   * Which change ids it wrote, for which record or entity: not the entries themselves, so that a long
   * import (20,000 files, one operation) does not keep every text it logged in memory.
   */
  #written: { change: string; record: string; doc: LogDoc }[] = [];
  /** Change ids are numbered as they are made, so that records written side by side never share one. */
  #seq = 0;
  #log: ChangeLog;
  #draft: OperationDraft;
  #records: string[] = [];
  #entities: string[] = [];
  #vocabularies: string[] = [];
  #tagColours = false;
  #fields = new Set<string>();

  readonly local: string;

  constructor(log: ChangeLog, draft: OperationDraft, op: string, clock: string, local: string) {
    this.#log = log;
    this.#draft = draft;
    this.op = op;
    this.clock = clock;
    this.local = local;
  }

  get at(): string {
    return wallTimeOf(this.clock);
  }

  get who(): Author {
    return this.#draft.who;
  }

  /** How many records, entities, vocabularies (and the tags' colours) it has changed so far. */
  get changedCount(): number {
    return this.#records.length + this.#entities.length + this.#vocabularies.length + (this.#tagColours ? 1 : 0);
  }

  /** Appends one record's entries to its log, durably. */
  async add(c: RecordChanges): Promise<ChangeEntry[]> {
    const mine = c.drafts.map((d): ChangeEntry => {
      this.#fields.add(d.field);
      return {
        change: `${this.op}.${++this.#seq}`,
        op: this.op,
        kind: this.#draft.kind,
        record: c.id,
        ...(c.doc && c.doc !== 'record' ? { doc: c.doc } : {}),
        rev: c.rev,
        clock: this.clock,
        at: this.at,
        who: this.#draft.who,
        field: d.field,
        ...(d.item !== undefined ? { item: d.item } : {}),
        before: d.before,
        after: d.after,
        ...(this.#draft.comment ? { comment: this.#draft.comment } : {}),
      };
    });
    const doc = c.doc ?? 'record';
    await appendLines(logFile(this.#log.root, c.id, doc), mine);
    for (const e of mine) this.#written.push({ change: e.change, record: c.id, doc });
    if (doc === 'entity') this.#entities.push(c.id);
    else if (doc === 'vocabulary') this.#vocabularies.push(c.id);
    else if (doc === 'tags') this.#tagColours = true;
    else this.#records.push(c.id);
    return mine;
  }

  /**
   * Takes back the entries just added for a record (or entity) whose write then failed, or that an
   * import made for a record it could not write: its log loses them again, or goes if they were all it held.
   */
  async retract(id: string, doc: LogDoc = 'record', since = 0): Promise<void> {
    await this.#retract(id, doc, this.#written.slice(since).filter((e) => e.record === id && e.doc === doc));
  }

  /**
   * Takes back exactly the last entries written for a record or entity (`count` of them): an
   * import's entity write it takes back, while other writes of the operation go on beside it.
   */
  async retractLast(id: string, doc: LogDoc, count = 1): Promise<void> {
    await this.#retract(id, doc, this.#written.filter((e) => e.record === id && e.doc === doc).slice(-count));
  }

  async #retract(id: string, doc: LogDoc, mine: { change: string; record: string; doc: LogDoc }[]): Promise<void> {
    if (mine.length === 0) return;
    const file = logFile(this.#log.root, id, doc);
    const read = await readFile(file, 'utf8').catch(() => '');
    const kept = read.split('\n').filter((line) => line.trim() !== '' && !mine.some((e) => line.includes(`"change":"${e.change}"`)));
    if (kept.length === 0) await rm(file, { force: true });
    else await writeDurably(file, kept.join('\n') + '\n');
    this.#written = this.#written.filter((e) => !mine.includes(e));
    // Still changed by this operation when entries before `since` remain.
    if (this.#written.some((e) => e.record === id && e.doc === doc)) return;
    if (doc === 'entity') this.#entities = this.#entities.filter((r) => r !== id);
    else if (doc === 'vocabulary') this.#vocabularies = this.#vocabularies.filter((r) => r !== id);
    else if (doc === 'tags') this.#tagColours = false;
    else this.#records = this.#records.filter((r) => r !== id);
  }

  /** For an undo or redo that could not finish: journal what it wrote, without claiming its target reversed. */
  keepTarget(): void {
    this.#draft = { ...this.#draft, reverses: undefined };
  }

  /** Writes the operation to the journal; call once every record it changed is written. */
  async finish(): Promise<Operation> {
    const operation: Operation = {
      op: this.op,
      kind: this.#draft.kind,
      clock: this.clock,
      at: this.at,
      local: this.local,
      who: this.#draft.who,
      records: this.#records,
      ...(this.#entities.length ? { entities: this.#entities } : {}),
      ...(this.#vocabularies.length ? { vocabularies: this.#vocabularies } : {}),
      ...(this.#tagColours ? { tagColours: true } : {}),
      fields: [...this.#fields],
      ...(this.#draft.reverses?.length ? { reverses: this.#draft.reverses } : {}),
      ...(this.#draft.comment ? { comment: this.#draft.comment } : {}),
    };
    await this.#log.appendOperation(operation);
    return operation;
  }
}
