// The encoding a web page declares (<meta charset> or <meta http-equiv="Content-Type">), read from its
// first 1,024 bytes as the HTML standard's prescan does, for the encodings Cairn reads.
import type { TextEncoding } from '../../../contract';

/** WHATWG encoding labels → the encodings Cairn reads (ISO-8859-1 and ASCII are read as Windows-1252, as browsers do). */
const LABELS: Record<string, TextEncoding> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'unicode-1-1-utf-8': 'utf-8',
  'windows-1251': 'windows-1251',
  cp1251: 'windows-1251',
  'x-cp1251': 'windows-1251',
  'koi8-r': 'koi8-r',
  koi8r: 'koi8-r',
  koi: 'koi8-r',
  koi8: 'koi8-r',
  'windows-1252': 'windows-1252',
  cp1252: 'windows-1252',
  'x-cp1252': 'windows-1252',
  'iso-8859-1': 'windows-1252',
  'iso8859-1': 'windows-1252',
  latin1: 'windows-1252',
  l1: 'windows-1252',
  'us-ascii': 'windows-1252',
  ascii: 'windows-1252',
};

/** The declared encoding, when the page declares one Cairn reads; null otherwise (none, or another). */
export function declaredHtmlCharset(bytes: Uint8Array): TextEncoding | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024)).toString('latin1');
  for (const meta of head.match(/<meta\b[^>]*>/gi) ?? []) {
    // <meta charset=…>: the attribute itself (a charset inside another attribute's value does not count) …
    const attribute = /\scharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(meta.replace(/\s[\w-]+\s*=\s*("[^"]*"|'[^']*')/g, (a) => (/^\s*charset/i.test(a) ? a : ' ')));
    // … or <meta http-equiv="Content-Type" content="text/html; charset=…">.
    const content = /http-equiv\s*=\s*["']?content-type/i.test(meta) ? /\bcontent\s*=\s*["']?[^"'>]*?charset\s*=\s*([\w.:-]+)/i.exec(meta) : null;
    const label = attribute?.[1] ?? content?.[1];
    if (label) return LABELS[label.toLowerCase()] ?? null;
  }
  return null;
}
