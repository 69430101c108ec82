// Turns a plain-text file's bytes into a string; refuses what is not UTF-8 text rather than guess.
import { CairnError } from '../errors';

export interface DecodedText {
  text: string;
  encoding: string;
}

/**
 * UTF-8 (with or without a byte-order mark) and UTF-16 with a byte-order mark. Other encodings
 * (CP1251, KOI8-R, ...) are detected by the full import pipeline; here they are refused with a
 * clear error so that no mojibake enters the archive.
 */
export function decodeText(bytes: Uint8Array, fileName: string): DecodedText {
  if (bytes.length === 0) throw new CairnError('E_EMPTY_FILE', `${fileName} is empty; there is nothing to import.`);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (bytes.subarray(0, 8192).includes(0)) {
    throw new CairnError('E_UNSUPPORTED_FORMAT', `${fileName} looks like a binary file, not plain text.`);
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(hasBom ? bytes.subarray(3) : bytes);
    return { text, encoding: hasBom ? 'utf-8-bom' : 'utf-8' };
  } catch {
    throw new CairnError(
      'E_DECODE',
      `${fileName} is not valid UTF-8 text (it may be in a legacy encoding such as Windows-1251 or KOI8-R). Save it as UTF-8 and import it again.`,
    );
  }
}

/** The form of the text used for duplicate detection: NFC, \n line ends, no trailing spaces. */
export function normalizeForHash(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+$/gm, '')
    .trim();
}
