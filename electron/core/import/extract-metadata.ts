// Proposes a title, a date, a place and an identifier from a document's opening lines.
import { readWrittenDates } from '../model/dates';

export interface ExtractedMetadata {
  title: string | null;
  date: string | null;
  place: string | null;
  identifier: string | null;
}

const MONTHS = 'Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?';
const RU_MONTHS = 'января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря';
const RU_DATE = `\\d{1,2}(?:[-–]\\d{1,2})?\\s+(?:${RU_MONTHS})(?:\\s+\\d{4}(?:\\s*(?:года|г\\.?))?)?`;
const DATE_ONLY = new RegExp(`^(?:${RU_DATE}|\\d{1,2}(?:[-–]\\d{1,2})?\\s+(?:${MONTHS})\\.?(?:\\s+\\d{4})?|(?:${MONTHS})\\.?\\s+\\d{1,2},?(?:\\s+\\d{4})?|\\d{4}-\\d{2}-\\d{2})$`, 'i');
// "ASHGABAT, 13 June (...) —", "Dushanbe (Tajikistan), 8 December 2021 –", "ALMATY, Kazakhstan –"
const DATELINE = /^([\p{Lu}][\p{L}’'.-]+(?:[ -][\p{Lu}][\p{L}’'.-]+)*)(?:\s*\(([^)]{2,40})\))?,\s*(.{0,80}?)\s*[–—-]+(?:\s|$)/u;
// A news lead without a dateline says where and when in one phrase: "... in Almaty, Kazakhstan on 21-22 July."
const WRITTEN_DAY = `\\d{1,2}(?:\\s*[-–]\\s*\\d{1,2})?\\s+(?:${MONTHS})\\.?(?:\\s+\\d{4})?|(?:${MONTHS})\\.?\\s+\\d{1,2}(?:\\s*[-–]\\s*\\d{1,2})?(?:,?\\s+\\d{4})?`;
const LEAD_PLACE_DATE = new RegExp(`\\bin (\\p{Lu}[\\p{L}’'-]+(?: \\p{Lu}[\\p{L}’'-]+)?)(?:, \\p{Lu}[\\p{L}]+(?: \\p{Lu}[\\p{L}]+)*)?,? on (${WRITTEN_DAY})\\b`, 'u');
const DOC_SYMBOL = /^[A-Z]{1,8}(?:\/[A-Z0-9.]+)+$/;
const BANNER = /^(?:press release|news release|media advisory|for immediate release|statement|note to correspondents|пресс-релиз|сообщение для печати|информационное сообщение|заявление)$/iu;
const CHROME = /^(?:welcome to\b|skip to\b|home\s*[›>|]|menu$|search$|share\b|print\b|subscribe\b)/i;

const clean = (line: string) => line.replace(/\*\*|__/g, '').replace(/^#+\s*/, '').replace(/\s+/g, ' ').trim();

function isBodyParagraph(line: string): boolean {
  return line.length >= 200 || (line.split(' ').length >= 25 && /[.!?]["”’)]?$/.test(line));
}

function isHeadingCandidate(line: string): boolean {
  if (line.length < 3 || line.length > 300) return false;
  if (!/\p{L}/u.test(line)) return false;
  if (DOC_SYMBOL.test(line) || BANNER.test(line) || CHROME.test(line) || DATE_ONLY.test(line)) return false;
  if (DATELINE.test(line) && line.length < 120) return false;
  if (/[.!]$/.test(line) && !/\b(?:[A-Z]\.|etc\.|Inc\.|Ltd\.)$/.test(line)) return false; // a sentence, not a heading
  return true;
}

/** Finds a dated dateline or a date line near the top; the year stays unknown if the text omits it. */
function findDate(lines: string[]): string | null {
  for (const line of lines.slice(0, 12)) {
    const dl = DATELINE.exec(line);
    const probe = dl ? dl[3] ?? '' : DATE_ONLY.test(line) ? line : '';
    if (!probe) continue;
    const value = readWrittenDates(probe)[0]?.value;
    if (value) return value;
  }
  return null;
}

/**
 * "in <Place>[, <Country>] on <date>" in the first body paragraph, for documents without a dateline.
 * Only a lead under a headline counts: in unstructured text (a speech, an excerpt) such a phrase
 * is usually about some other event ("signed in Washington on 1 January 1942").
 */
function findLead(lines: string[]): { place: string; date: string } | null {
  const head = lines.slice(0, 15);
  const at = head.findIndex(isBodyParagraph);
  if (at <= 0 || !head.slice(0, at).some(isHeadingCandidate)) return null;
  const match = LEAD_PLACE_DATE.exec(head[at]!);
  const date = match?.[2] ? readWrittenDates(match[2])[0]?.value : null;
  return match?.[1] && date ? { place: match[1], date } : null;
}

function titleCasePlace(place: string): string {
  if (place !== place.toUpperCase()) return place;
  return place.toLowerCase().replace(/(^|[\s-])(\p{L})/gu, (_, sep: string, ch: string) => sep + ch.toUpperCase());
}

function findPlace(lines: string[]): string | null {
  for (const line of lines.slice(0, 12)) {
    const dl = DATELINE.exec(line);
    if (dl && dl[1] && dl[1].length <= 40) return titleCasePlace(dl[1]);
  }
  return null;
}

/**
 * The title is the last heading-like line before the first body paragraph: this skips web-page
 * chrome, document symbols, banners and date lines above it, and a repeated title collapses.
 * Without such a line, the start of the first line serves, cut at a word.
 */
function findTitle(lines: string[]): string | null {
  let title: string | null = null;
  for (const line of lines.slice(0, 15)) {
    if (isBodyParagraph(line) || (DATELINE.test(line) && title)) break;
    if (isHeadingCandidate(line)) title = line;
  }
  if (title) return title;
  const first = lines.find((l) => /\p{L}/u.test(l));
  if (!first) return null;
  if (first.length <= 120) return first;
  const cut = first.slice(0, 120);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 60))}…`;
}

export function extractMetadata(text: string): ExtractedMetadata {
  const lines = text
    .split(/\r?\n/)
    .map(clean)
    .filter((l) => l.length > 0);
  const head = lines.slice(0, 4).find((l) => DOC_SYMBOL.test(l));
  const date = findDate(lines);
  const place = findPlace(lines);
  const lead = date && place ? null : findLead(lines);
  return { title: findTitle(lines), date: date ?? lead?.date ?? null, place: place ?? lead?.place ?? null, identifier: head ?? null };
}
