// Partial dates: what a person may type, what it becomes, and how dates sort.
import { describe, expect, it } from 'vitest';
import { dateSortKey, edtfFromParts, isEdtf, parseDateInput, readWrittenDates } from './dates';

describe('parseDateInput', () => {
  it.each([
    ['2018-04-30', '2018-04-30'],
    ['30 April 2018', '2018-04-30'],
    ['  30 April 2018.  ', '2018-04-30'],
    ['22 Jun 2012', '2012-06-22'],
    ['30/04/2018', '2018-04-30'],
    ['13 June', 'XXXX-06-13'],
    ['June 2012', '2012-06'],
    ['2012-06', '2012-06'],
    ['2012', '2012'],
    ['XXXX-06-13', 'XXXX-06-13'],
    ['2012?', '2012?'],
    ['1 Jan 1800', '1800-01-01'],
    ['18 ноября 2022', '2022-11-18'],
    ['18 ноября 2022 года', '2022-11-18'],
    ['8 декабря 2021 г.', '2021-12-08'],
    ['июнь 2012', '2012-06'],
    ['13 июня', 'XXXX-06-13'],
  ])('reads %j as %j', (input, expected) => {
    expect(parseDateInput(input)).toBe(expected);
  });

  it('clears the date for empty input and null', () => {
    expect(parseDateInput('')).toBeNull();
    expect(parseDateInput('   ')).toBeNull();
    expect(parseDateInput(null)).toBeNull();
  });

  it.each(['garbage', 'sometime in spring', '2018-02-30', '31 June', '13 June 2018 and 14 June', 'Friday', 'вчера', 'пятница', '31 июня'])(
    'refuses %j with E_VALIDATION and a message that shows how to write a date',
    (input) => {
      let error: unknown;
      try {
        parseDateInput(input);
      } catch (e) {
        error = e;
      }
      expect(error).toMatchObject({ code: 'E_VALIDATION' });
      const message = (error as Error).message;
      expect(message).toContain(`“${input}”`);
      expect(message).toContain('2018-04-30');
      expect(message).toContain('XXXX-06-13');
    },
  );

  // chrono reads these against its reference day (1 January 2000 here), which would store made-up dates.
  it.each(['today', 'yesterday', 'tomorrow', 'now', 'this year', 'next month', 'last week', '2 days ago', 'the day after tomorrow'])(
    'refuses the relative phrase %j instead of inventing a date',
    (input) => {
      expect(() => parseDateInput(input)).toThrow(expect.objectContaining({ code: 'E_VALIDATION' }));
    },
  );
});

describe('readWrittenDates', () => {
  it('finds dates in prose, keeping an unstated year unknown', () => {
    expect(readWrittenDates('held in Almaty on 21-22 July, and in Bratislava on December 15-16, 2010')).toEqual([
      { text: 'on 21-22 July', value: 'XXXX-07-21' },
      { text: 'December 15-16, 2010', value: '2010-12-15' },
    ]);
  });

  it('gives relative phrases no value', () => {
    expect(readWrittenDates('yesterday')).toEqual([{ text: 'yesterday', value: null }]);
    expect(readWrittenDates('2 дня назад')).toEqual([{ text: '2 дня назад', value: null }]);
  });

  it('reads Russian dates in prose, and English ones beside them', () => {
    expect(readWrittenDates('ДУШАНБЕ, 18 ноября 2022 года – Встреча прошла 21-22 июля, а отчёт вышел 5 May 2023')).toEqual([
      { text: '18 ноября 2022 года', value: '2022-11-18' },
      { text: '21-22 июля', value: 'XXXX-07-21' },
      { text: '5 May 2023', value: '2023-05-05' },
    ]);
  });
});

describe('edtfFromParts and isEdtf', () => {
  it('builds EDTF with XXXX for an unknown year, and nothing without year and month', () => {
    expect(edtfFromParts(2018, 4, 30)).toBe('2018-04-30');
    expect(edtfFromParts(2018, 4, null)).toBe('2018-04');
    expect(edtfFromParts(2018, null, null)).toBe('2018');
    expect(edtfFromParts(null, 6, 13)).toBe('XXXX-06-13');
    expect(edtfFromParts(null, 6, null)).toBe('XXXX-06');
    expect(edtfFromParts(null, null, 13)).toBeNull();
    expect(edtfFromParts(812, 1, 1)).toBe('0812-01-01');
  });

  it('accepts EDTF and refuses what is not', () => {
    for (const ok of ['2018-04-30', '2018-04', '2018', 'XXXX-06-13', '2012?', '2012/2013', '2012-06~']) expect(isEdtf(ok), ok).toBe(true);
    for (const bad of ['2018-13-01', '30.04.2018', 'June', '', '2018-02-30']) expect(isEdtf(bad), bad).toBe(false);
  });
});

describe('dateSortKey', () => {
  it('sorts known dates chronologically, partial dates before fuller ones of the same year, unknown years after, no date last', () => {
    const shuffled = [null, 'XXXX-06-13', '2018-04-30', '2012', 'XXXX-01-02', '2012-06-22', '2021-12-08', '2012-06', '1999-12-31'];
    const sorted = [...shuffled].sort((a, b) => (dateSortKey(a) < dateSortKey(b) ? -1 : dateSortKey(a) > dateSortKey(b) ? 1 : 0));
    expect(sorted).toEqual(['1999-12-31', '2012', '2012-06', '2012-06-22', '2018-04-30', '2021-12-08', 'XXXX-01-02', 'XXXX-06-13', null]);
  });
});
