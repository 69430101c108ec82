// Where a record's text mentions an entity: every whole-word occurrence of its name or an alias,
// case-insensitive. Shared by the reader (mentions highlighted on demand) and the core (split).
import { escapeRegExp } from '../regexp';

export interface Mention {
  start: number;
  end: number;
  /** The name or alias found. */
  name: string;
}


/**
 * Every mention of any of `names` in text, in text order, without overlaps (the longer name wins
 * where two overlap: "United Nations Office" over "United Nations"). A name counts only as whole
 * words: "UN" is not found in "UNOCT" or "run".
 */
export function findMentions(text: string, names: readonly string[]): Mention[] {
  const wanted = [...new Set(names.map((n) => n.normalize('NFC').trim()).filter(Boolean))].sort((a, b) => b.length - a.length);
  if (wanted.length === 0 || !text) return [];
  // Spaces in a name match any run of white space (a name broken across lines is still the name).
  const alternatives = wanted.map((n) => escapeRegExp(n).replace(/\s+/g, '\\s+'));
  const pattern = new RegExp(`(?<![\\p{L}\\p{M}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{M}\\p{N}])`, 'giu');
  // Offsets are into the text as it stands: a decomposed (NFD) text matches only names spelt the same way.
  const found: Mention[] = [];
  for (const match of text.matchAll(pattern)) {
    const start = match.index;
    found.push({ start, end: start + match[0].length, name: match[0] });
  }
  return found;
}

/** Whether text mentions any of the names. */
export const mentionsAny = (text: string, names: readonly string[]): boolean => findMentions(text, names).length > 0;
