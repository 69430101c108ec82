// The person's settings (kept in their profile by the core): the interface language and their name.
import type { Locale } from './contract';
import { call, failure } from './api';
import { language } from './i18n.svelte';
import { toasts } from './toasts.svelte';

class SettingsState {
  /** The name the person's changes and review decisions carry; empty until they give it. */
  name = $state('');
  /** Where the Export dialog proposes to write (the last export's folder). */
  exportFolder = $state('');

  /** Reads the saved choices; a profile that cannot be read leaves the system's language. */
  async load(): Promise<void> {
    try {
      const saved = await call('settings.get');
      language.chosen = saved.language;
      this.name = saved.name;
      this.exportFolder = saved.exportFolder;
    } catch {
      language.chosen = null;
    }
  }

  /** Remembers the folder an export went into, for the next one. */
  async setExportFolder(folder: string): Promise<void> {
    if (folder === this.exportFolder) return;
    try {
      this.exportFolder = (await call('settings.update', { exportFolder: folder })).exportFolder;
    } catch {
      // Only a convenience: the export itself went where it was asked to.
    }
  }

  /** Remembers the person's name; true once saved. */
  async setName(name: string): Promise<boolean> {
    try {
      this.name = (await call('settings.update', { name })).name;
      return true;
    } catch (e) {
      toasts.error(failure(e));
      return false;
    }
  }

  /** Switches the window at once (nothing typed or unsaved is touched) and remembers the choice. */
  async setLanguage(choice: Locale | null): Promise<void> {
    const before = language.chosen;
    language.chosen = choice;
    try {
      language.chosen = (await call('settings.update', { language: choice })).language;
    } catch (e) {
      language.chosen = before;
      toasts.error(failure(e));
    }
  }
}

export const settings = new SettingsState();
