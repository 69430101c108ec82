// Recent answers kept until the archive changes, the most recently used last out, and the answers to
// one- and two-letter queries (which start nearly every query typed) kept apart from the rest.
import { describe, expect, it } from 'vitest';
import { KeptAnswers } from './kept-answers';

describe('kept answers', () => {
  it('keeps answers until anything changes, lets the least recently used go, and keeps short queries apart', () => {
    const kept = new KeptAnswers<string>({ recent: 3, short: 2 });
    let runs = 0;
    const ask = (at: number, query: string) => kept.get(at, query, () => `${query}#${++runs}`);
    expect(ask(1, 'osh')).toBe('osh#1');
    expect(ask(1, 'osh')).toBe('osh#1');
    // Another change count: asked again.
    expect(ask(2, 'osh')).toBe('osh#2');
    ask(2, 'naryn');
    ask(2, 'talas');
    // "osh" used again, so "naryn" is the least recently used when a fourth comes.
    ask(2, 'osh');
    ask(2, 'batken');
    expect(ask(2, 'osh')).toBe('osh#2');
    expect(ask(2, 'naryn')).toBe('naryn#6');
    // Short queries do not push the others out, nor the others them.
    expect(ask(2, 'a')).toBe('a#7');
    ask(2, ' u ');
    for (const q of ['jalal-abad', 'chui', 'issyk-kul', 'bishkek']) ask(2, q);
    expect(ask(2, 'a')).toBe('a#7');
    expect(ask(2, ' u ')).toBe(' u #8');
    ask(2, 'ta');
    // Two short ones at most here: "a" was used before " u ", so it went.
    expect(ask(2, ' u ')).toBe(' u #8');
    expect(ask(2, 'a')).toBe('a#14');
  });
});
