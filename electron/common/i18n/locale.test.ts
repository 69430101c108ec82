// Which language Cairn speaks: from the system's list (the app) and from LC_ALL/LC_MESSAGES/LANG (the CLI).
import { describe, expect, it } from 'vitest';
import { localeFromEnv, matchLocale } from './locale';

describe('matchLocale', () => {
  it('takes the first language Cairn speaks, by its primary tag', () => {
    expect(matchLocale(['ru-RU', 'en-US'])).toBe('ru');
    expect(matchLocale(['kk-KZ', 'ru-KZ', 'en'])).toBe('ru');
    expect(matchLocale(['de-DE', 'en-GB'])).toBe('en');
    expect(matchLocale(['RU'])).toBe('ru');
  });
  it('falls back to English when it speaks none of them', () => {
    expect(matchLocale(['kk', 'uz'])).toBe('en');
    expect(matchLocale([])).toBe('en');
    expect(matchLocale([undefined, ''])).toBe('en');
  });
});

describe('localeFromEnv', () => {
  it('reads LANG, and LC_MESSAGES and LC_ALL over it', () => {
    expect(localeFromEnv({ LANG: 'ru_RU.UTF-8' })).toBe('ru');
    expect(localeFromEnv({ LANG: 'en_US.UTF-8', LC_MESSAGES: 'ru_KZ.UTF-8' })).toBe('ru');
    expect(localeFromEnv({ LANG: 'ru_RU.UTF-8', LC_ALL: 'en_GB.UTF-8' })).toBe('en');
    expect(localeFromEnv({ LANG: 'ru_RU.UTF-8', LC_ALL: '' })).toBe('ru');
  });
  it('speaks English for C, POSIX, an unknown language and an empty environment', () => {
    expect(localeFromEnv({ LANG: 'ru_RU.UTF-8', LC_ALL: 'C' })).toBe('en');
    expect(localeFromEnv({ LANG: 'POSIX' })).toBe('en');
    expect(localeFromEnv({ LANG: 'de_DE.UTF-8' })).toBe('en');
    expect(localeFromEnv({})).toBe('en');
  });
});
