// Turns a plain-text file's bytes into a string; refuses what is not UTF-8 text rather than guess.
import { text as localText } from '../../common/i18n/text';
import { CairnError } from '../errors';

export interface DecodedText {
  text: string;
  encoding: string;
}

/**
 * UTF-8 (with or without a byte-order mark), and UTF-16 with or without one. Other encodings
 * (CP1251, KOI8-R, ...) are detected by the full import pipeline; here they are refused with a
 * clear error so that no mojibake enters the archive.
 */
export function decodeText(bytes: Uint8Array, fileName: string): DecodedText {
  if (bytes.length === 0) throw new CairnError('E_EMPTY_FILE', localText('import_empty_file', { name: fileName }));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
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
  if (utf8 !== null && controlShare(utf8.slice(0, 4096)) < 0.01) return { text: utf8, encoding: hasBom ? 'utf-8-bom' : 'utf-8' };
  const utf16 = hasBom ? null : readUtf16WithoutBom(bytes);
  if (utf16) return utf16;
  if (head.includes(0) || utf8 !== null) throw new CairnError('E_UNSUPPORTED_FORMAT', localText('import_binary_file', { name: fileName }));
  throw new CairnError('E_DECODE', localText('import_not_utf8', { name: fileName }));
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
    if (textual >= 0.97 && topThree >= 0.9 && spaced) return { text, encoding };
  }
  return null;
}

/** The form of the text used for duplicate detection: NFC, \n line ends, no trailing spaces. */
export function normalizeForHash(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+$/gm, '')
    .trim();
}
