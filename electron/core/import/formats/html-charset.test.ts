// A web page is read in the encoding it declares (when its bytes are not UTF-8 already), so that a
// short Russian page in KOI8-R is never guessed to be Windows-1251.
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { prepareFile } from '../prepare-document';
import { declaredHtmlCharset } from './html-charset';

const page = (meta: string, body: string) => `<!DOCTYPE html><html><head>${meta}<title>Доклад</title></head><body><article><h1>Доклад</h1><p>${body}</p></article></body></html>`;
const BODY = 'Семинар в Душанбе: обмен опытом.';

describe('declaredHtmlCharset', () => {
  it.each([
    ['<meta charset="windows-1251">', 'windows-1251'],
    ["<meta charset='KOI8-R'>", 'koi8-r'],
    ['<meta charset=utf-8>', 'utf-8'],
    ['<meta http-equiv="Content-Type" content="text/html; charset=cp1251">', 'windows-1251'],
    ['<META HTTP-EQUIV=content-type CONTENT="text/html;charset=iso-8859-1">', 'windows-1252'],
    ['<meta charset="shift_jis">', null],
    ['<meta name="description" content="charset=koi8-r is what this page is about">', null],
    ['', null],
  ])('%s → %s', (meta, expected) => {
    expect(declaredHtmlCharset(Buffer.from(page(meta, 'x'), 'latin1'))).toBe(expected);
  });
});

describe('a web page in the encoding it declares', () => {
  it('reads KOI8-R and Windows-1251 pages as they declare, with full confidence', async () => {
    for (const encoding of ['koi8-r', 'windows-1251'] as const) {
      const bytes = iconv.encode(page(`<meta charset="${encoding}">`, BODY), encoding);
      const { documents } = await prepareFile('page.html', bytes, '2026-12-07T00:00:00Z', { entities: false });
      expect(documents[0]!.record.text).toContain(BODY);
      expect(documents[0]!.record.source).toMatchObject({ encoding, encodingConfidence: 1 });
    }
  });

  it('reads a page re-saved as UTF-8 as UTF-8, whatever its old declaration says', async () => {
    const bytes = Buffer.from(page('<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">', BODY), 'utf8');
    const { documents } = await prepareFile('page.html', bytes, '2026-12-07T00:00:00Z', { entities: false });
    expect(documents[0]!.record.text).toContain(BODY);
    expect(documents[0]!.record.source?.encoding).toBe('utf-8');
  });
});
