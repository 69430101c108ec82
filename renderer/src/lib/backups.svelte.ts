// The archive's backups (Settings › Backups) and the damaged files a backup can bring back (the
// recovery dialog): listing, taking one now, and restoring a record, a file or the whole archive.
import type { ArchiveProblem, BackupInfo, BackupRestoreArgs, BackupRestoreResult, CairnRecord } from './contract';
import { call, failure } from './api';
import { text, type Said } from './i18n.svelte';
import { toasts } from './toasts.svelte';
import { session } from './session.svelte';
import { records } from './records.svelte';
import { entities } from './entities.svelte';
import { vocabulary } from './vocabulary.svelte';

class Backups {
  list = $state.raw<BackupInfo[]>([]);
  loading = $state(false);
  /** What is being done now (a backup being taken, a restore), so buttons wait and say so. */
  busy = $state<'create' | 'restore' | null>(null);
  error = $state<Said | null>(null);
  /** The recovery dialog: open on its own when an archive opens with damaged files, until dismissed. */
  recoveryOpen = $state(false);
  #dismissedFor: string | null = null;
  /** The dialog that rebuilds a damaged archive description (cairn-archive.json), after the person confirms. */
  repairOpen = $state(false);
  repairing = $state(false);

  /** Damaged files that a backup can bring back (or that no backup has: named all the same). */
  get damaged(): ArchiveProblem[] {
    return session.archive?.problems.filter((p) => p.recovery) ?? [];
  }

  /** Opens the recovery dialog once for an archive that opened with damaged files. */
  offerRecovery(): void {
    const archive = session.archive;
    if (!archive || this.damaged.length === 0 || this.#dismissedFor === archive.path) return;
    this.#dismissedFor = archive.path;
    this.recoveryOpen = true;
  }

  async load(): Promise<void> {
    this.loading = true;
    this.error = null;
    try {
      this.list = await call('backups.list');
    } catch (e) {
      this.error = failure(e);
    } finally {
      this.loading = false;
    }
  }

  async create(): Promise<void> {
    this.busy = 'create';
    try {
      const info = await call('backups.create');
      toasts.show(text('backups_created', { count: info.records }));
      await this.load();
    } catch (e) {
      toasts.error(failure(e));
    } finally {
      this.busy = null;
    }
  }

  /** Restores what `args` names; true when it was done. The window then shows the archive as it now is. */
  restore(args: BackupRestoreArgs): Promise<BackupRestoreResult | null> {
    return this.#restoring(async () => {
      const result = await call('backups.restore', args);
      if (!args.record && !args.file) {
        await session.show(result.archive);
      } else {
        session.archive = result.archive;
        await Promise.all([records.refresh(args.record ? { select: args.record } : {}), entities.refresh().catch(() => undefined), vocabulary.load().catch(() => undefined)]);
      }
      await this.load();
      return result;
    });
  }

  /** Rebuilds a damaged record no backup has from its kept original and its history; the result, or null when it failed (said in a toast). */
  rebuild(id: string): Promise<{ record: CairnRecord; replayed: number } | null> {
    return this.#restoring(async () => {
      const result = await call('records.rebuild', { id });
      session.archive = result.archive;
      await records.refresh({ select: id });
      return result;
    });
  }

  /** Runs a restore with the buttons waiting on it; a failure is said in a toast and gives null. */
  async #restoring<T>(work: () => Promise<T>): Promise<T | null> {
    this.busy = 'restore';
    try {
      return await work();
    } catch (e) {
      toasts.error(failure(e));
      return null;
    } finally {
      this.busy = null;
    }
  }

  /**
   * Rebuilds the open archive's damaged description as its repair plan says; true when done. The
   * window then shows the archive as it now is (open for writing again).
   */
  async repair(): Promise<boolean> {
    this.repairing = true;
    try {
      const result = await call('archive.repair');
      await session.show(result.archive);
      toasts.show(result.quarantined ? text('repair_done', { path: result.quarantined }) : text('repair_done_was_missing'));
      return true;
    } catch (e) {
      toasts.error(failure(e));
      // The core keeps an archive open whatever happened: show it as it is.
      await session.refreshInfo().catch(() => undefined);
      return false;
    } finally {
      this.repairing = false;
    }
  }
}

export const backups = new Backups();
