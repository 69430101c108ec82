// The interface's own words, read from the message catalogue, so a spec in Russian names controls as
// the window does (and a renamed message cannot leave a spec behind).
import { readFileSync } from 'node:fs';
import path from 'node:path';

type Catalogue = Record<string, unknown>;

export function wordsOf(locale: 'en' | 'ru'): (key: string) => string {
  const file = path.resolve(import.meta.dirname, '..', '..', 'messages', `${locale}.json`);
  const catalogue = JSON.parse(readFileSync(file, 'utf8')) as Catalogue;
  return (key: string) => {
    const message = catalogue[key];
    if (typeof message !== 'string') throw new Error(`${key} is not a plain message in ${locale}.json`);
    return message;
  };
}
