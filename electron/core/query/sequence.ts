// Whether a text holds words side by side, in order: a phrase ("Security Council"), or a word the
// index cuts in several ("PA/19", "counter-terrorism"). The index knows which records hold each
// word, not where; this checks the records that hold them all.
import { escapeRegExp } from '../../common/regexp';
import { foldTerm } from '../search/record-index';

/**
 * A character beyond ASCII that is not Latin-1 or general punctuation (’ “ — …): a letter, a mark, a
 * symbol. One character class (\u0080–\uffff but \u00a0–\u00bf, ×, ÷ and \u2000–\u206f): three times
 * faster over 4 KB than the same set written with a lookahead.
 */
export const LETTER_BEYOND_ASCII = /[\u0080-\u009f\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u1fff\u2070-\uffff]/;

export interface SequenceOptions {
  /** Try the ASCII expression on any text first (default true; tests turn it off to compare). */
  quick?: boolean;
}

/**
 * Whether the words of a text hold `wanted` (folded words) side by side, in order, with nothing but
 * spaces or punctuation between them (the last as a prefix when typing).
 *
 * One regular expression over the text, folded first only when it holds anything beyond ASCII: a
 * phrase found in 5,000 records of 4 KB is checked in about a tenth of a second, not two. The
 * expressions are made once per phrase, not once per record. `beyondAscii` says whether the text
 * holds a letter beyond ASCII (by default the text is looked at; a caller may know it).
 *
 * Whether a text holds letters beyond ASCII takes a look at all of it, which costs as much as the
 * match: so for words of ASCII letters and digits the ASCII expression goes first, on any text. A
 * place it finds whose neighbours and gaps are no letter, mark or digit is one the other expression
 * finds too, so the answer is the same; only the texts it does not settle are looked at ("Security
 * Council": 5,600 of the 6,400 records that hold both words are settled so).
 */
export function sequenceTest(wanted: readonly string[], lastAsPrefix: boolean, options: SequenceOptions = {}): (text: string, beyondAscii?: () => boolean) => boolean {
  const ascii = phrasePattern(wanted, lastAsPrefix, true);
  const unicode = phrasePattern(wanted, lastAsPrefix, false);
  const quick = options.quick !== false && wanted.length > 0 && wanted.every((w) => /^[a-z0-9]+$/.test(w));
  // Text whose letters are all ASCII (typographic quotes and dashes aside) is matched with ASCII
  // classes, as it is; other text as it is first, and folded (marks, ё) only when that fails:
  // folding 4 KB costs fifty times the match.
  return (text, beyondAscii = () => LETTER_BEYOND_ASCII.test(text)) => {
    if (quick) {
      const found = ascii.exec(text);
      if (found && settled(text, found.index, found[0], lastAsPrefix)) return true;
      // Not found, or found beside a letter the classes disagree on: the text decides as below (another
      // than ASCII may hold the words spelt otherwise, ſ or ﬁ, or with marks).
    }
    return beyondAscii() ? unicode.test(text) || unicode.test(foldTerm(text)) : ascii.test(text);
  };
}

/** Whether a place the ASCII expression found is one the other finds too: nothing on either side or in the gaps that is a letter, mark or digit to it. */
function settled(text: string, at: number, match: string, lastAsPrefix: boolean): boolean {
  if (!apart(text, at - 1) || (!lastAsPrefix && !apart(text, at + match.length))) return false;
  for (let i = 0; i < match.length; i++) if (match.charCodeAt(i) >= 0x80 && !apart(match, i)) return false;
  return true;
}

/**
 * Whether the character at `i` (or the text's edge) sets a word apart: one that is no letter, mark or
 * digit, which both expressions then take as a gap. A letter or digit beyond ASCII (µ, ª, ², é) is
 * a gap to one and not to the other, and half a pair of surrogates says nothing alone: such a place
 * is left to the expressions.
 */
function apart(text: string, i: number): boolean {
  if (i < 0 || i >= text.length) return true;
  const c = text.charCodeAt(i);
  if (c < 0x80) return !((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a));
  return !(c >= 0xd800 && c <= 0xdfff) && !WORD_CHARACTER.test(text.charAt(i));
}
const WORD_CHARACTER = /[\p{L}\p{M}\p{N}]/u;

const patterns = new Map<string, RegExp>();

function phrasePattern(wanted: readonly string[], lastAsPrefix: boolean, ascii: boolean): RegExp {
  const key = `${lastAsPrefix ? 1 : 0}${ascii ? 1 : 0}${wanted.join('\u0000')}`;
  const known = patterns.get(key);
  if (known) return known;
  // A word character: a letter, mark or digit (in ASCII text, a letter or digit).
  const w = ascii ? 'A-Za-z0-9' : '\\p{L}\\p{M}\\p{N}';
  const words = wanted.map(escapeRegExp).join(`[^${w}]+`);
  const re = new RegExp(`(?<![${w}])${words}${lastAsPrefix ? '' : `(?![${w}])`}`, ascii ? 'i' : 'iu');
  if (patterns.size > 100) patterns.clear();
  patterns.set(key, re);
  return re;
}
