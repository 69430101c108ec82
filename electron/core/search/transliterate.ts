// Latin spellings of Cyrillic words, so that "Tashkent" finds "Ташкент" and "profilirovaniya" finds
// "профилирования" (and back: a Cyrillic query word is also looked for in its Latin spellings).
// Names reach English documents through several romanisation schemes; three common ones are used
// (Wikipedia's, the passport standard ICAO Doc 9303, and the UN's UNGEGN 1987), each folded as the
// index folds words (case and diacritics), through iuliia, which implements them as published.
import iuliia from 'iuliia';

const SCHEMES = [iuliia.WIKIPEDIA, iuliia.ICAO_DOC_9303, iuliia.UNGEGN_1987];
const cache = new Map<string, readonly string[]>();
const CACHE_LIMIT = 50_000;

const CYRILLIC = /\p{Script=Cyrillic}/u;

/** Whether a text holds a Cyrillic letter. */
export const hasCyrillic = (s: string): boolean => CYRILLIC.test(s);
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[^a-z0-9]/g, '');

/** The distinct Latin spellings of one Cyrillic word, folded; none for a word with no Cyrillic letter. */
export function latinFormsOf(word: string): readonly string[] {
  const key = word.toLowerCase();
  const known = cache.get(key);
  if (known) return known;
  // A scheme that leaves a letter as it was (UNGEGN keeps ё) gives no spelling.
  const spelt = CYRILLIC.test(key) ? SCHEMES.map((scheme) => iuliia.translate(key, scheme)).filter((s) => !CYRILLIC.test(s)) : [];
  const forms = [...new Set(spelt.map(fold).filter(Boolean))];
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, forms);
  return forms;
}
