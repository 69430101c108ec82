// The reader's text as paragraphs of segments, each covered by the same annotations and mentions:
// overlapping and nested highlights display as segments with every span that covers them.

export interface Span {
  id: string;
  start: number;
  end: number;
  kind: 'annotation' | 'mention' | 'hit';
}

export interface Segment {
  start: number;
  end: number;
  /** The spans covering this segment, outermost (earliest, longest) first. */
  spans: Span[];
}

export interface Paragraph {
  start: number;
  end: number;
  segments: Segment[];
}

/** Paragraphs (split at blank lines, blank ones left out) cut at every span boundary. */
export function paragraphsOf(text: string, spans: readonly Span[]): Paragraph[] {
  const ordered = spans.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start || b.end - a.end);
  const paragraphs: Paragraph[] = [];
  const blank = /\n[ \t]*\n\s*/g;
  let at = 0;
  const push = (start: number, end: number) => {
    if (text.slice(start, end).trim() === '') return;
    paragraphs.push({ start, end, segments: segmentsOf(start, end, ordered) });
  };
  for (const m of text.matchAll(blank)) {
    push(at, m.index);
    at = m.index + m[0].length;
  }
  push(at, text.length);
  return paragraphs;
}

function segmentsOf(start: number, end: number, spans: readonly Span[]): Segment[] {
  const inside = spans.filter((s) => s.start < end && s.end > start);
  const cuts = new Set([start, end]);
  for (const s of inside) {
    if (s.start > start) cuts.add(s.start);
    if (s.end < end) cuts.add(s.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const a = points[i]!;
    const b = points[i + 1]!;
    segments.push({ start: a, end: b, spans: inside.filter((s) => s.start <= a && s.end >= b) });
  }
  return segments;
}

/** A DOM selection point as an offset into the text: segments carry data-start, and each holds one text node. */
export function textOffset(node: Node, offset: number): number | null {
  const element = node.nodeType === Node.TEXT_NODE ? node.parentElement : (node as Element);
  const segment = element?.closest<HTMLElement>('[data-start]');
  if (!segment) return null;
  const base = Number(segment.dataset.start);
  if (node.nodeType === Node.TEXT_NODE) return base + offset;
  // A point between child nodes (a whole segment selected): count the text before it.
  let before = 0;
  for (let i = 0; i < offset && i < node.childNodes.length; i++) before += node.childNodes[i]!.textContent?.length ?? 0;
  return base + before;
}
