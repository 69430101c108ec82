// EDTF dates in words in both languages, and numbers, through Intl.
import { describe, expect, it } from 'vitest';
import { formatEdtf, formatNumber } from './dates';

describe('formatEdtf', () => {
  it.each([
    ['2018-04-30', '30 Apr 2018', '30 апреля 2018'],
    ['2012-06-13', '13 Jun 2012', '13 июня 2012'],
    ['2012-06', 'Jun 2012', 'июнь 2012'],
    ['2012', '2012', '2012'],
    ['0099', '99', '99'],
    ['XXXX-06-13', '13 Jun (year unknown)', '13 июня, год неизвестен'],
    ['XXXX-07', 'Jul (year unknown)', 'июль, год неизвестен'],
    ['2012?', '2012 (uncertain)', '2012 (под вопросом)'],
    ['2012-06~', 'c. Jun 2012', 'ок. июнь 2012'],
    ['2012-06%', 'c. Jun 2012 (uncertain)', 'ок. июнь 2012 (под вопросом)'],
    ['201X', '2010s', '2010-е'],
    ['19XX', '1900s', '1900-е'],
    ['XXXX', 'Unknown date', 'Дата неизвестна'],
    ['2012-21', 'Spring 2012', 'весна 2012'],
    ['XXXX-23', 'Autumn (year unknown)', 'осень, год неизвестен'],
    ['-0044', '44 BCE', '44 до н. э.'],
    ['2012/2014', '2012 – 2014', '2012 – 2014'],
    ['2012-06-01/..', 'from 1 Jun 2012', '1 июня 2012 – …'],
    ['../2014', 'until 2014', '… – 2014'],
  ])('%s reads as “%s” and “%s”', (value, en, ru) => {
    expect(formatEdtf(value, 'en')).toBe(en);
    expect(formatEdtf(value, 'ru')).toBe(ru);
  });

  it('shows nothing for no date and the raw value for forms it does not know', () => {
    for (const locale of ['en', 'ru'] as const) {
      expect(formatEdtf(null, locale)).toBe('');
      expect(formatEdtf('', locale)).toBe('');
      expect(formatEdtf('{2012,2014}', locale)).toBe('{2012,2014}');
      expect(formatEdtf('2012-13', locale)).toBe('2012-13');
      expect(formatEdtf('2012-02-30', locale)).toBe('2012-02-30');
    }
  });
});

describe('formatNumber', () => {
  it('groups digits as each language does', () => {
    expect(formatNumber(20000, 'en')).toBe('20,000');
    expect(formatNumber(20000, 'ru')).toBe('20\u00a0000');
    expect(formatNumber(1.5, 'ru')).toBe('1,5');
  });
});
