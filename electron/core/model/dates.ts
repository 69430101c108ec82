// Partial dates as archivists write them, stored as EDTF (ISO 8601-2) strings.
import edtf from 'edtf';
import * as chrono from 'chrono-node';
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
  const found = chrono.en.GB.parse(text, new Date(2000, 0, 1));
  const first = found[0];
  if (found.length === 1 && first && first.text.length >= text.replace(/[.,]$/, '').length - 3) {
    const start = first.start;
    const year = start.isCertain('year') ? (start.get('year') ?? null) : null;
    const month = start.isCertain('month') ? (start.get('month') ?? null) : null;
    const day = start.isCertain('day') ? (start.get('day') ?? null) : null;
    const value = edtfFromParts(year, month, day);
    if (value && isEdtf(value)) return value;
  }
  throw new CairnError(
    'E_VALIDATION',
    `Cairn could not read “${text.slice(0, 60)}” as a date. Write it as 2018-04-30, 2018-04 or 2018, as “30 April 2018”, or as XXXX-06-13 when the year is unknown.`,
  );
}

/** A key that sorts dates chronologically; unknown years sort after known ones, no date last. */
export function dateSortKey(value: string | null): string {
  if (!value) return '~';
  return value.startsWith('XXXX') ? `9999${value.slice(4)}` : value;
}
