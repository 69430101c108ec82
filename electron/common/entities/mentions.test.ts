import { describe, expect, it } from 'vitest';
import { findMentions } from './mentions';

const text = 'Mr. Miroslav Jenča, head of UNRCCA, met the United Nations Office of Counter-Terrorism. Jenca said the UN would help; a run of meetings followed in Ташкенте and ТАШКЕНТ.';

describe('findMentions', () => {
  it('finds every whole-word mention of a name or alias, case-insensitive, in text order', () => {
    const found = findMentions(text, ['Miroslav Jenča', 'Jenca', 'jenča']);
    expect(found.map((m) => m.name)).toEqual(['Miroslav Jenča', 'Jenca']);
    expect(text.slice(found[0]!.start, found[0]!.end)).toBe('Miroslav Jenča');
  });

  it('prefers the longer name where two overlap, and never matches inside a word', () => {
    expect(findMentions(text, ['United Nations', 'United Nations Office of Counter-Terrorism']).map((m) => m.name)).toEqual(['United Nations Office of Counter-Terrorism']);
    expect(findMentions(text, ['UN']).map((m) => m.name)).toEqual(['UN']);
  });

  it('works in Cyrillic, with case folded, and across line breaks', () => {
    expect(findMentions(text, ['Ташкент']).map((m) => m.name)).toEqual(['ТАШКЕНТ']);
    expect(findMentions('the Counter-Terrorism\nCommittee met', ['Counter-Terrorism Committee'])).toHaveLength(1);
  });

  it('takes names with characters that mean something in a pattern literally', () => {
    expect(findMentions('UNOCT (New York) and U.N. staff', ['U.N.', 'UNOCT (New York)']).map((m) => m.name)).toEqual(['UNOCT (New York)', 'U.N.']);
    expect(findMentions('', ['x'])).toEqual([]);
    expect(findMentions('x', ['', '  '])).toEqual([]);
  });
});
