// The person's settings (kept in their profile by the core): for now, the interface language.
import type { Locale } from './contract';
import { call, failure } from './api';
import { language } from './i18n.svelte';
import { toasts } from './toasts.svelte';

class SettingsState {
  /** Reads the saved choice; a profile that cannot be read leaves the system's language. */
  async load(): Promise<void> {
    try {
      language.chosen = (await call('settings.get')).language;
    } catch {
      language.chosen = null;
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
