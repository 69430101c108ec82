import { describe, expect, it } from 'vitest';
import { paragraphsOf } from './text-segments';

const text = 'Ashgabat, 30 April 2018 – The UNOCT met.\n\nDuring the visit, Coninsx spoke.\n\n\n';

describe('paragraphsOf', () => {
  it('splits at blank lines with offsets into the whole text, leaving blank paragraphs out', () => {
    const ps = paragraphsOf(text, []);
    expect(ps.map((p) => text.slice(p.start, p.end))).toEqual(['Ashgabat, 30 April 2018 – The UNOCT met.', 'During the visit, Coninsx spoke.']);
    expect(ps[1]!.segments).toEqual([{ start: ps[1]!.start, end: ps[1]!.end, spans: [] }]);
  });

  it('cuts segments where overlapping and nested spans begin and end, each segment listing what covers it', () => {
    const a = { id: 'a', start: 0, end: 23, kind: 'annotation' as const };
    const b = { id: 'b', start: 10, end: 40, kind: 'annotation' as const };
    const c = { id: 'c', start: 13, end: 18, kind: 'mention' as const };
    const [first] = paragraphsOf(text, [b, c, a]);
    expect(first!.segments.map((s) => [text.slice(s.start, s.end), s.spans.map((x) => x.id)])).toEqual([
      ['Ashgabat, ', ['a']],
      ['30 ', ['a', 'b']],
      ['April', ['a', 'b', 'c']],
      [' 2018', ['a', 'b']],
      [' – The UNOCT met.', ['b']],
    ]);
  });

  it('splits a span that crosses a paragraph break into both paragraphs, and ignores empty spans', () => {
    const across = { id: 'x', start: 30, end: 50, kind: 'annotation' as const };
    const ps = paragraphsOf(text, [across, { id: 'empty', start: 5, end: 5, kind: 'annotation' }]);
    expect(ps.map((p) => p.segments.filter((s) => s.spans.length).map((s) => text.slice(s.start, s.end)))).toEqual([['UNOCT met.'], ['During t']]);
  });
});
