// Two copies of one document that differ only in typography («» or << >>, dashes, quotes, spaces,
// case) have one near-duplicate fingerprint, so the second is asked about as an exact copy is.
import { createHash } from 'node:crypto';

const QUOTES = /[«»„“”‟〝〞＂"]|<<|>>|‹|›/g;
const APOSTROPHES = /[‘’‚‛′`´]/g;
const DASHES = /[‐‑‒–—―−﹘﹣－]/g;
const ELLIPSIS = /…/g;
// Soft hyphens, zero-width spaces and joiners, byte-order marks: invisible, so not a difference.
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;

/** The text with typography and spacing levelled: what two typings of one document share. */
export function typographyFold(text: string): string {
  return text
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(QUOTES, '"')
    .replace(APOSTROPHES, "'")
    .replace(DASHES, '-')
    .replace(ELLIPSIS, '...')
    .toLocaleLowerCase('en')
    .replace(/ё/g, 'е')
    .replace(/\s+/gu, ' ')
    .replace(/ ?([-"'.,;:!?()]) ?/g, '$1')
    .trim();
}

/** SHA-256 of the folded text. */
export function nearHash(text: string): string {
  return createHash('sha256').update(typographyFold(text)).digest('hex');
}
