// Words that cross from the core to a person: a message key from the catalogue and its values, so
// each door says them in its own language (the renderer in the chosen one, the CLI in LANG's), and
// programs keep reading the stable error code and the English sentence.
import type { CairnErrorShape, ErrorCode, LocalText } from '../../contract';
import * as messages from './paraglide/messages.js';
import { BASE_LOCALE, type Locale } from './locale';

type Catalogue = typeof messages;
export type MessageKey = { [K in keyof Catalogue]: Catalogue[K] extends (...args: never[]) => string ? K : never }[keyof Catalogue];
type ValuesOf<K extends MessageKey> = Parameters<Catalogue[K]>[0];
/** A message's values; any of them may itself be words to translate (rendered first). */
type Values<K extends MessageKey> = { [P in keyof NonNullable<ValuesOf<K>>]: string | number | LocalText };

export type { LocalText };

/** Words to say later, in whatever language the reader uses. */
export function text<K extends MessageKey>(key: K, ...values: keyof NonNullable<ValuesOf<K>> extends never ? [] : [Values<K>]): LocalText {
  const [params] = values;
  return params === undefined ? { key } : { key, params: params as Record<string, string | number | LocalText> };
}

export const isLocalText = (value: unknown): value is LocalText =>
  typeof value === 'object' && value !== null && typeof (value as LocalText).key === 'string';

/** The words in one language. A key this build does not know (a newer core) is shown as the key itself. */
export function renderText(said: LocalText, locale: Locale = BASE_LOCALE): string {
  const message = (messages as unknown as Record<string, unknown>)[said.key];
  if (typeof message !== 'function') return said.key;
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(said.params ?? {})) values[name] = isLocalText(value) ? renderText(value, locale) : value;
  return (message as (values: Record<string, string | number>, options: { locale: Locale }) => string)(values, { locale });
}

/** An error as every door returns it: the stable code, the English sentence, and the words to translate. */
export function errorShape(code: ErrorCode, said: LocalText): CairnErrorShape {
  return { code, message: renderText(said, BASE_LOCALE), text: said };
}
