// Near duplicates: typography and spacing do not make a new document; words do.
import { describe, expect, it } from 'vitest';
import { nearHash, typographyFold } from './near-duplicate';

describe('nearHash', () => {
  const base = 'Проект «Совместный план действий» — этап IV.\nВ Душанбе, 8 декабря: "Jenča’s" visit…';
  it.each([
    ['<< >> for « », a hyphen for the dash', 'Проект <<Совместный план действий>> - этап IV.\nВ Душанбе, 8 декабря: "Jenča\'s" visit...'],
    ['straight quotes, double spaces, CRLF', 'Проект "Совместный  план действий" — этап IV.\r\nВ Душанбе, 8 декабря: “Jenča’s” visit…'],
    ['non-breaking spaces and a soft hyphen', 'Проект\u00A0«Совместный план дей\u00ADствий» — этап IV. В Душанбе, 8 декабря: "Jenča’s" visit…'],
    ['case, ё for е, and decomposed letters', 'ПРОЕКТ «СОВМЕСТНЫЙ ПЛАН ДЕЙСТВИЙ» — ЭТАП IV.\nв душанбе, 8 декабря: "Jenc\u030Ca’s" visit…'],
  ])('is the same with %s', (_, other) => {
    expect(nearHash(other)).toBe(nearHash(base));
  });

  it.each([
    ['another word', base.replace('IV', 'III')],
    ['another date', base.replace('8', '9')],
    ['a word run together', base.replace('план действий', 'пландействий')],
  ])('differs with %s', (_, other) => {
    expect(nearHash(other)).not.toBe(nearHash(base));
  });

  it('keeps the words and their order readable in the folded text', () => {
    expect(typographyFold('«Hello»  —  World')).toBe('"hello"-world');
  });
});
