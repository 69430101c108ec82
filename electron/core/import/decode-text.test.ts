// Decoding received bytes: UTF-8 with or without BOM, UTF-16 with BOM, and refusals with their codes.
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText, decodeWith, normalizeForHash, normalizeText } from './decode-text';

describe('decodeText', () => {
  it('reads UTF-8 with and without a byte-order mark', () => {
    expect(decodeText(Buffer.from('Jenča'), 'a.txt')).toEqual({ text: 'Jenča', encoding: 'utf-8', confidence: 1 });
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Душанбе')]), 'a.txt')).toEqual({ text: 'Душанбе', encoding: 'utf-8-bom', confidence: 1 });
  });

  it('reads UTF-16 in both byte orders when it has a byte-order mark', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Ош', 'utf16le')]);
    expect(decodeText(le, 'a.txt')).toEqual({ text: 'Ош', encoding: 'utf-16le', confidence: 1 });
    const be = Buffer.from(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('Ош', 'utf16le').swap16()]));
    expect(decodeText(be, 'a.txt')).toEqual({ text: 'Ош', encoding: 'utf-16be', confidence: 1 });
  });

  it('refuses empty files and binaries with their codes, naming the file', () => {
    expect(() => decodeText(new Uint8Array(), 'empty.txt')).toThrow(expect.objectContaining({ code: 'E_EMPTY_FILE', message: expect.stringContaining('empty.txt') }));
    expect(() => decodeText(Buffer.from([0x41, 0x00, 0x42]), 'bin.txt')).toThrow(expect.objectContaining({ code: 'E_UNSUPPORTED_FORMAT' }));
  });
});

/** Encodes `text` in a single-byte encoding (iconv-lite, the decoder's own library, checked both ways). */
function encode8(text: string, encoding: string): Uint8Array {
  const bytes = iconv.encode(text, encoding);
  expect(iconv.decode(bytes, encoding)).toBe(text);
  return bytes;
}

describe('legacy 8-bit encodings', () => {
  const russian = 'ДУШАНБЕ, 18 ноября 2022 года - Представители пяти государств Центральной Азии обсудили ход выполнения Совместного плана действий.\r\nЁлки зелёные, съешь ещё этих мягких французских булок.';
  const short = 'Привет, мир';
  const french = "Le Secrétaire général a salué l'adoption de la déclaration à Achgabat, où les États d'Asie centrale ont réaffirmé leur engagement.";

  for (const [encoding, text] of [
    ['windows-1251', russian],
    ['koi8-r', russian],
    ['windows-1251', short],
    ['koi8-r', short],
    ['windows-1252', french],
    ['windows-1252', 'Größe: 5 €'],
  ] as const) {
    it(`reads ${encoding}: ${text.slice(0, 20)}…`, () => {
      const decoded = decodeText(encode8(text, encoding), 'old.txt');
      expect(decoded).toMatchObject({ text, encoding });
      expect(decoded.confidence).toBeGreaterThan(0.4);
      expect(decoded.confidence).toBeLessThanOrEqual(1);
    });
  }

  it('reads the words back with a chosen encoding (re-decoding), byte-order marks left out', () => {
    const bytes = encode8(short, 'koi8-r');
    expect(decodeWith(bytes, 'windows-1251')).toBe('рТЙЧЕФ, НЙТ');
    expect(decodeWith(bytes, 'koi8-r')).toBe(short);
    expect(decodeWith(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Ош')]), 'utf-8')).toBe('Ош');
    expect(decodeWith(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Ош', 'utf16le')]), 'utf-16le')).toBe('Ош');
  });

  it('refuses bytes no encoding reads as words', () => {
    const noise = Uint8Array.from({ length: 300 }, (_, i) => 0x80 + ((i * 37) % 0x7f));
    expect(() => decodeText(noise, 'noise.txt')).toThrow(expect.objectContaining({ code: 'E_DECODE', message: expect.stringContaining('noise.txt') }));
  });
});

describe('normalizeText', () => {
  it('makes CRLF and CR line ends LF and composes to NFC, changing nothing else', () => {
    expect(normalizeText('Jenc\u030Ca\r\nline  two\rthree \n\n cut off mid-')).toBe('Jenča\nline  two\nthree \n\n cut off mid-');
  });
});

describe('UTF-16 without a byte-order mark', () => {
  const le = (text: string) => Buffer.from(text, 'utf16le');
  const be = (text: string) => Buffer.from(text, 'utf16le').swap16();
  const english = 'Joint Plan of Action for the Implementation of the UN Global Counter-Terrorism Strategy in Central Asia.\r\n';
  const russian = 'Совместный план действий по осуществлению Глобальной контртеррористической стратегии ООН в Центральной Азии.\n';
  // Em spaces (U+2003) instead of spaces: no byte of the UTF-16 is 0 or ≥ 0x80, so it also passes as UTF-8.
  const emSpaced = 'Совместный\u2003план\u2003действий\u2003по\u2003Центральной\u2003Азии';
  const mixed = 'UNRCCA — Региональный центр ООН по превентивной дипломатии (Ашхабад), 22 June 2012.';

  for (const [name, text] of [['English', english], ['Russian', russian], ['Russian with em spaces', emSpaced], ['mixed Russian and English', mixed]] as const) {
    it(`reads ${name} text in either byte order`, () => {
      expect(decodeText(le(text), 'a.txt')).toMatchObject({ text, encoding: 'utf-16le' });
      expect(decodeText(be(text), 'a.txt')).toMatchObject({ text, encoding: 'utf-16be' });
    });
  }

  it('leaves UTF-8 and plain ASCII as they are', () => {
    expect(decodeText(Buffer.from(russian), 'a.txt')).toEqual({ text: russian, encoding: 'utf-8', confidence: 1 });
    expect(decodeText(Buffer.from(english), 'a.txt')).toEqual({ text: english, encoding: 'utf-8', confidence: 1 });
    expect(decodeText(Buffer.from('Ab'), 'a.txt')).toEqual({ text: 'Ab', encoding: 'utf-8', confidence: 1 });
  });

  it('still refuses binaries, whatever their zero bytes look like', () => {
    const random = Buffer.alloc(4096);
    let seed = 7;
    for (let i = 0; i < random.length; i++) random[i] = (seed = (seed * 1103515245 + 12345) & 0x7fffffff) >> 16;
    expect(() => decodeText(random, 'random.bin.txt')).toThrow(expect.objectContaining({ code: 'E_UNSUPPORTED_FORMAT' }));
    const pdfish = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from([0, 0, 0, 1, 2, 3, 0, 0x10, 0x20, 0, 0xff, 0xd8])]);
    expect(() => decodeText(pdfish, 'doc.txt')).toThrow(expect.objectContaining({ code: 'E_UNSUPPORTED_FORMAT' }));
  });

  it('does not take even-length Windows-1251 text for UTF-16', () => {
    // "Душанбе и Ош" in Windows-1251: 12 bytes, none 0, not UTF-8.
    const cp1251 = Buffer.from([0xc4, 0xf3, 0xf8, 0xe0, 0xed, 0xe1, 0xe5, 0x20, 0xe8, 0x20, 0xce, 0xf8]);
    expect(decodeText(cp1251, 'cp1251.txt')).toMatchObject({ text: 'Душанбе и Ош', encoding: 'windows-1251' });
  });
});

describe('normalizeForHash', () => {
  it('makes line ends, trailing spaces, outer blank lines and Unicode composition irrelevant', () => {
    const base = normalizeForHash('Jenča\nline two');
    expect(normalizeForHash('\r\nJenc\u030Ca  \r\nline two\t\r\n\r\n')).toBe(base);
    expect(normalizeForHash('Jenča\rline two')).toBe(base);
  });

  it('keeps differences that matter: inner spaces, letters, blank lines between paragraphs', () => {
    const base = normalizeForHash('a b\nc');
    expect(normalizeForHash('a  b\nc')).not.toBe(base);
    expect(normalizeForHash('a b\n\nc')).not.toBe(base);
    expect(normalizeForHash('A b\nc')).not.toBe(base);
  });
});
