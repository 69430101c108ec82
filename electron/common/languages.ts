// Languages as people write them and as records keep them: a BCP 47 tag ("en", "ru", "uz-Cyrl"),
// shown by its name in the interface's language through Intl (no table of our own).

let byName: Map<string, string> | null = null;

/** Every two-letter language Intl names, by its English and Russian names ("russian", "русский" → "ru"). */
function names(): Map<string, string> {
  if (byName) return byName;
  byName = new Map();
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  for (const locale of ['en', 'ru']) {
    const display = new Intl.DisplayNames([locale], { type: 'language', fallback: 'none' });
    for (const a of letters) {
      for (const b of letters) {
        const name = display.of(a + b);
        if (!name || name === a + b) continue;
        // The code in its canonical form (a deprecated "iw" is "he"); the first code with a name keeps it.
        const key = name.toLocaleLowerCase(locale);
        if (!byName.has(key)) byName.set(key, Intl.getCanonicalLocales(a + b)[0] ?? a + b);
      }
    }
  }
  return byName;
}

/** Whether Intl knows the tag's language (so "english", well-formed as a tag, is not taken for one). */
export function isKnownLanguage(tag: string): boolean {
  const language = tag.split('-')[0] ?? '';
  try {
    return new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' }).of(language) !== undefined;
  } catch {
    return false;
  }
}

/** The tag for a language written as a tag or by its name in English or Russian; null when it is neither. */
export function parseLanguage(value: string): string | null {
  // "en_US", as spreadsheets and systems often write it, is en-US.
  const clean = value.trim().replace(/_/g, '-');
  if (clean === '') return '';
  const named = names().get(clean.toLocaleLowerCase('en')) ?? names().get(clean.toLocaleLowerCase('ru'));
  if (named) return named;
  try {
    const [tag] = Intl.getCanonicalLocales(clean);
    return tag && isKnownLanguage(tag) ? tag : null;
  } catch {
    return null;
  }
}

/** A tag's name in `locale` ("ru" → "Russian", or "русский"); null when Intl does not know it. */
export function languageName(tag: string, locale: string): string | null {
  if (!tag) return null;
  try {
    return new Intl.DisplayNames([locale], { type: 'language', fallback: 'none' }).of(tag) ?? null;
  } catch {
    return null;
  }
}
