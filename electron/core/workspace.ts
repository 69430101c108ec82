// The core behind every door: the open archive, the profile, and one handler per contract key.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { homedir } from 'node:os';
import type {
  ManifestRepairResult,
  AppInfo,
  ArchiveInfo,
  BackupRestoreResult,
  ArgsOf,
  CairnErrorShape,
  ContractKey,
  Door,
  Envelope,
  FolderPurpose,
  ImportReport,
  ResultOf,
  Settings,
} from '../contract';
import { CSV_PREVIEW_BYTES, LIST_WINDOW_DEFAULT } from '../contract';
import { Archive } from './archive';
import { text } from '../common/i18n/text';
import { CairnError, toErrorShape } from './errors';
import { Profile } from './profile';
import { loadSampleCollection } from './sample';
import { repairManifest } from './repair/manifest-repair';
import { unlockArchive } from './store/archive-lock';
import { isContractKey, validateArgs } from './schemas';
import { decodeBase64File } from './import/decode-base64';
import { Jobs } from './jobs/jobs';
import { exportPlan, startExport } from './export/start-export';
import { verifyBag } from './export/verify-bag';

import { APP_NAME, APP_VERSION } from './app-version';

export { APP_NAME, APP_VERSION };

/** What differs between doors: who picks folders and who can show a file in the file manager. */
export interface DoorCapabilities {
  door: Door;
  /** Shows a native folder picker; absent where the door has none (web mode). */
  chooseFolder?: (purpose: FolderPurpose) => Promise<string | null>;
  /** Shows a file or folder in the system's file manager; absent where the door cannot (web mode). */
  reveal?: (target: string) => Promise<void>;
}

export interface StartOptions {
  profileDir: string;
  /** The archive to open; defaults to the last one opened, then to the profile's own archive. */
  archivePath?: string;
  /** Folder with the sample collection, loaded into a newly created start-up archive. */
  sampleDir: string;
  /** Start with an empty archive instead of the sample collection. */
  empty?: boolean;
  app: string;
}

export type Handlers = { [K in ContractKey]: (args: ArgsOf<K>) => Promise<ResultOf<K>> };

export class Workspace {
  readonly profile: Profile;
  readonly app: string;
  #archive: Archive | null = null;
  #notice: CairnErrorShape | null = null;
  #switchListeners = new Set<(info: ArchiveInfo) => void>();
  #settingsListeners = new Set<(settings: Settings) => void>();
  /** Exports under way (and, next, imports): they run in the background and are polled. */
  readonly jobs = new Jobs();

  private constructor(profile: Profile, app: string) {
    this.profile = profile;
    this.app = app;
  }

  /**
   * Opens the start-up archive. A missing or empty folder becomes a new archive (with the sample
   * collection unless `empty`); an archive that cannot be opened leaves a notice, never a crash.
   */
  static async start(options: StartOptions): Promise<Workspace> {
    const profile = await Profile.load(options.profileDir);
    const ws = new Workspace(profile, options.app);
    const target = path.resolve(options.archivePath ?? profile.lastArchive ?? profile.defaultArchivePath);
    try {
      if (await isMissingOrEmpty(target)) {
        await ws.createArchive(target, options.archivePath ? undefined : 'My archive');
        if (!options.empty) await loadSampleCollection(ws.archive, options.sampleDir);
      } else {
        await ws.openArchive(target);
      }
    } catch (e) {
      ws.#notice = toErrorShape(e);
    }
    return ws;
  }

  get archive(): Archive {
    if (!this.#archive) throw new CairnError('E_NO_ARCHIVE', text('archive_none_open_error'));
    return this.#archive;
  }

  get hasArchive(): boolean {
    return this.#archive !== null;
  }

  get notice(): CairnErrorShape | null {
    return this.#notice;
  }

  /** Opens another archive; the current one stays open if the new one is refused. */
  async openArchive(target: string): Promise<Archive> {
    // Opening the archive that is already open keeps it: a second writer on one folder is refused.
    if (this.#archive && this.#archive.root === path.resolve(target)) {
      await this.#switchTo(this.#archive);
      return this.#archive;
    }
    const next = await Archive.open(target, { app: this.app, readOnlyIfUnwritable: true, autoBackup: true });
    await this.#switchTo(next);
    return next;
  }

  /** Puts the whole open archive back as a backup holds it, and opens it again. */
  async restoreArchive(backup?: string): Promise<BackupRestoreResult> {
    const current = this.archive;
    const { backup: restored } = await current.restoreArchive(backup);
    // The archive closed itself; whatever happens next, it is no longer the open one.
    this.#archive = null;
    const next = await this.openArchive(current.root);
    return { backup: restored, replayed: 0, archive: next.info() };
  }

  /**
   * Rebuilds the open archive's damaged description (cairn-archive.json) as its `repair` plan says,
   * after the person confirmed, and opens it again. Whatever happens, an archive stays open: a repair
   * that fails leaves the archive open read-only as it was.
   */
  async repairArchive(): Promise<ManifestRepairResult> {
    const current = this.archive;
    if (!current.info().repair) throw new CairnError('E_VALIDATION', text('manifest_repair_not_needed'));
    await current.close();
    this.#archive = null;
    try {
      const outcome = await repairManifest(current.root, this.app);
      const next = await this.openArchive(current.root);
      return { ...outcome, archive: next.info() };
    } catch (e) {
      if (!this.#archive) await this.openArchive(current.root).catch(() => undefined);
      throw e;
    }
  }

  /**
   * Opens an archive whose lock names a Cairn this machine cannot judge (another laptop the stick was
   * in, a sandbox), after the person said it no longer runs: the lock is removed, then the archive is
   * opened as usual. A lock whose holder certainly still runs here is never taken.
   */
  async takeOverArchive(target: string): Promise<Archive> {
    await unlockArchive(path.resolve(target), true);
    return this.openArchive(target);
  }

  /** Copies the open archive into another folder and goes on working there (its disk is full or read-only). */
  async copyArchiveTo(target: string): Promise<Archive> {
    await this.archive.copyTo(target);
    return this.openArchive(target);
  }

  async createArchive(target: string, name?: string): Promise<Archive> {
    const next = await Archive.create(target, { app: this.app, name, autoBackup: true });
    await this.#switchTo(next);
    return next;
  }

  /**
   * Calls `listener` with the info of each archive this workspace switches to from now on, so a
   * door's own controls (the desktop menu's Import) can follow whether it may be changed. Returns
   * the function that stops it.
   */
  onArchiveSwitched(listener: (info: ArchiveInfo) => void): () => void {
    this.#switchListeners.add(listener);
    return () => this.#switchListeners.delete(listener);
  }

  /** Tells the desktop shell when the person changes a setting (it rebuilds its menus in the new language). */
  onSettingsChanged(listener: (settings: Settings) => void): () => void {
    this.#settingsListeners.add(listener);
    return () => this.#settingsListeners.delete(listener);
  }

  async close(): Promise<void> {
    await this.jobs.cancelAll();
    await this.#archive?.close();
    this.#archive = null;
  }

  async #switchTo(next: Archive): Promise<void> {
    const previous = this.#archive;
    next.person = this.profile.settings().name;
    this.#archive = next;
    this.#notice = null;
    if (previous && previous.root !== next.root) {
      // An export reads the archive it started on: it stops before that archive closes.
      await this.jobs.cancelAll();
      await previous.close();
    }
    // Start the search index now, in the background, so it is ready by the first search.
    void next.whenIndexed();
    await this.profile.remember(next.root, next.info().name);
    const info = next.info();
    for (const listener of this.#switchListeners) listener(info);
  }

  appInfo(door: DoorCapabilities): AppInfo {
    return {
      name: APP_NAME,
      version: APP_VERSION,
      door: door.door,
      canPickFolders: Boolean(door.chooseFolder),
      archive: this.#archive?.info() ?? null,
      notice: this.#notice,
    };
  }

  /** One handler per contract key; the compiler insists on every key. */
  handlers(door: DoorCapabilities): Handlers {
    return {
      'app.info': async () => this.appInfo(door),
      'archive.info': async () => this.archive.info(),
      'archive.open': async ({ path: p }) => (await this.openArchive(folderFromUser(p))).info(),
      'archive.create': async ({ path: p, name }) => (await this.createArchive(folderFromUser(p), name)).info(),
      'archive.recent': async () => this.profile.recent(),
      'archive.chooseFolder': async ({ purpose }) => {
        if (!door.chooseFolder) throw new CairnError('E_UNSUPPORTED', text('archive_no_folder_picker'));
        return { path: await door.chooseFolder(purpose) };
      },
      'records.list': async (args) => {
        const archive = this.archive;
        if (args.query?.trim()) await archive.whenIndexed();
        // Never every summary at once: a window of them, and every id.
        return archive.list({ ...args, limit: args.limit ?? LIST_WINDOW_DEFAULT });
      },
      'records.summaries': async ({ ids }) => this.archive.summaries(ids),
      'records.get': async ({ id }) => this.archive.get(id),
      'records.hits': async ({ id, query }) => {
        const archive = this.archive;
        await archive.whenIndexed();
        return { ranges: archive.hitRanges(id, query) };
      },
      'records.snippets': async ({ query, ids }) => {
        const archive = this.archive;
        await archive.whenIndexed();
        return archive.snippets(query, ids);
      },
      'records.update': async (args) => this.archive.update(args),
      'records.updateMany': async (args) => this.archive.updateMany(args),
      'records.updateManyStart': async (args) => {
        const archive = this.archive;
        return this.jobs.start('bulk', args.ids.length, async (control) => ({ changed: await archive.updateMany(args, (done, total, step) => control.progress(done, step ?? '', total)) }));
      },
      'records.review': async (args) => this.archive.review(args),
      'records.history': async ({ id }) => this.archive.history(id),
      'records.restore': async (args) => this.archive.restore(args),
      'annotations.add': async (args) => this.archive.annotate(args),
      'annotations.update': async (args) => this.archive.updateAnnotation(args),
      'annotations.remove': async ({ id, annotation }) => this.archive.removeAnnotation(id, annotation),
      'notes.add': async ({ id, text: note }) => this.archive.addNote(id, note),
      'notes.update': async ({ id, note, text: given }) => this.archive.updateNote(id, note, given),
      'notes.remove': async ({ id, note }) => this.archive.removeNote(id, note),
      'entities.list': async ({ kind }) => this.archive.entities(kind),
      'entities.get': async ({ id }) => this.archive.entity(id),
      'entities.mark': async (args) => this.archive.markEntity(args),
      'entities.link': async ({ id, entity }) => this.archive.linkEntity(id, entity),
      'entities.unlink': async ({ id, entity }) => this.archive.unlinkEntity(id, entity),
      'entities.confirm': async ({ id, entity }) => this.archive.confirmEntity(id, entity),
      'entities.update': async (args) => this.archive.updateEntity(args),
      'entities.alias': async ({ id, name }) => this.archive.aliasEntity(id, name),
      'entities.unalias': async ({ id, name }) => this.archive.unaliasEntity(id, name),
      'entities.merge': async ({ from, into }) => this.archive.mergeEntities(from, into),
      'entities.split': async ({ id, alias }) => this.archive.splitEntity(id, alias),
      'changes.undo': async () => this.archive.undo(),
      'changes.redo': async () => this.archive.redo(),
      'review.overview': async () => this.archive.overview(),
      'review.queue': async ({ query }) => {
        const archive = this.archive;
        if (query?.trim()) await archive.whenIndexed();
        return archive.queue(query);
      },
      'records.csvPreview': async (file) => {
        // The file's start, cut after its last whole line: a cut inside a character would make good UTF-8 unreadable.
        const head = decodeBase64File(file).subarray(0, CSV_PREVIEW_BYTES);
        const end = head.length < CSV_PREVIEW_BYTES ? head.length : head.lastIndexOf(0x0a) + 1;
        const bytes = end > 0 ? head.subarray(0, end) : head;
        // Loaded on need: the parsers stay out of every other call's way.
        const [{ csvPreview }, { decodeText }] = await Promise.all([import('./import/csv-rows'), import('./import/decode-text')]);
        return csvPreview(decodeText(bytes, file.name).text, file.name);
      },
      'records.redecode': async ({ id, encoding }) => this.archive.redecode(id, encoding),
      'records.import': async ({ files, session, first, last, asNewVersions, csvMaps }) => {
        // Files that do not even decode fail here; the rest get the archive's own per-file report.
        const failed: ImportReport['failed'] = [];
        const decoded = files.flatMap((f) => {
          try {
            return [{ name: f.name, bytes: decodeBase64File(f) }];
          } catch (e) {
            failed.push({ file: f.name, ...toErrorShape(e) });
            return [];
          }
        });
        const report: ImportReport =
          decoded.length || last ? await this.archive.importFiles(decoded, { session, first, last, asNewVersions, csvMaps }) : { imported: [], duplicates: [], failed: [] };
        return { ...report, failed: [...failed, ...report.failed] };
      },
      'search.query': async ({ query, limit, offset, sort, facets }) => {
        const archive = this.archive;
        await archive.whenIndexed();
        return archive.search(query, limit, { offset, sort, facets });
      },
      'tags.list': async () => this.archive.tags(),
      'tags.entries': async () => this.archive.tagEntries(),
      'tags.change': async (args) => this.archive.changeTags(args),
      'vocabularies.list': async () => this.archive.vocabularies(),
      'searches.list': async () => {
        const archive = this.archive;
        await archive.whenIndexed();
        return archive.savedSearches();
      },
      'searches.save': async (args) => {
        const archive = this.archive;
        await archive.whenIndexed();
        return archive.saveSearch(args);
      },
      'searches.remove': async ({ search }) => this.archive.removeSearch(search),
      'vocabularies.import': async (args) => this.archive.importVocabulary(args),
      'export.count': async ({ query, ids, format, zip }) => {
        const archive = this.archive;
        if (query?.trim() && !ids) await archive.whenIndexed();
        const plan = exportPlan(archive, { query, ids, format: format ?? 'json', zip });
        return plan;
      },
      'export.start': async (args) => {
        const archive = this.archive;
        if (args.query?.trim()) await archive.whenIndexed();
        return startExport(archive, this.jobs, { ...args, folder: folderFromUser(args.folder) });
      },
      'archive.takeBack': async ({ path: p }) => {
        const current = this.archive;
        const taken = await current.takeBack(folderFromUser(p));
        // Records brought into an archive that held some: it stays open, as it is.
        if (taken.into === 'records') return { taken, archive: current.info() };
        // Taken back whole, the archive closed itself once everything was written; opened again, it loads and indexes it all.
        this.#archive = null;
        const next = await this.openArchive(current.root);
        return { taken, archive: next.info() };
      },
      'export.verifyBag': async ({ path: p }) => verifyBag(folderFromUser(p)),
      'export.reveal': async ({ path: p }) => {
        if (!door.reveal) return { shown: false };
        await door.reveal(folderFromUser(p));
        return { shown: true };
      },
      'jobs.status': async ({ job }) => this.jobs.status(job),
      'jobs.cancel': async ({ job }) => this.jobs.cancel(job),
      'backups.list': async () => this.archive.backups(),
      'backups.create': async () => this.archive.createBackup('manual'),
      'archive.verify': async () => this.archive.verify(),
      'archive.repair': async () => this.repairArchive(),
      'archive.copyTo': async ({ path: p }) => (await this.copyArchiveTo(folderFromUser(p))).info(),
      'archive.takeOver': async ({ path: p }) => (await this.takeOverArchive(folderFromUser(p))).info(),
      'records.rebuild': async ({ id }) => ({ ...(await this.archive.rebuildRecord(id)), archive: this.archive.info() }),
      'backups.restore': async (args) => {
        if (!args.record && !args.file) return this.restoreArchive(args.backup);
        const archive = this.archive;
        return { ...(await archive.restoreFromBackup(args)), archive: archive.info() };
      },
      'settings.get': async () => this.profile.settings(),
      'settings.update': async (given) => {
        const changes = given.exportFolder === undefined ? given : { ...given, exportFolder: folderFromUser(given.exportFolder) };
        const settings = await this.profile.updateSettings(changes);
        if (this.#archive) this.#archive.person = settings.name;
        for (const listener of this.#settingsListeners) listener(settings);
        return settings;
      },
    };
  }
}

/**
 * The doors' common path: check the key, validate the argument, call the handler, and turn any
 * failure into {code, message}. Nothing thrown ever crosses a door.
 */
export async function dispatch(handlers: Handlers, key: string, rawArgs: unknown): Promise<Envelope<unknown>> {
  try {
    if (!isContractKey(key)) throw new CairnError('E_VALIDATION', text('request_unknown', { key: String(key).slice(0, 60) }));
    const args = validateArgs(key, rawArgs);
    const handler = handlers[key] as (a: typeof args) => Promise<unknown>;
    return { ok: true, result: await handler(args) };
  } catch (e) {
    return { ok: false, error: toErrorShape(e) };
  }
}

/**
 * A folder a person typed: "~/…" means their home folder; anything else must be a full path,
 * because a relative one would quietly depend on where Cairn happened to be started.
 */
export function folderFromUser(typed: string, home = homedir()): string {
  const trimmed = typed.trim();
  const expanded = trimmed === '~' ? home : /^~[\\/]/.test(trimmed) ? path.join(home, trimmed.slice(2)) : trimmed;
  if (!path.isAbsolute(expanded)) {
    throw new CairnError('E_VALIDATION', text('archive_path_not_absolute', { typed: trimmed, example: path.join(home, 'Archives', 'field-office') }));
  }
  return path.normalize(expanded);
}

async function isMissingOrEmpty(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).filter((e) => !e.startsWith('.')).length === 0;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw e;
  }
}
