// Every change the person makes to a record: saves it, reports "Saving…/Saved", and keeps undo/redo.
import type { CairnRecord, RecordPatch } from './contract';
import { ApiError, call } from './api';
import { text, type Said } from './i18n.svelte';
import { records } from './records.svelte';
import { vocabulary } from './vocabulary.svelte';
import { toasts } from './toasts.svelte';

export type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'error'; message: Said };
export type SaveOutcome = { ok: true; record: CairnRecord } | { ok: false; error: ApiError };

export interface UndoEntry {
  id: string;
  /** What the change was, for "Undid …" messages. */
  label: Said;
  undo: RecordPatch;
  redo: RecordPatch;
  /** Successive saves with the same key within a few seconds become one step (typing in a field). */
  coalesceKey?: string;
  at: number;
}

const COALESCE_MS = 4000;
const UNDO_LIMIT = 200;
const VALUE_FIELDS = ['title', 'date', 'place', 'identifier', 'creator', 'language', 'description', 'status'] as const;

/** The patches that take the record from `after` back to `before`, and forward again. */
function inverse(before: CairnRecord, after: CairnRecord, changes: RecordPatch): Pick<UndoEntry, 'undo' | 'redo'> | null {
  const undo: RecordPatch = {};
  const redo: RecordPatch = {};
  for (const field of VALUE_FIELDS) {
    if (changes[field] === undefined || before[field] === after[field]) continue;
    Object.assign(undo, { [field]: before[field] });
    Object.assign(redo, { [field]: after[field] });
  }
  if ((changes.tags || changes.addTags || changes.removeTags) && before.tags.join('\u0000') !== after.tags.join('\u0000')) {
    undo.tags = before.tags;
    redo.tags = after.tags;
  }
  return Object.keys(undo).length > 0 ? { undo, redo } : null;
}

class RecordEditor {
  state = $state<SaveState>({ kind: 'idle' });
  undoStack = $state.raw<UndoEntry[]>([]);
  redoStack = $state.raw<UndoEntry[]>([]);
  #queue: Promise<unknown> = Promise.resolve();
  #pending = 0;

  /**
   * Saves `changes` to record `id`. Saves run one after another, so each step's "before" is
   * the record as the previous save left it. Returns the outcome; never throws.
   */
  update(id: string, changes: RecordPatch, options: { label?: Said; coalesceKey?: string; undoable?: boolean; fieldLabel?: Said } = {}): Promise<SaveOutcome> {
    this.#pending++;
    this.state = { kind: 'saving' };
    const run = this.#queue.then(async (): Promise<SaveOutcome> => {
      try {
        const before = records.selected?.id === id ? records.selected : await call('records.get', { id });
        const after = await call('records.update', { id, changes });
        records.replace(after);
        if (options.undoable !== false) this.#remember(before, after, changes, options);
        if (changes.tags || changes.addTags || changes.removeTags) void vocabulary.refreshTags();
        this.#settle(null);
        return { ok: true, record: after };
      } catch (e) {
        const error = e instanceof ApiError ? e : new ApiError({ code: 'E_INTERNAL', message: String(e) });
        this.#settle(options.fieldLabel ? text('save_not_saved_check_field', { field: options.fieldLabel }) : error.said);
        return { ok: false, error };
      }
    });
    this.#queue = run;
    return run;
  }

  get canUndo(): boolean {
    return this.undoStack.length > 0;
  }

  get canRedo(): boolean {
    return this.redoStack.length > 0;
  }

  async undo(): Promise<void> {
    const entry = this.undoStack.at(-1);
    if (!entry) {
      toasts.show(text('undo_nothing_to_undo'));
      return;
    }
    this.undoStack = this.undoStack.slice(0, -1);
    const outcome = await this.#apply(entry, entry.undo, text('undo_undid', { change: entry.label }));
    if (outcome) this.redoStack = [...this.redoStack, entry];
    else this.undoStack = [...this.undoStack, entry];
  }

  async redo(): Promise<void> {
    const entry = this.redoStack.at(-1);
    if (!entry) {
      toasts.show(text('undo_nothing_to_redo'));
      return;
    }
    this.redoStack = this.redoStack.slice(0, -1);
    const outcome = await this.#apply(entry, entry.redo, text('undo_redid', { change: entry.label }));
    if (outcome) this.undoStack = [...this.undoStack, entry];
    else this.redoStack = [...this.redoStack, entry];
  }

  /** Undoes one particular step (a toast's "Undo"), even if other changes came after it. */
  async undoEntry(entry: UndoEntry, fallback: RecordPatch): Promise<void> {
    if (this.undoStack.at(-1) === entry) return this.undo();
    this.undoStack = this.undoStack.filter((e) => e !== entry);
    await this.#apply(entry, fallback, text('undo_undid', { change: entry.label }));
  }

  get lastEntry(): UndoEntry | undefined {
    return this.undoStack.at(-1);
  }

  clear(): void {
    this.undoStack = [];
    this.redoStack = [];
    this.state = { kind: 'idle' };
  }

  async #apply(entry: UndoEntry, patch: RecordPatch, message: Said): Promise<boolean> {
    const outcome = await this.update(entry.id, patch, { undoable: false });
    if (!outcome.ok) {
      toasts.error(text('undo_failed', { reason: outcome.error.said }));
      return false;
    }
    if (records.selectedId !== entry.id && records.items.some((r) => r.id === entry.id)) records.select(entry.id);
    toasts.show(message);
    return true;
  }

  #remember(before: CairnRecord, after: CairnRecord, changes: RecordPatch, options: { label?: Said; coalesceKey?: string }): void {
    const step = inverse(before, after, changes);
    if (!step) return;
    const now = Date.now();
    const top = this.undoStack.at(-1);
    if (options.coalesceKey && top && top.coalesceKey === options.coalesceKey && top.id === after.id && now - top.at < COALESCE_MS) {
      this.undoStack = [...this.undoStack.slice(0, -1), { ...top, redo: { ...top.redo, ...step.redo }, at: now }];
    } else {
      const entry: UndoEntry = { id: after.id, label: text('undo_change_on_record', { change: options.label ?? text('undo_the_change'), title: after.title }), ...step, coalesceKey: options.coalesceKey, at: now };
      this.undoStack = [...this.undoStack, entry].slice(-UNDO_LIMIT);
    }
    this.redoStack = [];
  }

  #settle(errorMessage: Said | null): void {
    this.#pending--;
    if (errorMessage) this.state = { kind: 'error', message: errorMessage };
    else if (this.#pending === 0) this.state = { kind: 'saved' };
  }
}

export const editor = new RecordEditor();
