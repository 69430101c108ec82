import { describe, expect, it } from 'vitest';
import { wordDiff } from './word-diff';

describe('word diff', () => {
  it('marks whole words removed and added, in Latin and Cyrillic script alike', () => {
    expect(wordDiff('Meeting in Ashgabat', 'Meeting in Almaty')).toEqual([
      { text: 'Meeting in ', kind: 'same' },
      { text: 'Ashgabat', kind: 'removed' },
      { text: 'Almaty', kind: 'added' },
    ]);
    expect(wordDiff('Совещание в Ашхабаде', 'Совещание в Алматы').filter((p) => p.kind !== 'same').map((p) => p.text)).toEqual(['Ашхабаде', 'Алматы']);
  });

  it('a value given or cleared is all added or all removed', () => {
    expect(wordDiff('', 'Dushanbe')).toEqual([{ text: 'Dushanbe', kind: 'added' }]);
    expect(wordDiff('Dushanbe', '')).toEqual([{ text: 'Dushanbe', kind: 'removed' }]);
  });
});
