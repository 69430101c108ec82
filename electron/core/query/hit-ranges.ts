// Where the words a query matched stand in a text: every word whose folded form is one of the
// matched index terms (or, for a Cyrillic word, whose Latin spelling is), for the reader to mark.
import type { TextRange } from '../../contract';
import { foldTerm, wordsWithPlaces } from '../search/record-index';
import { hasCyrillic, latinFormsOf } from '../search/transliterate';


export function rangesOf(text: string, terms: readonly string[]): TextRange[] {
  const wanted = new Set(terms);
  if (wanted.size === 0) return [];
  const ranges: TextRange[] = [];
  for (const { word, start } of wordsWithPlaces(text)) {
    if (wanted.has(foldTerm(word)) || (hasCyrillic(word) && latinFormsOf(word).some((l) => wanted.has(l)))) {
      ranges.push({ start, end: start + word.length });
    }
  }
  return ranges;
}
