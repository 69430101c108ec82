// formatDate: EDTF dates in the words people read in the list and the reader.
import { describe, expect, it } from 'vitest';
import { formatDate } from './dates';

describe('formatDate', () => {
  it.each([
    ['2018-04-30', '30 Apr 2018'],
    ['2012-06', 'Jun 2012'],
    ['2012', '2012'],
    ['XXXX-06-13', '13 Jun (year unknown)'],
    ['XXXX-07', 'Jul (year unknown)'],
    ['2012?', '2012 (uncertain)'],
    ['2012-06~', 'c. Jun 2012'],
    ['201X', '2010s'],
    ['19XX', '1900s'],
    ['2012-21', 'Spring 2012'],
    ['2012/2014', '2012 – 2014'],
    ['2012-06-01/..', 'from 1 Jun 2012'],
    ['../2014', 'until 2014'],
  ])('%s reads as “%s”', (value, words) => {
    expect(formatDate(value)).toBe(words);
  });

  it('shows nothing for no date and the raw value for forms it does not know', () => {
    expect(formatDate(null)).toBe('');
    expect(formatDate('')).toBe('');
    expect(formatDate('{2012,2014}')).toBe('{2012,2014}');
    expect(formatDate('2012-13')).toBe('2012-13');
  });
});
