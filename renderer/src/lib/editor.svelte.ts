// Every change the person makes to a record: saves it and reports "Saving…/Saved". Undo and redo
// are the archive's own (built from its change log), so they reach changes made before a reload.
import type { CairnRecord, RecordPatch, UndoResult } from './contract';
import { describeOperation } from '../../../electron/common/i18n/operations';
import { ApiError, call } from './api';
import { say, text, type Said } from './i18n.svelte';
import { records } from './records.svelte';
import { session } from './session.svelte';
import { vocabulary } from './vocabulary.svelte';
import { entities } from './entities.svelte';
import { toasts } from './toasts.svelte';
import { isDiskFailure, unsaved } from './unsaved.svelte';

/** `kept`: the save failed on the disk and the change waits in `unsaved` to be tried again. */
export type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'error'; message: Said; kept?: boolean };
export type SaveOutcome = { ok: true; record: CairnRecord } | { ok: false; error: ApiError };

class RecordEditor {
  state = $state<SaveState>({ kind: 'idle' });
  #queue: Promise<unknown> = Promise.resolve();
  #pending = 0;

  /**
   * Saves `changes` to record `id` (with a comment for its history). Saves run one after another,
   * in the order the person made them. Returns the outcome; never throws.
   */
  update(id: string, changes: RecordPatch, options: { comment?: string; fieldLabel?: Said } = {}): Promise<SaveOutcome> {
    const title = records.selected?.id === id ? records.selected.title : (records.rows.get(id)?.title ?? id);
    const what = options.fieldLabel ?? (changes.addTags || changes.removeTags || changes.tags ? text('unsaved_what_tags') : text('unsaved_what_change'));
    return this.#run(
      async () => {
        const after = await call('records.update', { id, changes, ...(options.comment ? { comment: options.comment } : {}) });
        records.replace(after);
        if (changes.tags || changes.addTags || changes.removeTags) void vocabulary.refreshTags();
        return after;
      },
      options.fieldLabel,
      // A failing disk: the change is kept (and tried again), never thrown away.
      (error) => unsaved.keep({ id, title, what, changes, comment: options.comment }, error.said),
    );
  }

  /** Any other call that changes one record (a review decision, a restore), with the same save state. */
  change(work: () => Promise<CairnRecord>): Promise<SaveOutcome> {
    return this.#run(async () => {
      const after = await work();
      records.replace(after);
      return after;
    });
  }

  /** Undoes the archive's last operation (whoever made it, before a reload too) and says what it was. */
  undo(): Promise<void> {
    return this.#reverse('changes.undo', 'undo_undid');
  }

  redo(): Promise<void> {
    return this.#reverse('changes.redo', 'undo_redid');
  }

  clear(): void {
    this.state = { kind: 'idle' };
  }

  async #reverse(key: 'changes.undo' | 'changes.redo', done: 'undo_undid' | 'undo_redid'): Promise<void> {
    await this.#queue;
    if (session.readOnlyReason) {
      toasts.show(text('undo_read_only', { reason: session.readOnlyReason }));
      return;
    }
    let result: UndoResult;
    try {
      result = await call(key);
    } catch (e) {
      const error = e instanceof ApiError ? e : new ApiError({ code: 'E_INTERNAL', message: String(e) });
      if (error.code === 'E_NOTHING_TO_UNDO') toasts.show(error.said);
      else toasts.error(text('undo_failed', { reason: error.said }));
      return;
    }
    const changed = result.reversed.records;
    // The list and the open record show the archive as the undo left it; a one-record step selects its record.
    await records.refresh({ select: (changed.length === 1 ? changed[0] : records.selectedId) ?? undefined });
    // A tag manager's change or a vocabulary's may have changed concepts and colours too.
    if (result.reversed.vocabularies?.length || result.reversed.tagColours) void vocabulary.load();
    else if (result.reversed.fields.includes('tags')) void vocabulary.refreshTags();
    if (result.reversed.entities?.length || result.reversed.fields.includes('entities')) void entities.refresh();
    toasts.show(text(done, { change: describeOperation(result.reversed, result.titles, say) }));
  }

  #run(work: () => Promise<CairnRecord>, fieldLabel?: Said, keep?: (error: ApiError) => void): Promise<SaveOutcome> {
    this.#pending++;
    this.state = { kind: 'saving' };
    const run = this.#queue.then(async (): Promise<SaveOutcome> => {
      try {
        const record = await work();
        this.#settle(null);
        return { ok: true, record };
      } catch (e) {
        const error = e instanceof ApiError ? e : new ApiError({ code: 'E_INTERNAL', message: String(e) });
        if (keep && isDiskFailure(error)) {
          keep(error);
          this.#settle(text('save_kept_unsaved'), true);
        } else {
          this.#settle(fieldLabel ? text('save_not_saved_check_field', { field: fieldLabel }) : error.said);
        }
        return { ok: false, error };
      }
    });
    this.#queue = run;
    return run;
  }

  #settle(errorMessage: Said | null, kept = false): void {
    this.#pending--;
    if (errorMessage) this.state = { kind: 'error', message: errorMessage, kept };
    else if (this.#pending === 0) this.state = { kind: 'saved' };
  }
}

export const editor = new RecordEditor();
