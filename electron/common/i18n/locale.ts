// The interface languages Cairn speaks, and how it picks one from what the system or the shell says.
export const LOCALES = ['en', 'ru'] as const;
export type Locale = (typeof LOCALES)[number];
export const BASE_LOCALE: Locale = 'en';

/** Each language's name in itself, as a language menu shows it. */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', ru: 'Русский' };

export const isLocale = (value: unknown): value is Locale => typeof value === 'string' && (LOCALES as readonly string[]).includes(value);

/**
 * The first of the given language tags ("ru-RU", "ru_KZ.UTF-8", "en-GB") that Cairn speaks, by its
 * primary language; English when none is.
 */
export function matchLocale(candidates: readonly (string | undefined | null)[]): Locale {
  for (const candidate of candidates) {
    const primary = candidate?.trim().split(/[-_.@]/)[0]?.toLowerCase();
    if (isLocale(primary)) return primary;
  }
  return BASE_LOCALE;
}

/**
 * The language a command line speaks, as POSIX programs choose it: LC_ALL, then LC_MESSAGES, then
 * LANG; the first one set decides (so LC_ALL=C means English even when LANG is Russian).
 */
export function localeFromEnv(env: Record<string, string | undefined>): Locale {
  const chosen = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value !== undefined && value !== '');
  return chosen === undefined ? BASE_LOCALE : matchLocale([chosen]);
}
