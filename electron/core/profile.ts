// The per-user profile: where the default archive lives, and which archives were opened recently.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

import { Low } from 'lowdb';
import type { RecentArchive, Settings } from '../contract';
import { isLocale } from '../common/i18n/locale';
import { DurableJSONFile, makeDirectory } from './store/durable-json-file';

export interface ProfileData {
  recent: RecentArchive[];
  lastArchive: string | null;
  /** The interface language chosen in Settings; absent or null follows the system. */
  language?: string | null;
  /** The person's name, carried by every change they make. */
  name?: string;
  /** The folder the last export went into. */
  exportFolder?: string;
}

const MAX_RECENT = 10;

/** The same folder Electron's app.getPath('userData') gives for "Cairn", so both doors share it. */
export function defaultProfileDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.CAIRN_PROFILE_DIR) return path.resolve(env.CAIRN_PROFILE_DIR);
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(homedir(), 'AppData', 'Roaming'), 'Cairn');
  if (platform === 'darwin') return path.join(homedir(), 'Library', 'Application Support', 'Cairn');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(homedir(), '.config'), 'Cairn');
}

/** Documents in the home folder where there is one (as the desktop's save dialogs start), else the home folder. */
function defaultExportFolder(): string {
  const documents = path.join(homedir(), 'Documents');
  return existsSync(documents) ? documents : homedir();
}

export class Profile {
  readonly dir: string;
  #db: Low<ProfileData>;

  private constructor(dir: string, db: Low<ProfileData>) {
    this.dir = dir;
    this.#db = db;
  }

  static async load(dir: string): Promise<Profile> {
    await makeDirectory(dir);
    const db = new Low<ProfileData>(new DurableJSONFile(path.join(dir, 'profile.json')), { recent: [], lastArchive: null });
    try {
      await db.read();
    } catch {
      // A damaged profile only loses the recent list; it never blocks the archive itself.
      db.data = { recent: [], lastArchive: null };
    }
    db.data.recent = Array.isArray(db.data.recent) ? db.data.recent : [];
    return new Profile(dir, db);
  }

  get defaultArchivePath(): string {
    return path.join(this.dir, 'archive');
  }

  get lastArchive(): string | null {
    return this.#db.data.lastArchive ?? null;
  }

  recent(): RecentArchive[] {
    return this.#db.data.recent;
  }

  settings(): Settings {
    const language = this.#db.data.language;
    const name = this.#db.data.name;
    const folder = this.#db.data.exportFolder;
    return { language: isLocale(language) ? language : null, name: typeof name === 'string' ? name : '', exportFolder: typeof folder === 'string' && folder ? folder : defaultExportFolder() };
  }

  async updateSettings(changes: Partial<Settings>): Promise<Settings> {
    if (changes.language !== undefined) this.#db.data.language = changes.language;
    if (changes.name !== undefined) this.#db.data.name = changes.name.normalize('NFC').replace(/\s+/g, ' ').trim();
    if (changes.exportFolder !== undefined) this.#db.data.exportFolder = changes.exportFolder;
    await this.#db.write();
    return this.settings();
  }

  async remember(archivePath: string, name: string): Promise<void> {
    const entry: RecentArchive = { path: archivePath, name, openedAt: new Date().toISOString() };
    this.#db.data.recent = [entry, ...this.#db.data.recent.filter((r) => r.path !== archivePath)].slice(0, MAX_RECENT);
    this.#db.data.lastArchive = archivePath;
    await this.#db.write();
  }
}
