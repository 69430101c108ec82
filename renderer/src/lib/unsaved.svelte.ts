// Changes the archive could not save because its disk failed (full, turned read-only, the folder or
// stick gone): nothing typed is thrown away. They are kept here in the order they were made, shown in
// a banner, tried again every few seconds and on demand, and can be saved in a copy of the archive on
// another disk. Kept per archive: they are only ever saved into the archive they were made in (or its
// copy, which is the same archive).
import type { RecordPatch } from './contract';
import { ApiError, call, failure } from './api';
import { text, type Said } from './i18n.svelte';
import { records } from './records.svelte';
import { session } from './session.svelte';
import { toasts } from './toasts.svelte';

export interface UnsavedChange {
  key: number;
  /** The archive it was made in, by id (a copy elsewhere has the same id). */
  archive: string;
  id: string;
  title: string;
  /** What was changed, for the banner: a field's name, or "tags". */
  what: Said;
  changes: RecordPatch;
  comment?: string;
}

export const RETRY_EVERY_MS = 10_000;

/** A failure that waiting or another disk can mend (E_IO: a full or read-only disk, the folder gone); not a refusal of the change itself. */
export const isDiskFailure = (error: unknown): boolean => error instanceof ApiError && error.code === 'E_IO';

class Unsaved {
  items = $state.raw<UnsavedChange[]>([]);
  /** Why the last try failed. */
  reason = $state.raw<Said | null>(null);
  retrying = $state(false);
  #next = 1;
  #timer: ReturnType<typeof setTimeout> | undefined;

  /** The changes that belong to the open archive. */
  get here(): UnsavedChange[] {
    const id = session.archive?.id;
    return this.items.filter((c) => c.archive === id);
  }

  keep(change: Omit<UnsavedChange, 'key' | 'archive'>, reason: Said): void {
    if (!session.archive) return;
    this.items = [...this.items, { ...change, key: this.#next++, archive: session.archive.id }];
    this.reason = reason;
    this.#schedule();
  }

  /** Tries the open archive's kept changes again, oldest first; stops at the first the disk still refuses. */
  async retry(): Promise<void> {
    clearTimeout(this.#timer);
    if (this.retrying || this.here.length === 0) return;
    this.retrying = true;
    let saved = 0;
    try {
      for (const change of this.here) {
        try {
          records.replace(await call('records.update', { id: change.id, changes: change.changes, ...(change.comment ? { comment: change.comment } : {}) }));
          saved++;
        } catch (e) {
          if (isDiskFailure(e)) {
            this.reason = failure(e);
            break;
          }
          // The archive refuses the change itself now (the record was taken out meanwhile): said, not kept.
          toasts.error(text('unsaved_dropped', { title: change.title, reason: failure(e) }));
        }
        this.items = this.items.filter((c) => c.key !== change.key);
      }
      if (saved > 0 && this.here.length === 0) {
        this.reason = null;
        toasts.show(text('unsaved_all_saved', { count: saved }));
      }
    } finally {
      this.retrying = false;
      this.#schedule();
    }
  }

  /** Gives up the open archive's kept changes, with an Undo that keeps them again. */
  discard(): void {
    const dropped = this.here;
    if (dropped.length === 0) return;
    this.items = this.items.filter((c) => !dropped.includes(c));
    this.#schedule();
    toasts.show(text('unsaved_discarded', { count: dropped.length }), {
      action: {
        label: text('undo'),
        run: () => {
          this.items = [...dropped, ...this.items];
          this.#schedule();
        },
      },
    });
  }

  /** Copies the archive into `path` (another disk), goes on working there, and saves the kept changes in it. */
  async saveInCopy(path: string): Promise<void> {
    const info = await call('archive.copyTo', { path });
    await session.show(info);
    toasts.show(text('unsaved_copied', { path: info.path }));
    await this.retry();
  }

  #schedule(): void {
    clearTimeout(this.#timer);
    if (this.items.length > 0) this.#timer = setTimeout(() => void this.retry(), RETRY_EVERY_MS);
  }
}

export const unsaved = new Unsaved();
