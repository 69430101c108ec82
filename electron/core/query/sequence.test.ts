// Words side by side: the ASCII expression that settles most records first must answer exactly as
// the regular expressions alone do, whatever stands around the words.
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../testing/random';
import { sequenceTest } from './sequence';

const PHRASES: string[][] = [['security', 'council'], ['counter', 'terrorism'], ['human', 'rights'], ['pa', '19'], ['kazakhstan'], ['jenca', 'said']];
// What texts are made of: the words in several cases and spellings, words that merely start or end
// alike, and every kind of neighbour (ASCII and typographic punctuation, letters and digits beyond
// ASCII to one class and not the other, a combining mark, a letter beyond the first plane, Cyrillic).
const PIECES = [
  'security', 'Security', 'SECURITY', 'SeCuRiTy', 'council', 'Council', 'COUNCIL', 'councils', 'Councillor', 'xsecurity', 'securityx', 'sécurity', 'Sécurité',
  'counter', 'Counter', 'terrorism', 'Terrorism', 'counter-terrorism', 'Counter-Terrorism', 'human', 'Human', 'HUMAN', 'rights', 'Rights', 'rights’', 'human’s',
  'PA/19', 'pa', '19', '190', 'A19', 'Kazakhstan', 'KAZAKHSTAN', 'Kazakhstani', 'Jenča', 'Jenca', 'JENČA', 'said', 'Said',
  ' ', ' ', ' ', '  ', '\n', '\t', '-', '/', '.', ',', '“', '”', '’', "'", '«', '»', '—', '\u00a0', 'µ', 'ª', '²', 'é', 'ё', 'Ж', '\u0301', '𝐀', '1', 'x', '_',
];

function texts(count: number, seed: number): string[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => Array.from({ length: 1 + Math.floor(random() * 12) }, () => PIECES[Math.floor(random() * PIECES.length)]!).join(''));
}

describe('words side by side', () => {
  it('answers as the regular expressions alone do, for every phrase, typed or not, on 20,000 made-up texts', () => {
    let found = 0;
    for (const wanted of PHRASES) {
      for (const lastAsPrefix of [false, true]) {
        const quick = sequenceTest(wanted, lastAsPrefix);
        const plain = sequenceTest(wanted, lastAsPrefix, { quick: false });
        for (const text of texts(20_000 / PHRASES.length, wanted.length * 7 + (lastAsPrefix ? 1 : 0))) {
          const answer = plain(text);
          if (quick(text) !== answer) throw new Error(`${JSON.stringify(wanted)} ${lastAsPrefix ? 'typed' : 'whole'} in ${JSON.stringify(text)}: the expressions say ${answer}`);
          if (answer) found++;
        }
      }
    }
    // Enough texts hold the words for the comparison to mean something.
    expect(found).toBeGreaterThan(500);
  });

  it('settles a text the ASCII expression finds them in, without asking whether it holds letters beyond ASCII', () => {
    const has = sequenceTest(['security', 'council'], false);
    let asked = 0;
    const beyond = () => {
      asked++;
      return false;
    };
    expect(has('The Security Council met.', beyond)).toBe(true);
    expect(has('“security council”', beyond)).toBe(true);
    expect(has('THE SECURITY\nCOUNCIL', beyond)).toBe(true);
    expect(has('Ж and the Security Council', beyond)).toBe(true);
    expect(asked).toBe(0);
    // A neighbour or gap that is a letter to one class and not the other, or no match: asked, and the expressions decide.
    expect(has('µSecurity Council', beyond)).toBe(true);
    expect(has('Security é Council', beyond)).toBe(true);
    expect(has('Security Councils', beyond)).toBe(false);
    expect(asked).toBe(3);
    // The text's own answer when the caller does not give one: é is a letter there, so no phrase.
    expect(has('Security é Council')).toBe(false);
    // Typing: the last word is a prefix.
    expect(sequenceTest(['security', 'coun'], true)('Security Councils')).toBe(true);
    expect(sequenceTest(['security', 'coun'], false)('Security Councils')).toBe(false);
  });

  it('finds words spelt with marks or in Cyrillic only through the expressions, folded', () => {
    expect(sequenceTest(['jenca', 'said'], false)('Mr. Jenča said')).toBe(true);
    expect(sequenceTest(['елка', 'стоит'], false)('Ёлка стоит')).toBe(true);
    expect(sequenceTest(['jenca', 'said'], false)('Mr. Jenčasaid')).toBe(false);
  });
});
