// Decoding received bytes: UTF-8 with or without BOM, UTF-16 with BOM, and refusals with their codes.
import { describe, expect, it } from 'vitest';
import { decodeText, normalizeForHash } from './decode-text';

describe('decodeText', () => {
  it('reads UTF-8 with and without a byte-order mark', () => {
    expect(decodeText(Buffer.from('Jenča'), 'a.txt')).toEqual({ text: 'Jenča', encoding: 'utf-8' });
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Душанбе')]), 'a.txt')).toEqual({ text: 'Душанбе', encoding: 'utf-8-bom' });
  });

  it('reads UTF-16 in both byte orders when it has a byte-order mark', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Ош', 'utf16le')]);
    expect(decodeText(le, 'a.txt')).toEqual({ text: 'Ош', encoding: 'utf-16le' });
    const be = Buffer.from(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('Ош', 'utf16le').swap16()]));
    expect(decodeText(be, 'a.txt')).toEqual({ text: 'Ош', encoding: 'utf-16be' });
  });

  it('refuses empty files, binaries and legacy encodings with their codes, naming the file', () => {
    expect(() => decodeText(new Uint8Array(), 'empty.txt')).toThrow(expect.objectContaining({ code: 'E_EMPTY_FILE', message: expect.stringContaining('empty.txt') }));
    expect(() => decodeText(Buffer.from([0x41, 0x00, 0x42]), 'bin.txt')).toThrow(expect.objectContaining({ code: 'E_UNSUPPORTED_FORMAT' }));
    // "Душанбе" in KOI8-R
    expect(() => decodeText(Buffer.from([0xe4, 0xd5, 0xdb, 0xc1, 0xce, 0xc2, 0xc5]), 'koi8.txt')).toThrow(
      expect.objectContaining({ code: 'E_DECODE', message: expect.stringContaining('koi8.txt') }),
    );
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
      expect(decodeText(le(text), 'a.txt')).toEqual({ text, encoding: 'utf-16le' });
      expect(decodeText(be(text), 'a.txt')).toEqual({ text, encoding: 'utf-16be' });
    });
  }

  it('leaves UTF-8 and plain ASCII as they are', () => {
    expect(decodeText(Buffer.from(russian), 'a.txt')).toEqual({ text: russian, encoding: 'utf-8' });
    expect(decodeText(Buffer.from(english), 'a.txt')).toEqual({ text: english, encoding: 'utf-8' });
    expect(decodeText(Buffer.from('Ab'), 'a.txt')).toEqual({ text: 'Ab', encoding: 'utf-8' });
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
    expect(() => decodeText(cp1251, 'cp1251.txt')).toThrow(expect.objectContaining({ code: 'E_DECODE' }));
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
