// EDTF dates ("2018-04-30", "XXXX-06-13", "2012-06~", "2012/2014") in words, in the reader's language:
// the calendar words come from Intl, the rest (year unknown, uncertain, seasons) from the catalogue.
import * as m from './paraglide/messages.js';
import type { Locale } from './locale';

/** Intl's locale and month style per interface language: "30 Apr 2018", "30 апреля 2018". */
const CALENDAR: Record<Locale, { tag: string; month: 'short' | 'long' }> = {
  en: { tag: 'en-GB', month: 'short' },
  ru: { tag: 'ru', month: 'long' },
};

const SEASONS: Record<string, (options: { locale: Locale }) => string> = {
  '21': (o) => m.date_season_spring({}, o),
  '22': (o) => m.date_season_summer({}, o),
  '23': (o) => m.date_season_autumn({}, o),
  '24': (o) => m.date_season_winter({}, o),
};

/** The calendar part through Intl, without the trailing "г." Russian adds after a year. */
function calendar(locale: Locale, year: number, month: number | null, day: number | null, withYear: boolean): string {
  const { tag, month: monthStyle } = CALENDAR[locale];
  const date = new Date(Date.UTC(2000, (month ?? 1) - 1, day ?? 1));
  date.setUTCFullYear(year);
  const options: Intl.DateTimeFormatOptions = { timeZone: 'UTC' };
  if (day !== null) options.day = 'numeric';
  if (month !== null) options.month = monthStyle;
  if (withYear) options.year = 'numeric';
  const parts = new Intl.DateTimeFormat(tag, options).formatToParts(date);
  const last = parts.findLastIndex((part) => part.type !== 'literal');
  return parts
    .slice(0, last + 1)
    .map((part) => part.value)
    .join('');
}

/** One EDTF date (not an interval) in words; null when it is not a form Cairn knows. */
function dateInWords(value: string, locale: Locale): string | null {
  const match = /^(-?[\dX]{4})(?:-([\dX]{2}))?(?:-([\dX]{2}))?([?~%]?)$/.exec(value);
  if (!match) return null;
  const [, year = '', monthText, dayText, qualifier] = match;
  const o = { locale };
  const yearKnown = !year.includes('X');
  const month = monthText && !monthText.includes('X') ? Number(monthText) : null;
  const day = dayText && !dayText.includes('X') && month !== null ? Number(dayText) : null;
  const season = month !== null ? SEASONS[String(month)] : undefined;
  if (month !== null && !season && (month < 1 || month > 12)) return null;
  if (day !== null && month !== null && (day < 1 || day > new Date(Date.UTC(2000, month, 0)).getUTCDate())) return null;
  let words: string;
  if (season) {
    const name = season(o);
    words = yearKnown ? m.date_season_year({ season: name, year: String(Number(year)) }, o) : m.date_year_unknown({ date: name }, o);
  } else if (yearKnown && year.startsWith('-')) {
    words = m.date_before_common_era({ year: String(Number(year.slice(1))) }, o);
  } else if (yearKnown) {
    words = calendar(locale, Number(year), month, day, true);
  } else if (month !== null) {
    words = m.date_year_unknown({ date: calendar(locale, 2000, month, day, false) }, o);
  } else if (/^\d{2}XX$/.test(year)) {
    words = m.date_decades({ start: `${year.slice(0, 2)}00` }, o);
  } else if (/^\d{3}X$/.test(year)) {
    words = m.date_decades({ start: `${year.slice(0, 3)}0` }, o);
  } else {
    return m.date_unknown({}, o);
  }
  if (qualifier === '?') return m.date_uncertain({ date: words }, o);
  if (qualifier === '~') return m.date_approximate({ date: words }, o);
  if (qualifier === '%') return m.date_approximate_uncertain({ date: words }, o);
  return words;
}

/** A stored date in words for lists, the reader and the CLI; "" when there is none, the raw value when the form is unknown. */
export function formatEdtf(value: string | null | undefined, locale: Locale): string {
  if (!value) return '';
  if (value.includes('/')) {
    const [from = '', to = ''] = value.split('/');
    const a = from === '..' || from === '' ? '' : (dateInWords(from, locale) ?? from);
    const b = to === '..' || to === '' ? '' : (dateInWords(to, locale) ?? to);
    if (a && b) return m.date_range({ from: a, to: b }, { locale });
    if (a) return m.date_from({ date: a }, { locale });
    if (b) return m.date_until({ date: b }, { locale });
    return value;
  }
  return dateInWords(value, locale) ?? value;
}

/** A count or size in the reader's digits and separators ("12,345", "12 345"). */
export function formatNumber(value: number, locale: Locale, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(locale, options).format(value);
}

/** A moment (ISO timestamp) as the reader's local date and time, e.g. for "imported at". */
export function formatMoment(iso: string, locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(CALENDAR[locale].tag, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}
