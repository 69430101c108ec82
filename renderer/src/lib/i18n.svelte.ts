// The interface language: which one is in use (Settings, else the system's), the catalogue's messages
// (m.*), and rendering of words from the core (LocalText) and of dates and numbers in that language.
// Every message reads the current language, so switching re-renders the window in place: nothing
// typed, selected or unsaved is lost.
import * as m from '../../../electron/common/i18n/paraglide/messages.js';
import { overwriteGetLocale } from '../../../electron/common/i18n/paraglide/runtime.js';
import { matchLocale, type Locale } from '../../../electron/common/i18n/locale';
import { isLocalText, renderText, text, type LocalText, type MessageKey } from '../../../electron/common/i18n/text';
import { formatEdtf, formatMoment } from '../../../electron/common/i18n/dates';

export { m, text };
export type { LocalText, MessageKey };

/** Words for a person: catalogue words (rendered now, in the current language) or a plain string (a name, a path). */
export type Said = LocalText | string;

class Language {
  /** The language the system (browser or desktop) prefers among Cairn's. */
  readonly system: Locale = matchLocale(typeof navigator === 'undefined' ? [] : navigator.languages);
  /** The choice in Settings; null follows the system. */
  chosen = $state<Locale | null>(null);
  readonly current: Locale = $derived(this.chosen ?? this.system);
}

export const language = new Language();
overwriteGetLocale(() => language.current);

$effect.root(() => {
  $effect(() => {
    document.documentElement.lang = language.current;
  });
});

export function say(said: Said | null | undefined): string {
  if (said === null || said === undefined) return '';
  return isLocalText(said) ? renderText(said, language.current) : said;
}

export const formatDate = (value: string | null | undefined): string => formatEdtf(value, language.current);
export const formatTime = (iso: string): string => formatMoment(iso, language.current);
/** A count in the interface language's digits grouping ("20,000", "20 000"). */
export const formatNumber = (value: number): string => new Intl.NumberFormat(language.current).format(value);
