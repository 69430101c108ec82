// Partial dates as archivists write them, stored as EDTF (ISO 8601-2) strings.
import edtf from 'edtf';
import * as chrono from 'chrono-node';
import { text as localText } from '../../common/i18n/text';
import { CairnError } from '../errors';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Builds an EDTF string from parts; a missing year becomes "XXXX" (unspecified). */
export function edtfFromParts(year: number | null, month: number | null, day: number | null): string | null {
  if (year === null && month === null) return null;
  const y = year === null ? 'XXXX' : pad(year, 4);
  if (month === null) return y;
  if (day === null) return `${y}-${pad(month)}`;
  return `${y}-${pad(month)}-${pad(day)}`;
}

/** True when `value` is a well-formed EDTF date, interval or set that the edtf library accepts. */
export function isEdtf(value: string): boolean {
  try {
    edtf(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * Reads what a person typed into a date field: EDTF ("2018-04-30", "2012-06", "XXXX-06-13",
 * "2012?") as it is, or a written date ("30 April 2018", "13 June") turned into EDTF. A year the
 * text does not state stays unknown. Empty input clears the date.
 */
export function parseDateInput(input: string | null): string | null {
  if (input === null) return null;
  const text = input.trim();
  if (text === '') return null;
  if (isEdtf(text)) return text;
  const found = readWrittenDates(text);
  const first = found[0];
  if (found.length === 1 && first?.value && first.text.length >= text.replace(/[.,]$/, '').length - 3) return first.value;
  throw new CairnError('E_VALIDATION', localText('date_unreadable', { input: text.slice(0, 60) }));
}

export interface WrittenDate {
  /** The words the date was read from. */
  text: string;
  /** EDTF, or null when the words name no calendar date of their own ("yesterday", "Friday"). */
  value: string | null;
}

// chrono reads "today", "this year" or "2 days ago" against a reference day; Cairn has none that
// means anything for a document, so such phrases must not become dates.
const MONTH_NAME = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|(?<![\p{L}])(?:янв|фев|мар|апр|ма[йяе]|июн|июл|авг|сен|окт|ноя|дек)/iu;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const isRelative = (r: chrono.ParsedResult) =>
  [...r.tags()].some((t) => t === 'result/relativeDate' || t.startsWith('casualReference/')) || !(/\d/.test(r.text) || MONTH_NAME.test(r.text));

/**
 * Every date written out in `text` ("30 April 2018", "13 June", "22 Jun 2012", and in Russian
 * "18 ноября 2022 года", "июнь 2012"), in order; a year the words do not state stays unknown.
 * Text with Cyrillic in it is read by chrono's Russian parser as well; where both read the same
 * words, the longer reading wins.
 */
export function readWrittenDates(text: string): WrittenDate[] {
  const reference = new Date(2000, 0, 1);
  let results = chrono.en.GB.parse(text, reference);
  if (CYRILLIC.test(text)) {
    const both = [...results, ...chrono.ru.parse(text, reference)].sort((a, b) => a.index - b.index || b.text.length - a.text.length);
    results = [];
    for (const r of both) {
      const last = results[results.length - 1];
      if (last && r.index < last.index + last.text.length) continue;
      results.push(r);
    }
  }
  return results.map((r) => {
    if (isRelative(r)) return { text: r.text.trim(), value: null };
    const s = r.start;
    const value = edtfFromParts(
      s.isCertain('year') ? (s.get('year') ?? null) : null,
      s.isCertain('month') ? (s.get('month') ?? null) : null,
      s.isCertain('day') ? (s.get('day') ?? null) : null,
    );
    return { text: r.text.trim(), value: value && isEdtf(value) ? value : null };
  });
}

/** A key that sorts dates chronologically; unknown years sort after known ones, no date last. */
export function dateSortKey(value: string | null): string {
  if (!value) return '~';
  // Qualifiers (uncertain ?, approximate ~, both %) do not move a date in time.
  const plain = value.replace(/[?~%]/g, '');
  return plain.startsWith('XXXX') ? `9999${plain.slice(4)}` : plain;
}
