// The open archive: what app.info says at start, switching archives, and reloading everything after.
import type { AppInfo, ArchiveInfo, CairnErrorShape, RecentArchive } from './contract';
import { rebuildText } from '../../../electron/common/i18n/search-index';
import { call, failure } from './api';
import { m, text, type Said } from './i18n.svelte';
import { toasts } from './toasts.svelte';
import { records } from './records.svelte';
import { savedSearches } from './saved-searches.svelte';
import { vocabulary } from './vocabulary.svelte';
import { entities } from './entities.svelte';
import { annotator } from './annotator.svelte';
import { editor } from './editor.svelte';
import { settings } from './settings.svelte';

class Session {
  app = $state.raw<AppInfo | null>(null);
  archive = $state.raw<ArchiveInfo | null>(null);
  /** Why no archive is open (the start-up archive was refused), shown instead of the panes. */
  notice = $state.raw<CairnErrorShape | null>(null);
  /** Set when Cairn's core could not be reached at all. */
  fatal = $state<Said | null>(null);
  recent = $state.raw<RecentArchive[]>([]);
  starting = $state(true);

  /**
   * What the search box says while the search index is not ready: its snapshot being opened, brought
   * up to date, or the index built from every record (and why); null once it is ready.
   */
  get indexStatus(): { label: string; title: Said } | null {
    const index = this.archive?.searchIndex;
    if (!index || index.state === 'ready' || (index.state === 'waiting' && index.total === 0)) return null;
    const percent = index.total ? Math.floor((index.indexed / index.total) * 100) : 0;
    if (index.state === 'waiting' || index.state === 'loading') return { label: m.search_index_loading(), title: m.search_indexing_title() };
    if (index.state === 'updating') return { label: m.search_index_updating({ percent }), title: m.search_indexing_title() };
    return { label: m.search_indexing({ percent }), title: index.rebuild ? rebuildText(index.rebuild) : m.search_indexing_title() };
  }

  /** Why nothing in the open archive can be changed (it is open read-only), or null. */
  get readOnlyReason(): Said | null {
    if (!this.archive?.readOnly) return null;
    return this.archive.readOnlyText ?? this.archive.readOnlyReason ?? text('archive_read_only');
  }

  /** Why record `id` cannot be changed (the archive is read-only, or the record is frozen by a problem on disk), or null. */
  lockedReason(id: string): Said | null {
    return this.readOnlyReason ?? this.archive?.problems.find((p) => p.recordId === id)?.text ?? null;
  }

  #watchingIndex = false;

  /** Follows the index build of a large archive so the search box can say how far it is. */
  async #watchIndex(): Promise<void> {
    if (this.#watchingIndex) return;
    this.#watchingIndex = true;
    try {
      while (this.indexStatus !== null) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        await this.refreshInfo().catch(() => undefined);
      }
    } finally {
      this.#watchingIndex = false;
    }
  }

  get canPickFolders(): boolean {
    return this.app?.canPickFolders ?? false;
  }

  async start(): Promise<void> {
    this.starting = true;
    try {
      // The saved language arrives with app.info (in parallel), so the first screen is already in it.
      const [info] = await Promise.all([call('app.info'), settings.load()]);
      this.app = info;
      this.notice = info.notice;
      await this.#show(info.archive);
    } catch (e) {
      this.fatal = failure(e);
    } finally {
      this.starting = false;
    }
  }

  async loadRecent(): Promise<void> {
    try {
      this.recent = await call('archive.recent');
    } catch {
      this.recent = [];
    }
  }

  /** Opens an archive folder; throws ApiError (shown in the dialog) when it is refused. */
  async open(path: string): Promise<ArchiveInfo> {
    const info = await call('archive.open', { path });
    this.notice = null;
    await this.#show(info);
    return info;
  }

  /** Takes over the lock of an archive held by a Cairn this machine cannot judge, after the person confirmed, and opens it. */
  async takeOver(path: string): Promise<ArchiveInfo> {
    const info = await call('archive.takeOver', { path });
    this.notice = null;
    await this.#show(info);
    return info;
  }

  async create(path: string, name?: string): Promise<ArchiveInfo> {
    const info = await call('archive.create', { path, name: name?.trim() || undefined });
    this.notice = null;
    await this.#show(info);
    return info;
  }

  async chooseFolder(purpose: 'open' | 'create'): Promise<string | null> {
    return (await call('archive.chooseFolder', { purpose })).path;
  }

  async refreshInfo(): Promise<void> {
    if (this.archive) this.archive = await call('archive.info');
  }

  /** Shows an archive as the core now has it (after a whole-archive restore), everything reloaded. */
  show(info: ArchiveInfo): Promise<void> {
    return this.#show(info);
  }

  /** A damaged snapshot is said once it has been rebuilt (the build of a small archive is over before anyone could read the search box). */
  #tellDamagedIndex(): void {
    const rebuild = this.archive?.searchIndex.rebuild;
    if (rebuild?.why === 'damaged') toasts.show(rebuildText(rebuild));
  }

  async #show(info: ArchiveInfo | null): Promise<void> {
    this.archive = info;
    records.reset();
    vocabulary.reset();
    savedSearches.reset();
    entities.reset();
    annotator.reset();
    editor.clear();
    document.title = info ? `${info.name} — Cairn` : 'Cairn';
    if (!info) return;
    void this.#watchIndex().then(() => this.#tellDamagedIndex());
    await Promise.all([records.refresh(), vocabulary.load().catch(() => undefined), entities.refresh().catch(() => undefined), savedSearches.load(), this.loadRecent()]);
  }
}

export const session = new Session();
