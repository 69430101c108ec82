// The catalogue's own rules, checked by `npm test`: every message exists in every language with the
// same values, Russian plurals name all of Russian's forms, and every message is used somewhere.
import type { Locale } from './locale';

type Variant = { declarations?: string[]; selectors?: string[]; match?: Record<string, string> };
export type CatalogueFile = Record<string, string | Variant[]>;

/** The plural categories each language's messages must spell out (Intl.PluralRules' own lists). */
const PLURAL_FORMS: Record<Locale, string[]> = {
  en: ['one', '*'],
  ru: ['one', 'few', 'many', '*'],
};

const keysOf = (file: CatalogueFile) => Object.keys(file).filter((key) => key !== '$schema');

/** The values a message reads: {name} in a plain message, "input name" in a complex one. */
function valuesOf(message: string | Variant[]): string[] {
  if (typeof message === 'string') return [...message.matchAll(/\{([A-Za-z_]\w*)\}/g)].map((m) => m[1] ?? '').sort();
  const names = message.flatMap((variant) => {
    const declarations = variant.declarations ?? [];
    const locals = declarations.filter((d) => d.startsWith('local ')).map((d) => d.slice(6).split('=')[0]?.trim());
    const inputs = declarations.filter((d) => d.startsWith('input ')).map((d) => d.slice(6).trim());
    const used = Object.values(variant.match ?? {}).flatMap((pattern) => valuesOf(pattern));
    return [...inputs, ...used.filter((name) => !locals.includes(name))];
  });
  return [...new Set(names)].sort();
}

export function checkCatalogue(files: Partial<Record<Locale, CatalogueFile>>, sources: string[]): string[] {
  const problems: string[] = [];
  const locales = Object.keys(files) as Locale[];
  const all = new Set(locales.flatMap((locale) => keysOf(files[locale] ?? {})));
  for (const key of [...all].sort()) {
    const base = files.en?.[key];
    for (const locale of locales) {
      const message = files[locale]?.[key];
      if (message === undefined) {
        problems.push(`${key}: missing in ${locale}.json`);
        continue;
      }
      if (typeof message === 'string' ? message.trim() === '' : message.length === 0) problems.push(`${key}: empty in ${locale}.json`);
      if (base !== undefined && valuesOf(message).join() !== valuesOf(base).join())
        problems.push(`${key}: ${locale}.json uses {${valuesOf(message).join(', ')}} but en.json uses {${valuesOf(base).join(', ')}}`);
      if (typeof message !== 'string') {
        for (const variant of message) {
          const [selector] = variant.selectors ?? [];
          if (!selector || !/: plural/.test((variant.declarations ?? []).join('\n'))) continue;
          const forms = Object.keys(variant.match ?? {}).map((k) => k.split('=')[1]);
          const missing = PLURAL_FORMS[locale].filter((form) => !forms.includes(form));
          if (missing.length > 0) problems.push(`${key}: ${locale}.json lacks the plural form${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
        }
      }
    }
    if (!sources.some((source) => new RegExp(`\\b${key}\\b`).test(source))) problems.push(`${key}: not used anywhere`);
  }
  return problems;
}
