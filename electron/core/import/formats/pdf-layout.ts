// Puts positioned text pieces (from pdf.js) back into reading order: lines by baseline, two columns read one after the
// other, paragraphs by vertical gaps, soft hyphens at line ends joined. Pure, so it is tested without any PDF.
import { tidyText } from './dom-text';

/** One piece of text as pdf.js places it: x, y of its baseline start (PDF units, y upwards), its width and font size. */
export interface Piece {
  text: string;
  x: number;
  y: number;
  width: number;
  size: number;
  rtl: boolean;
}

/** Pieces sharing a baseline, left to right. */
interface Row {
  y: number;
  size: number;
  pieces: Piece[];
}

/** A free vertical band between two columns. */
interface Gutter {
  start: number;
  end: number;
}

/** A line of text in reading order; `stream` (numbered per page) changes where reading jumps to another column or section. */
interface Line {
  text: string;
  y: number;
  size: number;
  page: number;
  stream: number;
}

/** How a paragraph began: the document's start, a vertical gap, a jump to another column or section, or a new page. */
type Boundary = 'start' | 'gap' | 'stream' | 'page';

interface Paragraph {
  boundary: Boundary;
  lines: string[];
}

/** A row's pieces within this share of the larger font size of each other's baseline belong to one line (superscripts included). */
const BASELINE_TOLERANCE = 0.5;
/** A gutter leaves text on at least this many rows on each side. */
const MIN_COLUMN_ROWS = 3;
/** At most this share of the rows (titles, page numbers) may cross a gutter. */
const MAX_CROSSING_SHARE = 0.35;
/** Text spread wider than this (in PDF units; a page is about 600) is not a page of columns: pieces placed far off the page. */
const MAX_TEXT_WIDTH = 5000;

/** Groups a page's pieces into rows by baseline, top to bottom. */
function groupRows(pieces: Piece[]): Row[] {
  const sorted = pieces.filter((piece) => piece.text !== '').sort((a, b) => b.y - a.y || a.x - b.x);
  const rows: Row[] = [];
  for (const piece of sorted) {
    const row = rows.at(-1);
    if (row && Math.abs(row.y - piece.y) <= BASELINE_TOLERANCE * Math.max(row.size, piece.size)) {
      row.pieces.push(piece);
      if (piece.size > row.size) Object.assign(row, { y: piece.y, size: piece.size });
    } else {
      rows.push({ y: piece.y, size: piece.size, pieces: [piece] });
    }
  }
  for (const row of rows) row.pieces.sort((a, b) => a.x - b.x);
  return rows;
}

/** The right edge of a piece. */
function right(piece: Piece): number {
  return piece.x + Math.max(piece.width, 0);
}

/** For every 1-unit column of the text area, how many rows have text over it. */
function coverage(rows: Row[], left: number, width: number): Int32Array {
  const counts = new Int32Array(Math.ceil(width) + 1);
  const seen = new Int32Array(counts.length).fill(-1);
  rows.forEach((row, index) => {
    for (const piece of row.pieces) {
      const from = Math.max(0, Math.floor(piece.x - left));
      const to = Math.min(counts.length, Math.ceil(right(piece) - left));
      for (let bin = from; bin < to; bin++) {
        if (seen[bin] === index) continue;
        seen[bin] = index;
        counts[bin] = (counts[bin] ?? 0) + 1;
      }
    }
  });
  return counts;
}

/** Bands of the middle half of the text area that few rows cross, widest first. */
function freeBands(rows: Row[], left: number, width: number): Gutter[] {
  const counts = coverage(rows, left, width);
  const limit = rows.length * MAX_CROSSING_SHARE;
  const minWidth = Math.max(6, width * 0.02);
  const bands: Gutter[] = [];
  let start = -1;
  for (let bin = Math.floor(width * 0.25); bin <= Math.ceil(width * 0.75) + 1; bin++) {
    const free = bin <= width * 0.75 && (counts[bin] ?? 0) <= limit;
    if (free && start < 0) start = bin;
    if (!free && start >= 0) {
      const band = narrowest(counts, start, bin);
      if (band.end - band.start >= minWidth) bands.push({ start: left + band.start, end: left + band.end });
      start = -1;
    }
  }
  return bands.sort((a, b) => b.end - b.start - (a.end - a.start));
}

/** A free band trimmed to where the fewest rows cross it: the few long lines of a ragged column end before the gutter proper. */
function narrowest(counts: Int32Array, start: number, end: number): Gutter {
  const least = smallest(counts.subarray(start, end));
  let from = start;
  let to = end;
  while (from < to && (counts[from] ?? 0) > least) from++;
  while (to > from && (counts[to - 1] ?? 0) > least) to--;
  return { start: from, end: to };
}

/** True when a piece reaches into the gutter. */
function crosses(piece: Piece, gutter: Gutter): boolean {
  return piece.x < gutter.end - 0.5 && right(piece) > gutter.start + 0.5;
}

/** The smallest of some numbers (Infinity for none), without spreading a long array into arguments. */
function smallest(values: Iterable<number>): number {
  let least = Infinity;
  for (const value of values) if (value < least) least = value;
  return least;
}

/** The largest of some numbers (-Infinity for none). */
function largest(values: Iterable<number>): number {
  let most = -Infinity;
  for (const value of values) if (value > most) most = value;
  return most;
}

/** The median of some numbers (0 for none). */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** The median share of its column's width that a column's line segments fill (columns of text are full; a form's labels are not). */
function fill(segments: Piece[][]): number {
  const lefts = segments.map((pieces) => pieces[0]?.x ?? 0);
  const rights = segments.map((pieces) => largest(pieces.map(right)));
  const width = largest(rights) - smallest(lefts);
  return width <= 0 ? 0 : median(segments.map((_, i) => ((rights[i] ?? 0) - (lefts[i] ?? 0)) / width));
}

/** Splits a row's pieces at the gutter, or null when the row crosses it. */
function splitRow(row: Row, gutter: Gutter): { left: Piece[]; right: Piece[] } | null {
  if (row.pieces.some((piece) => crosses(piece, gutter))) return null;
  const middle = (gutter.start + gutter.end) / 2;
  return { left: row.pieces.filter((piece) => piece.x < middle), right: row.pieces.filter((piece) => piece.x >= middle) };
}

/**
 * The gutter of a two-column page: a vertical band in the middle half with no text on most rows, text on both sides
 * of it on at least three rows each, both columns filled like running text, and no second band as wide (a table).
 */
function findGutter(rows: Row[]): Gutter | null {
  if (rows.length < MIN_COLUMN_ROWS * 2) return null;
  const pieces = rows.flatMap((row) => row.pieces);
  const left = smallest(pieces.map((piece) => piece.x));
  const width = largest(pieces.map(right)) - left;
  if (!(width > 0) || width > MAX_TEXT_WIDTH) return null;
  const [best, second] = freeBands(rows, left, width);
  if (!best || (second && second.end - second.start >= (best.end - best.start) * 0.5)) return null;
  const split = rows.map((row) => splitRow(row, best));
  const lefts = split.flatMap((parts) => (parts && parts.left.length > 0 ? [parts.left] : []));
  const rights = split.flatMap((parts) => (parts && parts.right.length > 0 ? [parts.right] : []));
  const crossing = split.filter((parts) => parts === null).length;
  if (lefts.length < MIN_COLUMN_ROWS || rights.length < MIN_COLUMN_ROWS || crossing > rows.length * MAX_CROSSING_SHARE) return null;
  return fill(lefts) >= 0.5 && fill(rights) >= 0.5 ? best : null;
}

/** The text of a line segment: pieces in reading order, a space where they are apart, a tab across a wide gap, doubled (fake-bold) pieces once. */
function segmentText(pieces: Piece[]): string {
  const rtl = pieces.filter((piece) => piece.rtl).length * 2 > pieces.length;
  const ordered = rtl ? [...pieces].reverse() : pieces;
  let text = '';
  let previous: Piece | null = null;
  for (const piece of ordered) {
    if (previous && piece.text === previous.text && Math.abs(piece.x - previous.x) < piece.size * 0.3) continue;
    if (previous) text += separator(previous, piece, rtl, text);
    text += piece.text;
    previous = piece;
  }
  return text.replace(/[^\S\t]+/g, ' ').replace(/ *\t */g, '\t').trim();
}

/** What goes between two neighbouring pieces: nothing when they touch or already hold a space, a space, or a tab across a gap of several letters. */
function separator(previous: Piece, piece: Piece, rtl: boolean, sofar: string): string {
  const gap = rtl ? previous.x - right(piece) : piece.x - right(previous);
  const size = Math.max(previous.size, piece.size);
  if (gap >= size * 2.5) return '\t';
  if (gap < size * 0.15 || /\s$/.test(sofar) || /^\s/.test(piece.text)) return '';
  return ' ';
}

/** A page's lines in reading order: full-width rows where they are; between them, a two-column stretch's left column, then its right. Every stretch and column of the page gets its own stream number. */
function readingOrder(rows: Row[], page: number): Line[] {
  const gutter = findGutter(rows);
  const lines: Line[] = [];
  let next = 0;
  let columns: { left: Line[]; right: Line[] } | null = null;
  let fullStream: number | null = null;
  const lineOf = (pieces: Piece[], row: Row, id: number): Line => ({ text: segmentText(pieces), y: row.y, size: row.size, page, stream: id });
  const flushColumns = () => {
    for (const column of columns ? [columns.left, columns.right] : []) {
      const id = next++;
      if (column.length > 0) lines.push(...column.map((line) => ({ ...line, stream: id })));
    }
    columns = null;
  };
  for (const row of rows) {
    const parts = gutter ? splitRow(row, gutter) : null;
    if (parts) {
      fullStream = null;
      columns ??= { left: [], right: [] };
      if (parts.left.length > 0) columns.left.push(lineOf(parts.left, row, -1));
      if (parts.right.length > 0) columns.right.push(lineOf(parts.right, row, -1));
      continue;
    }
    flushColumns();
    fullStream ??= next++;
    lines.push(lineOf(row.pieces, row, fullStream));
  }
  flushColumns();
  return lines.filter((line) => line.text !== '');
}

/** Rounds a font size into a bucket, so that spacing is measured per size. */
function sizeKey(size: number): number {
  return Math.round(size * 2) / 2;
}

/** The usual distance between consecutive lines of the same stream and size, per size (only sizes seen three times or more). */
function lineSpacing(lines: Line[]): Map<number, number> {
  const gaps = new Map<number, number[]>();
  lines.forEach((line, i) => {
    const previous = lines[i - 1];
    if (!previous || previous.page !== line.page || previous.stream !== line.stream || sizeKey(previous.size) !== sizeKey(line.size)) return;
    const gap = previous.y - line.y;
    if (gap <= 0) return;
    const key = sizeKey(line.size);
    const list = gaps.get(key);
    if (list) list.push(gap);
    else gaps.set(key, [gap]);
  });
  return new Map([...gaps].filter(([, values]) => values.length >= 3).map(([key, values]) => [key, median(values)]));
}

/** Where a new paragraph starts before `line`, and why; null when the line continues the paragraph. */
function boundaryBefore(previous: Line | undefined, line: Line, spacing: Map<number, number>): Boundary | null {
  if (!previous) return 'start';
  if (previous.page !== line.page) return 'page';
  if (previous.stream !== line.stream) return 'stream';
  const larger = Math.max(previous.size, line.size);
  if (Math.abs(previous.size - line.size) > larger * 0.2) return 'gap';
  const usual = spacing.get(sizeKey(line.size));
  const limit = usual !== undefined ? usual * 1.3 : line.size * 1.5;
  return previous.y - line.y > limit ? 'gap' : null;
}

/** Splits the document's lines into paragraphs. */
function paragraphs(lines: Line[]): Paragraph[] {
  const spacing = lineSpacing(lines);
  const result: Paragraph[] = [];
  lines.forEach((line, i) => {
    const boundary = boundaryBefore(lines[i - 1], line, spacing);
    const current = result.at(-1);
    if (boundary !== null || !current) result.push({ boundary: boundary ?? 'start', lines: [line.text] });
    else current.lines.push(line.text);
  });
  return result;
}

const HYPHENATED_WORD = /[\p{L}\p{M}]+(?:[-\u2010][\p{L}\p{M}]+)+/gu;
const LINE_END_HYPHEN = /([\p{L}\p{M}]+(?:[-\u2010][\p{L}\p{M}]+)*)([-\u2010\u00ad])$/u;
const LINE_START_LOWER = /^(\p{Ll}[\p{L}\p{M}]*)(\S*)\s*/u;

/** Every hyphenated word written within a line, lower-cased: the evidence that a hyphen at a line end belongs to its word. */
function hyphenatedWords(paragraphs: Paragraph[]): Set<string> {
  const words = new Set<string>();
  for (const paragraph of paragraphs) {
    for (const line of paragraph.lines) for (const match of line.matchAll(HYPHENATED_WORD)) words.add(match[0].replace(/\u2010/g, '-').toLowerCase());
  }
  return words;
}

/**
 * Joins a word broken at a line end when the next line starts in lower case: "coun-" + "try" → "country"; the hyphen
 * stays when the word is a compound (written hyphenated elsewhere in the document, or already holding a hyphen):
 * "counter-" + "terrorism" → "counter-terrorism". The joined word moves up; the rest of the next line stays.
 */
function joinBrokenWord(line: string, next: string, compounds: Set<string>): [string, string] | null {
  const end = LINE_END_HYPHEN.exec(line);
  const start = LINE_START_LOWER.exec(next);
  if (!end?.[1] || !end[2] || !start?.[1]) return null;
  const head = end[1];
  const soft = end[2] === '\u00ad';
  const keep = !soft && (/[-\u2010]/.test(head) || compounds.has(`${head}-${start[1]}`.toLowerCase()));
  const joined = line.slice(0, -1) + (keep ? '-' : '') + start[1] + (start[2] ?? '');
  return [joined, next.slice(start[0].length)];
}

/** Joins broken words inside paragraphs, and across a column or page break (merging the two paragraphs, which are one). */
function dehyphenate(paragraphs: Paragraph[]): Paragraph[] {
  const compounds = hyphenatedWords(paragraphs);
  const result: Paragraph[] = [];
  for (const paragraph of paragraphs) {
    const previous = result.at(-1);
    const last = previous?.lines.at(-1);
    const first = paragraph.lines[0];
    const continues = (paragraph.boundary === 'stream' || paragraph.boundary === 'page') && last !== undefined && first !== undefined;
    if (previous && continues && joinBrokenWord(last, first, compounds)) previous.lines.push(...paragraph.lines);
    else result.push({ boundary: paragraph.boundary, lines: [...paragraph.lines] });
  }
  for (const paragraph of result) paragraph.lines = joinLines(paragraph.lines, compounds);
  return result;
}

/** A paragraph's lines with broken words joined (lines emptied by a join are dropped). */
function joinLines(lines: string[], compounds: Set<string>): string[] {
  const out: string[] = [];
  let carry: string | undefined;
  for (const line of lines) {
    if (carry === undefined) {
      carry = line;
      continue;
    }
    const joined = joinBrokenWord(carry, line, compounds);
    if (joined) {
      const [head, rest] = joined;
      if (rest === '') carry = head;
      else {
        out.push(head);
        carry = rest;
      }
    } else {
      out.push(carry);
      carry = line;
    }
  }
  if (carry !== undefined) out.push(carry);
  return out;
}

/** The text of a document's pages, each given as its pieces: lines, columns, paragraphs and pages in reading order. */
export function layoutPages(pages: Piece[][]): string {
  const lines: Line[] = [];
  pages.forEach((pieces, page) => lines.push(...readingOrder(groupRows(pieces), page)));
  const text = dehyphenate(paragraphs(lines))
    .map((paragraph) => paragraph.lines.join('\n'))
    .join('\n\n');
  return tidyText(text);
}
