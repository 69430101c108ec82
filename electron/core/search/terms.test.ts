// A record's matched words put together only when asked: the same words, in the same order, as
// joining the lists at once would give.
import { describe, expect, it } from 'vitest';
import { joinTerms, termsOf, uniqueTerms, type LaterTerms } from './terms';

describe('matched words put off', () => {
  it('joins lists and words put off in order, each list made only when asked', () => {
    let made = 0;
    const later = (words: string[]): LaterTerms => ({
      list: () => {
        made++;
        return words;
      },
    });
    const joined = joinTerms(joinTerms(['osh', 'oshskoy'], later(['naryn', 'osh'])), joinTerms([], later(['bishkek'])));
    expect(made).toBe(0);
    expect(termsOf(joined)).toEqual(['osh', 'oshskoy', 'naryn', 'osh', 'bishkek']);
    expect(uniqueTerms(joined)).toEqual(['osh', 'oshskoy', 'naryn', 'bishkek']);
    // A list joined with nothing is the list itself (no copy).
    const list = ['osh'];
    expect(joinTerms(list, [])).toBe(list);
    expect(joinTerms([], list)).toBe(list);
    expect(uniqueTerms(list)).toBe(list);
  });
});
