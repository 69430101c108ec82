// The person's settings (kept in their profile by the core): the interface language and their name.
import type { Locale } from './contract';
import { call, failure } from './api';
import { language } from './i18n.svelte';
import { toasts } from './toasts.svelte';

class SettingsState {
  /** The name the person's changes and review decisions carry; empty until they give it. */
  name = $state('');

  /** Reads the saved choices; a profile that cannot be read leaves the system's language. */
  async load(): Promise<void> {
    try {
      const saved = await call('settings.get');
      language.chosen = saved.language;
      this.name = saved.name;
    } catch {
      language.chosen = null;
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
