// Turns a text file's bytes into a string: Unicode by its marks, legacy 8-bit encodings by a detector.
import chardet from 'chardet';
import iconv from 'iconv-lite';
import type { TextEncoding } from '../../contract';
import { text as localText } from '../../common/i18n/text';
import { CairnError } from '../errors';

export interface DecodedText {
  text: string;
  /** utf-8, utf-8-bom, utf-16le, utf-16be, windows-1251, koi8-r or windows-1252. */
  encoding: string;
  /** How sure the detection was, 0–1: 1 for a byte-order mark or valid UTF-8. */
  confidence: number;
}

/** The 8-bit encodings a field office's old machines wrote, which a person may also choose to re-decode with. */
export const LEGACY_ENCODINGS = ['windows-1251', 'koi8-r', 'windows-1252'] as const;

/**
 * UTF-8 (with or without a byte-order mark), UTF-16 with or without one, and otherwise the legacy
 * encoding (Windows-1251, KOI8-R, Windows-1252) that chardet and the shape of the words agree on.
 * Binary data and text none of them reads are refused with a clear error, so no mojibake enters
 * the archive. The text is returned as decoded; `normalizeText` makes it what a record keeps.
 */
export function decodeText(bytes: Uint8Array, fileName: string): DecodedText {
  if (bytes.length === 0) throw new CairnError('E_EMPTY_FILE', localText('import_empty_file', { name: fileName }));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le', confidence: 1 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be', confidence: 1 };
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const head = bytes.subarray(0, 8192);
  let utf8: string | null = null;
  if (!head.includes(0)) {
    try {
      utf8 = new TextDecoder('utf-8', { fatal: true }).decode(hasBom ? bytes.subarray(3) : bytes);
    } catch {
      utf8 = null;
    }
  }
  // Valid UTF-8 that is text is taken as it is. UTF-16 without a byte-order mark shows itself by
  // zero bytes (Latin text) or, where no byte is 0 or ≥ 0x80 (Cyrillic between em spaces), by the
  // control characters it makes when read as UTF-8.
  if (utf8 !== null && controlShare(utf8.slice(0, 4096)) < 0.01) return { text: utf8, encoding: hasBom ? 'utf-8-bom' : 'utf-8', confidence: 1 };
  const utf16 = hasBom ? null : readUtf16WithoutBom(bytes);
  if (utf16) return utf16;
  if (head.includes(0) || utf8 !== null) throw new CairnError('E_UNSUPPORTED_FORMAT', localText('import_binary_file', { name: fileName }));
  const legacy = hasBom ? null : readLegacy(bytes);
  if (legacy) return legacy;
  throw new CairnError('E_DECODE', localText('import_undecodable', { name: fileName }));
}

/** Reads `bytes` with a named encoding, as a person re-decoding a record's original asks. */
export function decodeWith(bytes: Uint8Array, encoding: TextEncoding): string {
  return decode8(bytes, encoding);
}

/** iconv-lite's decoder (a byte-order mark left out): unlike TextDecoder, the same tables on every Node and Electron build. */
const decode8 = (bytes: Uint8Array, encoding: string) => iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding);

const CHARDET_NAMES: Record<string, (typeof LEGACY_ENCODINGS)[number]> = {
  'windows-1251': 'windows-1251',
  'koi8-r': 'koi8-r',
  'iso-8859-1': 'windows-1252',
  'windows-1252': 'windows-1252',
};

/**
 * The legacy encoding that reads `bytes` best, or null. chardet's statistics say how likely each
 * is; the words themselves decide between close candidates: text read with the wrong Cyrillic
 * table has its case inverted inside words (KOI8-R read as Windows-1251 gives "рПЙЧЕФ"), and a
 * Latin text read as Cyrillic mixes scripts inside a word ("Secrщtaire"). Short texts, where
 * chardet has little to go on, are decided by the words alone.
 */
function readLegacy(bytes: Uint8Array): DecodedText | null {
  const sample = bytes.subarray(0, 64 * 1024);
  const stats = new Map<string, number>();
  for (const match of chardet.analyse(sample)) {
    const name = CHARDET_NAMES[match.name.toLowerCase()];
    if (name && !stats.has(name)) stats.set(name, match.confidence / 100);
  }
  let best: { encoding: (typeof LEGACY_ENCODINGS)[number]; score: number; stat: number } | null = null;
  for (const encoding of LEGACY_ENCODINGS) {
    const text = decode8(sample, encoding);
    if (controlShare(text.slice(0, 4096)) >= 0.01) continue;
    const stat = stats.get(encoding) ?? 0;
    const score = wordShape(text) * 0.7 + stat * 0.3;
    if (!best || score > best.score) best = { encoding, score, stat };
  }
  if (!best || best.score < 0.45) return null;
  return { text: decode8(bytes, best.encoding), encoding: best.encoding, confidence: Math.round(Math.min(1, Math.max(best.stat, best.score)) * 100) / 100 };
}

const WORD = /[\p{L}\p{M}]+/gu;
const WELL_CASED = /^(?:\p{Lu}?[\p{Ll}\p{M}]+|[\p{Lu}\p{M}]+)$/u;
const LATIN = /\p{Script=Latin}/u;
const CYRILLIC = /\p{Script=Cyrillic}/u;

/** The share of words (weighted by length) that look like words: one script, and cased as words are. */
function wordShape(text: string): number {
  let good = 0;
  let all = 0;
  for (const [word] of text.slice(0, 16384).matchAll(WORD)) {
    if (word.length < 2) continue;
    all += word.length;
    if (WELL_CASED.test(word) && !(LATIN.test(word) && CYRILLIC.test(word))) good += word.length;
  }
  return all === 0 ? 0 : good / all;
}

const TEXTUAL = /[\p{L}\p{M}\p{N}\p{P}\p{S}\p{Zs}\t\n\r\f\u2028\u2029]/gu;

/** The share of characters that are C0 controls other than tab, line feed, form feed and carriage return (or DEL). */
function controlShare(text: string): number {
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x0d) || c === 0x7f) controls++;
  }
  return text.length === 0 ? 0 : controls / text.length;
}

/**
 * Reads `bytes` as UTF-16 without a byte-order mark, in whichever byte order gives text: every
 * code unit valid (no lone surrogates), almost every character a letter, digit, punctuation or
 * space, words separated by spaces, and the characters drawn from a few blocks of 256 (one or two
 * scripts and punctuation), as text is and as binary data or 8-bit text read as UTF-16 is not.
 * Null when neither order gives text.
 */
function readUtf16WithoutBom(bytes: Uint8Array): DecodedText | null {
  if (bytes.length < 2 || bytes.length % 2 !== 0) return null;
  for (const encoding of ['utf-16le', 'utf-16be'] as const) {
    let text: string;
    try {
      text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
    } catch {
      continue;
    }
    const sample = text.slice(0, 4096);
    const textual = (sample.match(TEXTUAL)?.length ?? 0) / sample.length;
    const blocks = new Map<number, number>();
    for (let i = 0; i < sample.length; i++) {
      const block = sample.charCodeAt(i) >> 8;
      blocks.set(block, (blocks.get(block) ?? 0) + 1);
    }
    const topThree = [...blocks.values()].sort((a, b) => b - a).slice(0, 3).reduce((a, b) => a + b, 0) / sample.length;
    // Words are separated: legacy 8-bit text read as UTF-16 makes unbroken runs of CJK-like signs.
    const spaced = (sample.match(/\s/g)?.length ?? 0) >= sample.length / 40;
    if (textual >= 0.97 && topThree >= 0.9 && spaced) return { text, encoding, confidence: Math.round(textual * topThree * 100) / 100 };
  }
  return null;
}

/** What a record keeps of decoded text: line ends made \n (CRLF and lone CR too) and Unicode NFC; nothing else changes. */
export function normalizeText(text: string): string {
  return text.replace(/\r\n?/g, '\n').normalize('NFC');
}

/** The form of the text used for duplicate detection: NFC, \n line ends, no trailing spaces. */
export function normalizeForHash(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+$/gm, '')
    .trim();
}
