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
