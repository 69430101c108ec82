// A readable before/after of a text value, word by word in any script (jsdiff with Intl.Segmenter,
// since its own word rule sees Cyrillic letters as punctuation).
import { diffWords } from 'diff';

export interface WordPart {
  text: string;
  kind: 'same' | 'removed' | 'added';
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'word' });

export function wordDiff(before: string, after: string): WordPart[] {
  return diffWords(before, after, { intlSegmenter: segmenter }).map((part) => ({ text: part.value, kind: part.added ? 'added' : part.removed ? 'removed' : 'same' }));
}
