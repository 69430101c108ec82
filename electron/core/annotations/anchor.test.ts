// Tests for anchoring annotated passages in a record's text across corrections of that text.
import { describe, it, expect } from 'vitest';
import search from 'approx-string-match';
import {
  anchor,
  findOccurrence,
  occurrences,
  quoteAt,
  snapPosition,
  QUOTE_CONTEXT,
  type TextPosition,
  type TextQuote,
} from './anchor';

const PRESS = 'NEW YORK, 14 March 2023 – The Secretary-General welcomed today the agreement reached in Dushanbe between '
  + 'the Governments of Tajikistan and Kyrgyzstan on the delimitation of their common border. He commended both '
  + 'parties for the constructive spirit shown during the talks. The Secretary-General reiterated the readiness of '
  + 'the United Nations to support both countries in implementing the agreement. He called on both parties to '
  + 'continue the dialogue in the same constructive spirit. The United Nations Regional Centre for Preventive '
  + 'Diplomacy for Central Asia will continue to support both Governments.';

const COMMENDED = 'He commended both parties for the constructive spirit shown during the talks.';

const RU = 'ДУШАНБЕ, 18 ноября 2022 года – Всемирная продовольственная программа ООН (ВПП) доставила 40 тонн '
  + 'обогащенной муки в Хорог. Еще 35 тонн муки было передано семьям в Раштской долине. Распределение продолжится '
  + 'на следующей неделе при поддержке местных органов власти.';

/** An annotation on the n-th occurrence of `passage`, as `cairn annotate --quote --occurrence` makes it. */
function annotate(text: string, passage: string, occurrence = 1): { quote: TextQuote; position: TextPosition } {
  const position = findOccurrence(text, passage, occurrence);
  if (!position) throw new Error(`no occurrence ${occurrence} of ${passage}`);
  return { quote: quoteAt(text, position.start, position.end), position };
}

function sliceOf(text: string, position: TextPosition | null): string | null {
  return position ? text.slice(position.start, position.end) : null;
}

/** True when offset i separates a base character from a combining mark or the halves of a surrogate pair. */
function splitsCluster(text: string, i: number): boolean {
  if (i <= 0 || i >= text.length) return false;
  const code = text.charCodeAt(i);
  const lowAfterHigh = code >= 0xdc00 && code <= 0xdfff && text.charCodeAt(i - 1) >= 0xd800 && text.charCodeAt(i - 1) <= 0xdbff;
  return lowAfterHigh || /^\p{M}/u.test(String.fromCodePoint(text.codePointAt(i) ?? 0));
}

describe('quoteAt', () => {
  it('keeps QUOTE_CONTEXT characters on each side in the middle of a text', () => {
    const start = PRESS.indexOf(COMMENDED);
    const q = quoteAt(PRESS, start, start + COMMENDED.length);
    expect(q.exact).toBe(COMMENDED);
    expect(q.prefix).toBe(PRESS.slice(start - QUOTE_CONTEXT, start));
    expect(q.suffix).toBe(PRESS.slice(start + COMMENDED.length, start + COMMENDED.length + QUOTE_CONTEXT));
    expect(q.prefix).toHaveLength(32);
    expect(q.suffix).toHaveLength(32);
  });

  it('clips the context at the start and the end of the text', () => {
    expect(quoteAt(PRESS, 0, 8)).toEqual({ exact: 'NEW YORK', prefix: '', suffix: PRESS.slice(8, 40) });
    expect(quoteAt(PRESS, 10, 23)).toEqual({ exact: '14 March 2023', prefix: 'NEW YORK, ', suffix: PRESS.slice(23, 55) });
    const end = PRESS.length;
    expect(quoteAt(PRESS, end - 12, end)).toEqual({ exact: 'Governments.', prefix: PRESS.slice(end - 44, end - 12), suffix: '' });
    expect(quoteAt('short text', 6, 10)).toEqual({ exact: 'text', prefix: 'short ', suffix: '' });
  });

  it('clamps offsets outside the text and puts reversed offsets in order', () => {
    expect(quoteAt('Khorog', -5, 99)).toEqual({ exact: 'Khorog', prefix: '', suffix: '' });
    expect(quoteAt('Khorog and Rasht', 10, 7)).toEqual({ exact: 'and', prefix: 'Khorog ', suffix: ' Rasht' });
  });

  it('does not cut an emoji in half at the outer edge of the context', () => {
    const text = `🌍${'a'.repeat(31)}QUOTE${'b'.repeat(31)}🌍`;
    const start = text.indexOf('QUOTE');
    const q = quoteAt(text, start, start + 5);
    expect(q.prefix).toBe('a'.repeat(31));
    expect(q.suffix).toBe('b'.repeat(31));
    const whole = quoteAt(`x🌍${'a'.repeat(30)}QUOTE`, 33, 38);
    expect(whole.prefix).toBe(`🌍${'a'.repeat(30)}`);
  });
});

describe('occurrences and findOccurrence', () => {
  it('lists every start, overlapping ones included', () => {
    expect(occurrences(PRESS, 'both parties')).toEqual([PRESS.indexOf('both parties'), PRESS.lastIndexOf('both parties')]);
    expect(occurrences('aaaa', 'aa')).toEqual([0, 1, 2]);
    expect(occurrences(PRESS, 'Uzbekistan')).toEqual([]);
    expect(occurrences(PRESS, '')).toEqual([]);
  });

  it('finds the n-th occurrence, counting from 1', () => {
    const first = PRESS.indexOf('Secretary-General');
    const second = PRESS.indexOf('Secretary-General', first + 1);
    expect(findOccurrence(PRESS, 'Secretary-General', 1)).toEqual({ start: first, end: first + 17 });
    expect(findOccurrence(PRESS, 'Secretary-General', 2)).toEqual({ start: second, end: second + 17 });
  });

  it('returns null out of range, for a non-positive or fractional occurrence, and for an empty string', () => {
    expect(findOccurrence(PRESS, 'Secretary-General', 3)).toBeNull();
    expect(findOccurrence(PRESS, 'Secretary-General', 0)).toBeNull();
    expect(findOccurrence(PRESS, 'Secretary-General', -1)).toBeNull();
    expect(findOccurrence(PRESS, 'Secretary-General', 1.5)).toBeNull();
    expect(findOccurrence(PRESS, 'Uzbekistan', 1)).toBeNull();
    expect(findOccurrence(PRESS, '', 1)).toBeNull();
    expect(findOccurrence('', 'a', 1)).toBeNull();
  });

  it('counts in UTF-16 code units in Cyrillic text', () => {
    const start = RU.indexOf('тонн', RU.indexOf('тонн') + 1);
    expect(findOccurrence(RU, 'тонн', 2)).toEqual({ start, end: start + 4 });
    expect(findOccurrence(RU, 'тонн', 3)).toBeNull();
  });

  it('widens a hit so that it does not leave a combining mark behind', () => {
    // "Jenča" with a decomposed caron: "Jenc" is not a whole word there.
    expect(findOccurrence('Milica Jenc\u030Ca', 'Jenc', 1)).toEqual({ start: 7, end: 12 });
    // NFC text has the precomposed č, so "Jenc" is not in it at all.
    expect(findOccurrence('Milica Jen\u010Da', 'Jenc', 1)).toBeNull();
    expect(findOccurrence('Milica Jen\u010Da', 'Jen\u010Da', 1)).toEqual({ start: 7, end: 12 });
  });
});

describe('anchor: edits of an English press release', () => {
  const { quote, position } = annotate(PRESS, COMMENDED);

  it('keeps the position when the text is unchanged', () => {
    expect(anchor(PRESS, quote, position)).toEqual({ position, method: 'position' });
  });

  it('keeps the position when the text changes after the passage', () => {
    const edited = PRESS.replace('Central Asia', 'Central Asia (UNRCCA)');
    expect(anchor(edited, quote, position)).toEqual({ position, method: 'position' });
  });

  it('follows the quote when the text changes before the passage (offsets shift)', () => {
    const edited = PRESS.replace('NEW YORK, 14 March 2023', 'UNITED NATIONS, NEW YORK, Tuesday 14 March 2023');
    const result = anchor(edited, quote, position);
    expect(result.method).toBe('quote');
    expect(result.position?.start).toBe(position.start + 24);
    expect(sliceOf(edited, result.position)).toBe(COMMENDED);
  });

  it('finds the quote without a position hint', () => {
    const edited = `Press release SG/SM/21732\n\n${PRESS}`;
    const result = anchor(edited, quote, null);
    expect(result.method).toBe('quote');
    expect(sliceOf(edited, result.position)).toBe(COMMENDED);
  });

  it('ignores a hint that no longer fits in the text', () => {
    const shortened = PRESS.slice(0, PRESS.indexOf(' The Secretary-General reiterated'));
    const result = anchor(shortened, quote, { start: shortened.length + 10, end: shortened.length + 88 });
    expect(result).toEqual({ position, method: 'quote' });
  });

  it('matches fuzzily when a typo inside the passage is fixed, covering the corrected passage', () => {
    const typo = PRESS.replace('constructive spirit shown', 'constructve spirit shown');
    const annotated = annotate(typo, 'He commended both parties for the constructve spirit shown during the talks.');
    const result = anchor(PRESS, annotated.quote, annotated.position);
    expect(result.method).toBe('fuzzy');
    expect(sliceOf(PRESS, result.position)).toBe(COMMENDED);
  });

  it('matches fuzzily when an edit crosses the start of the passage', () => {
    const edited = PRESS.replace('common border. He commended', 'common border, and commended');
    const result = anchor(edited, quote, position);
    expect(result.method).toBe('fuzzy');
    const found = sliceOf(edited, result.position) ?? '';
    expect(found.endsWith('commended both parties for the constructive spirit shown during the talks.')).toBe(true);
    expect(found.length).toBeLessThanOrEqual(COMMENDED.length + 3);
  });

  it('matches fuzzily when an edit crosses the end of the passage', () => {
    const edited = PRESS.replace('during the talks. The Secretary-General', 'during the negotiations; the Secretary-General');
    const result = anchor(edited, quote, position);
    expect(result.method).toBe('fuzzy');
    expect(result.position?.start).toBe(position.start);
    expect(sliceOf(edited, result.position)).toMatch(/^He commended both parties for the constructive spirit shown during the nego/);
  });

  it('orphans a deleted sentence', () => {
    const deleted = 'He called on both parties to continue the dialogue in the same constructive spirit.';
    const annotated = annotate(PRESS, deleted);
    const edited = PRESS.replace(`${deleted} `, '');
    expect(anchor(edited, annotated.quote, annotated.position)).toEqual({ position: null, method: 'orphaned' });
  });

  it('orphans a short word that is gone rather than landing on a similar word', () => {
    const annotated = annotate(PRESS, 'talks');
    const edited = PRESS.replace('during the talks', 'during the meeting').replace('continue the dialogue', 'continue the talk');
    expect(occurrences(edited, 'talks')).toEqual([]);
    expect(search(edited, 'talks', 1).length).toBeGreaterThan(0);
    expect(anchor(edited, annotated.quote, annotated.position)).toEqual({ position: null, method: 'orphaned' });
  });

  it('handles a passage at the very start of the text, where there is no prefix', () => {
    const dateline = annotate(PRESS, 'NEW YORK, 14 March 2023');
    expect(dateline.quote.prefix).toBe('');
    const corrected = PRESS.replace('14 March', '15 March');
    expect(anchor(corrected, dateline.quote, dateline.position)).toEqual({ position: { start: 0, end: 23 }, method: 'fuzzy' });
    const headed = `SG/SM/21732\n${corrected}`;
    expect(sliceOf(headed, anchor(headed, dateline.quote, null).position)).toBe('NEW YORK, 15 March 2023');
    const cut = PRESS.replace('NEW YORK, 14 March 2023 – ', '');
    expect(anchor(cut, dateline.quote, dateline.position)).toEqual({ position: null, method: 'orphaned' });
  });

  it('orphans an empty quote', () => {
    expect(anchor(PRESS, { exact: '', prefix: '', suffix: '' }, { start: 3, end: 3 })).toEqual({ position: null, method: 'orphaned' });
  });
});

describe('anchor: a deleted sentence with a look-alike elsewhere', () => {
  const STATEMENT = 'GENEVA, 7 June 2023 – The Secretary-General is deeply concerned by the escalation of violence in the '
    + 'border areas. He calls on all parties to exercise maximum restraint and to refrain from any action that could '
    + 'further escalate tensions. The Secretary-General reiterates that the United Nations stands ready to support all '
    + 'efforts towards a peaceful settlement. He again calls on all parties to exercise restraint and to refrain from '
    + 'any action that could escalate the situation further. He urges the parties to resume dialogue without delay.';
  const RESTRAINT = 'He calls on all parties to exercise maximum restraint and to refrain from any action that could further escalate tensions.';
  const { quote, position } = annotate(STATEMENT, RESTRAINT);

  it('comes back orphaned though the matcher alone finds the look-alike sentence', () => {
    const edited = STATEMENT.replace(`${RESTRAINT} `, '');
    const lookAlikes = search(edited, RESTRAINT, Math.floor(RESTRAINT.length / 4));
    expect(lookAlikes.length).toBeGreaterThan(0);
    expect(edited.slice(lookAlikes[0]?.start, lookAlikes[0]?.end)).toContain('calls on all parties to exercise restraint');
    expect(anchor(edited, quote, position)).toEqual({ position: null, method: 'orphaned' });
    expect(anchor(edited, quote, null)).toEqual({ position: null, method: 'orphaned' });
  });

  it('comes back orphaned when the words around the cut were rewritten too', () => {
    const edited = STATEMENT.replace(`border areas. ${RESTRAINT} The Secretary-General reiterates`, 'border areas and reiterates');
    expect(search(edited, RESTRAINT, Math.floor(RESTRAINT.length / 4)).length).toBeGreaterThan(0);
    expect(anchor(edited, quote, position)).toEqual({ position: null, method: 'orphaned' });
  });

  it('stays on its own sentence, not the look-alike, when that sentence is reworded', () => {
    const edited = STATEMENT.replace('exercise maximum restraint', 'exercise the utmost restraint');
    const result = anchor(edited, quote, position);
    expect(result.method).toBe('fuzzy');
    expect(sliceOf(edited, result.position)).toBe(RESTRAINT.replace('maximum', 'the utmost'));
  });
});

describe('anchor: a closer look-alike earlier in the text', () => {
  const REPORT = 'KHOROG, 16 May 2023 – According to the logistics cluster, the first convoy reached Rasht on 15 May with '
    + '40 tonnes of flour. Local authorities facilitated the passage of the trucks through the checkpoints. The second '
    + 'convoy reached Rasht on 17 May with medical supplies for the district hospital.';
  const { quote, position } = annotate(REPORT, 'second convoy reached Rasht on 17 May');

  it('does not hide the reworded passage, with or without a hint', () => {
    const edited = REPORT.replace('second convoy reached Rasht', 'second convoy arrived in Rasht');
    // Text-wide, the matcher reports only the first convoy, which is fewer edits away than the reworded passage.
    const textWide = search(edited, quote.exact, Math.floor(quote.exact.length / 4));
    expect(textWide.map((m) => edited.slice(m.start, m.end)).join('|')).not.toContain('arrived');
    for (const hint of [position, null]) {
      const result = anchor(edited, quote, hint);
      expect(result.method).toBe('fuzzy');
      expect(sliceOf(edited, result.position)).toBe('second convoy arrived in Rasht on 17 May');
    }
  });
});

describe('anchor: lists whose sentences differ in a word or two', () => {
  const LIST = 'DUSHANBE, 18 November 2022 – The World Food Programme (WFP) delivered 40 tonnes of fortified flour to '
    + 'Khorog. The agency delivered 35 tonnes of fortified flour to Rasht. The agency delivered 20 tonnes of fortified '
    + 'flour to Khujand. The agency delivered 25 tonnes of fortified flour to Kulob. The agency delivered 15 tonnes of '
    + 'fortified flour to Murghob. Distribution continues next week.';
  const KHUJAND = 'The agency delivered 20 tonnes of fortified flour to Khujand.';
  const { quote, position } = annotate(LIST, KHUJAND);

  it('orphans a deleted item although its neighbour now has the same context on both sides', () => {
    const edited = LIST.replace(`${KHUJAND} `, '');
    // The matcher alone does find a look-alike: the Kulob sentence.
    const lookAlikes = search(edited, KHUJAND, Math.floor(KHUJAND.length / 4));
    expect(lookAlikes.length).toBeGreaterThan(0);
    expect(anchor(edited, quote, position)).toEqual({ position: null, method: 'orphaned' });
  });

  it('keeps an item whose figure was corrected on that item', () => {
    const edited = LIST.replace('20 tonnes of fortified flour to Khujand', '22 tonnes of fortified flour to Khujand');
    const result = anchor(edited, quote, position);
    expect(result.method).toBe('fuzzy');
    expect(sliceOf(edited, result.position)).toBe('The agency delivered 22 tonnes of fortified flour to Khujand.');
  });
});

describe('anchor: repeated quotes', () => {
  const TEXT = 'Aid convoys reached Khorog on Monday. Aid convoys reached Rasht on Tuesday. Aid convoys reached Khujand on Wednesday.';

  it('keeps an annotation on the second of three occurrences after text is inserted before the first', () => {
    const { quote, position } = annotate(TEXT, 'Aid convoys', 2);
    expect(position.start).toBe(TEXT.indexOf('Aid convoys reached Rasht'));
    const edited = `KHOROG, 12 April 2023 (OCHA) – ${TEXT}`;
    const result = anchor(edited, quote, position);
    expect(result.method).toBe('quote');
    expect(result.position?.start).toBe(edited.indexOf('Aid convoys reached Rasht'));
    expect(anchor(edited, quote, null).position?.start).toBe(edited.indexOf('Aid convoys reached Rasht'));
  });

  it('prefers the occurrence with the longest agreeing context to the one nearest the hint', () => {
    const { quote, position } = annotate(TEXT, 'Aid convoys', 3);
    const edited = `Update: ${TEXT.replace('Monday', 'Sunday')}`;
    const result = anchor(edited, quote, { start: 0, end: 11 });
    expect(result.method).toBe('quote');
    expect(result.position?.start).toBe(position.start + 8);
  });

  it('never takes an occurrence whose context does not agree: a deleted word does not land on the same word elsewhere', () => {
    const text = 'Word. Word. Word.';
    const quote = { exact: 'Word', prefix: 'xxxx', suffix: 'yyyy' };
    expect(anchor(text, quote, null)).toEqual({ position: null, method: 'orphaned' });
    expect(anchor(text, quote, { start: 13, end: 17 })).toEqual({ position: null, method: 'orphaned' });
    const release = 'The UNRCCA office in Ashgabat hosted the meeting. Later, UNRCCA and UNOCT signed the plan.';
    const { quote: office, position } = annotate(release, 'UNRCCA', 1);
    expect(anchor(release.replace('The UNRCCA office', 'The office'), office, position)).toEqual({ position: null, method: 'orphaned' });
  });

  it('does not move words deleted in one paragraph to where they are repeated with the same words after them', () => {
    const release = 'ASHGABAT – Mr. Voronkov and Michèle Coninsx, Assistant Secretary-General and Executive Director of CTED, visited.\n\nMichèle Coninsx, Assistant Secretary-General and Executive Director of CTED, noted progress.';
    const { quote, position } = annotate(release, 'Michèle Coninsx', 1);
    const edited = release.replace('Mr. Voronkov and Michèle Coninsx, Assistant', 'Mr. Voronkov and the Assistant');
    expect(anchor(edited, quote, position)).toEqual({ position: null, method: 'orphaned' });
    expect(anchor(edited, quote, null)).toEqual({ position: null, method: 'orphaned' });
  });

  it('keeps words whose neighbour was corrected right beside them, not flagged as approximate', () => {
    const release = 'The Under-Secretary-General, Vladimir Voronkov, and Michèle Coninsx visited Ashgabat.';
    const { quote, position } = annotate(release, 'Vladimir Voronkov');
    const edited = release.replace(', Vladimir', ', Mr. Vladimir');
    expect(anchor(edited, quote, position)).toEqual({ position: { start: edited.indexOf('Vladimir'), end: edited.indexOf('Vladimir') + 17 }, method: 'quote' });
  });

  it('takes an occurrence when the whole of a short context agrees, at the edges of a text', () => {
    expect(anchor('Ashgabat', { exact: 'Ashgabat', prefix: '', suffix: '' }, null)).toEqual({ position: { start: 0, end: 8 }, method: 'quote' });
    expect(anchor('In Ashgabat.', { exact: 'Ashgabat', prefix: 'In ', suffix: '.' }, null)).toEqual({ position: { start: 3, end: 11 }, method: 'quote' });
  });
});

describe('anchor: Russian text', () => {
  const SENTENCE = 'Еще 35 тонн муки было передано семьям в Раштской долине.';
  const { quote, position } = annotate(RU, SENTENCE);

  it('follows the quote when the dateline is extended', () => {
    const edited = RU.replace('ДУШАНБЕ, 18 ноября 2022 года', 'ДУШАНБЕ (Таджикистан), 18 ноября 2022 года');
    const result = anchor(edited, quote, position);
    expect(result.method).toBe('quote');
    expect(result.position?.start).toBe(position.start + 14);
    expect(sliceOf(edited, result.position)).toBe(SENTENCE);
  });

  it('matches fuzzily when е is corrected to ё inside the passage', () => {
    const edited = RU.replace('Еще 35', 'Ещё 35');
    const result = anchor(edited, quote, position);
    expect(result).toEqual({ position, method: 'fuzzy' });
    expect(sliceOf(edited, result.position)).toBe('Ещё 35 тонн муки было передано семьям в Раштской долине.');
  });

  it('keeps the position when a word after the passage is corrected with ё', () => {
    const annotated = annotate(RU, 'доставила 40 тонн');
    const edited = RU.replace('обогащенной', 'обогащённой');
    expect(anchor(edited, annotated.quote, annotated.position)).toEqual({ position: annotated.position, method: 'position' });
  });

  it('orphans the sentence when it is deleted', () => {
    const edited = RU.replace(`${SENTENCE} `, '');
    expect(anchor(edited, quote, position)).toEqual({ position: null, method: 'orphaned' });
  });
});

describe('anchor: combining marks and surrogate pairs', () => {
  it('never leaves a combining mark without its base character', () => {
    const text = 'the symbol x\u0301 denotes the estimate';
    const exact = 'the symbol x';
    // The context does not agree right after "x" (the mark sits there), so the exact rule declines and the approximate one finds it.
    const result = anchor(text, { exact, prefix: '', suffix: ' denotes the estimate' }, null);
    expect(result.method).toBe('fuzzy');
    expect(sliceOf(text, result.position)).toBe('the symbol x\u0301');
    expect(anchor(text, { exact, prefix: '', suffix: '' }, { start: 0, end: 12 })).toEqual({
      position: { start: 0, end: 13 },
      method: 'position',
    });
  });

  it('keeps stacked Vietnamese marks with their base in a decomposed string', () => {
    const text = 'Cu\u031B\u0300 tri Vie\u0323\u0302t Nam tham gia bo\u0302\u0301 phie\u0302\u0301u';
    for (let start = 0; start <= text.length; start += 1) {
      for (let end = start; end <= text.length; end += 1) {
        const snapped = snapPosition(text, { start, end });
        expect(splitsCluster(text, snapped.start) || splitsCluster(text, snapped.end)).toBe(false);
        expect(snapped.start).toBeLessThanOrEqual(start);
        expect(snapped.end).toBeGreaterThanOrEqual(end);
      }
    }
    expect(snapPosition(text, { start: 12, end: 13 })).toEqual({ start: 11, end: 14 });
  });

  it('anchors a name with a decomposed caron the same way as a precomposed one', () => {
    const decomposed = 'Statement by Milica Jenc\u030Ca, Resident Coordinator';
    const precomposed = decomposed.normalize('NFC');
    expect(precomposed).toContain('Jen\u010Da');
    const dq = quoteAt(decomposed, 13, 26);
    const pq = quoteAt(precomposed, 13, 25);
    expect(dq.exact).toBe('Milica Jenc\u030Ca');
    expect(pq.exact).toBe('Milica Jen\u010Da');
    const moved = `Joint ${decomposed}`;
    expect(sliceOf(moved, anchor(moved, dq, { start: 13, end: 26 }).position)).toBe('Milica Jenc\u030Ca');
    const movedNfc = `Joint ${precomposed}`;
    expect(sliceOf(movedNfc, anchor(movedNfc, pq, { start: 13, end: 25 }).position)).toBe('Milica Jen\u010Da');
    // A bare "Jenc" in the decomposed text comes back with its caron.
    expect(sliceOf(decomposed, anchor(decomposed, { exact: 'Jenc', prefix: 'Milica ', suffix: '' }, null).position)).toBe('Jenc\u030C');
  });

  it('counts emoji as two code units and never splits them', () => {
    const text = 'Volunteers 🙌 distributed 1,200 hygiene kits 🧼 in Khorog.';
    const { quote, position } = annotate(text, 'hygiene kits 🧼');
    expect(position.end - position.start).toBe(15);
    const edited = `🇹🇯 ${text}`;
    const result = anchor(edited, quote, position);
    expect(result.method).toBe('quote');
    expect(result.position?.start).toBe(position.start + 5);
    expect(sliceOf(edited, result.position)).toBe('hygiene kits 🧼');
    const soap = text.indexOf('🧼');
    expect(snapPosition(text, { start: soap + 1, end: soap + 1 })).toEqual({ start: soap, end: soap + 2 });
    expect(snapPosition(text, { start: 0, end: soap + 1 })).toEqual({ start: 0, end: soap + 2 });
  });

  it('does not split an emoji when a fuzzy match runs up to it', () => {
    const old = 'Volunteers distributed 1,200 hygeine kits 🧼 in Khorog and Rasht.';
    const text = 'Volunteers distributed 1,200 hygiene kits 🧼 in Khorog and Rasht.';
    const { quote, position } = annotate(old, 'distributed 1,200 hygeine kits 🧼');
    const result = anchor(text, quote, position);
    expect(result.method).toBe('fuzzy');
    expect(sliceOf(text, result.position)).toBe('distributed 1,200 hygiene kits 🧼');
  });
});
