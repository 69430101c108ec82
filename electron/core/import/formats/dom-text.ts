// Turns a parsed HTML tree (linkedom) into plain text that keeps its structure: paragraphs, list items, table rows.

/** The part of a DOM node this module reads (linkedom's nodes have it; the project has no DOM typings). */
export interface DomNode {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly textContent: string | null;
  readonly childNodes: ArrayLike<DomNode>;
}

/** The part of a DOM element this module and its callers use. */
export interface DomElement extends DomNode {
  readonly localName: string;
  readonly children: ArrayLike<DomElement>;
  readonly parentElement: DomElement | null;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  querySelector(selectors: string): DomElement | null;
  querySelectorAll(selectors: string): ArrayLike<DomElement>;
  closest(selectors: string): DomElement | null;
  matches(selectors: string): boolean;
  remove(): void;
  toString(): string;
}

/** The part of a DOM document this module's callers use. */
export interface DomDocument {
  readonly documentElement: DomElement | null;
  readonly body: DomElement | null;
  querySelector(selectors: string): DomElement | null;
  querySelectorAll(selectors: string): ArrayLike<DomElement>;
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_NODE = 4;

/** Elements whose content is never text: active content, media, form controls, document metadata. */
const SKIPPED = new Set([
  'script', 'style', 'noscript', 'template', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'svg', 'canvas',
  'head', 'title', 'meta', 'link', 'base', 'img', 'picture', 'video', 'audio', 'source', 'track', 'map', 'area',
  'input', 'select', 'textarea', 'button', 'option', 'optgroup', 'datalist', 'output', 'progress', 'meter',
]);

/** Blocks that stand apart from their neighbours by a blank line. */
const PARAGRAPHS = new Set([
  'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'ul', 'ol', 'dl', 'table', 'figure', 'hr', 'address',
  'fieldset', 'details',
]);

/** Blocks that only start a new line. */
const LINES = new Set([
  'div', 'section', 'article', 'main', 'header', 'footer', 'nav', 'aside', 'li', 'tr', 'dt', 'dd', 'figcaption',
  'caption', 'summary', 'center', 'form', 'legend', 'body', 'html', 'hgroup', 'search', 'menu', 'dialog', 'tbody',
  'thead', 'tfoot',
]);

const ALL_BLOCKS = [...PARAGRAPHS, ...LINES, 'pre', 'br', 'td', 'th'];
const LEAF_BLOCK_TEST = ALL_BLOCKS.join(', ');

/** Deeper than this, a subtree is read as flat text (a guard against pathological nesting). */
const MAX_DEPTH = 400;

/** Collects text with the breaks blocks ask for; in inline mode (a table cell) every break is one space. */
class TextSink {
  private readonly parts: string[] = [];
  private owedBreaks = 0;
  private owedSpace = false;
  private owedMarker = '';
  private atLineStart = true;

  constructor(private readonly inline: boolean) {}

  /** Inline text: runs of ASCII whitespace become one space (no-break spaces are kept). */
  text(raw: string): void {
    const collapsed = raw.replace(/[ \t\n\r\f]+/g, ' ');
    const core = collapsed.replace(/^ | $/g, '');
    if (core === '') {
      if (collapsed !== '' && !this.atLineStart) this.owedSpace = true;
      return;
    }
    this.startWriting(collapsed.startsWith(' '));
    this.parts.push(core);
    this.owedSpace = collapsed.endsWith(' ');
  }

  /** Preformatted text, kept as written (a single leading newline, as HTML drops it). */
  preformatted(raw: string): void {
    const kept = raw.replace(/^\r?\n/, '').replace(/\s+$/, '');
    if (kept === '') return;
    if (this.inline) return this.text(kept);
    this.startWriting(false);
    this.parts.push(kept);
    this.owedSpace = false;
  }

  /** A block boundary: 1 = new line, 2 = blank line. Ignored while a list marker waits for its item's first text. */
  block(breaks: 1 | 2): void {
    if (this.inline) return this.space();
    if (this.owedMarker !== '') return;
    this.owedBreaks = Math.max(this.owedBreaks, breaks);
  }

  /** A <br>: one more line break (two in a row leave a blank line). */
  lineBreak(): void {
    if (this.inline) return this.space();
    this.owedBreaks = Math.min(this.owedBreaks + 1, 2);
  }

  /** A list item starts: a new line, then `marker` before its first text. */
  listItem(marker: string): void {
    if (this.inline) return this.space();
    this.owedMarker = '';
    this.block(1);
    this.owedMarker = marker;
  }

  /** A whole line written as it is (a table row). */
  line(text: string): void {
    this.block(1);
    this.startWriting(false);
    this.parts.push(text);
    this.owedSpace = false;
  }

  /** The text so far. */
  toString(): string {
    return this.parts.join('');
  }

  /** A space between words, owed until the next text. */
  private space(): void {
    if (!this.atLineStart) this.owedSpace = true;
  }

  /** Pays what is owed before new text: line breaks, then a list marker or a space. */
  private startWriting(leadingSpace: boolean): void {
    if (this.owedBreaks > 0 && this.parts.length > 0) {
      this.parts.push('\n'.repeat(this.owedBreaks));
      this.atLineStart = true;
    }
    this.owedBreaks = 0;
    if (this.atLineStart) {
      this.parts.push(this.owedMarker);
      this.owedMarker = '';
    } else if (this.owedSpace || leadingSpace) {
      this.parts.push(' ');
    }
    this.atLineStart = false;
    this.owedSpace = false;
  }
}

/** The element's children as an array. */
function childrenOf(node: DomNode): DomNode[] {
  return Array.from(node.childNodes);
}

/** Narrows a node to an element. */
function isElement(node: DomNode): node is DomElement {
  return node.nodeType === ELEMENT_NODE;
}

/** True for elements hidden from readers: the hidden attribute, aria-hidden, or an inline display:none / visibility:hidden. */
export function isHidden(element: DomElement): boolean {
  if (element.hasAttribute('hidden') || element.getAttribute('aria-hidden') === 'true') return true;
  const style = element.getAttribute('style');
  return style !== null && /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style);
}

/** Writes one node and its subtree into the sink. */
function walk(node: DomNode, sink: TextSink, depth: number): void {
  if (node.nodeType === TEXT_NODE || node.nodeType === CDATA_NODE) return sink.text(node.textContent ?? '');
  if (!isElement(node)) return;
  const tag = node.localName.toLowerCase();
  if (SKIPPED.has(tag) || isHidden(node)) return;
  if (depth > MAX_DEPTH) return sink.text(node.textContent ?? '');
  if (tag === 'br') return sink.lineBreak();
  if (tag === 'pre' || tag === 'xmp' || tag === 'listing' || tag === 'plaintext') return writePre(node, sink);
  if (tag === 'ul' || tag === 'ol' || tag === 'menu') return writeList(node, sink, depth);
  if (tag === 'table') return writeTable(node, sink, depth);
  const breaks = blockBreaks(node, tag);
  if (breaks !== 0) sink.block(breaks);
  for (const child of childrenOf(node)) walk(child, sink, depth + 1);
  if (breaks !== 0) sink.block(breaks);
}

/** How a block element separates from its neighbours: 2 for paragraphs (and divs holding only inline content), 1 for other blocks, 0 inline. */
function blockBreaks(element: DomElement, tag: string): 0 | 1 | 2 {
  if (PARAGRAPHS.has(tag)) return 2;
  if (!LINES.has(tag)) return 0;
  if (tag === 'div' && element.querySelector(LEAF_BLOCK_TEST) === null) return 2;
  return 1;
}

/** A preformatted block, kept as written. */
function writePre(element: DomElement, sink: TextSink): void {
  sink.block(2);
  sink.preformatted(element.textContent ?? '');
  sink.block(2);
}

/** A list: "- " before each item of an unordered list, "1. " (from start/value) in an ordered one, nested lists indented. */
function writeList(list: DomElement, sink: TextSink, depth: number): void {
  const ordered = list.localName.toLowerCase() === 'ol';
  const indent = '  '.repeat(listNesting(list));
  let number = ordered ? Number.parseInt(list.getAttribute('start') ?? '1', 10) || 1 : 0;
  sink.block(indent === '' ? 2 : 1);
  for (const child of childrenOf(list)) {
    if (isElement(child) && child.localName.toLowerCase() === 'li') {
      const value = Number.parseInt(child.getAttribute('value') ?? '', 10);
      if (ordered && Number.isFinite(value)) number = value;
      sink.listItem(indent + (ordered ? `${number++}. ` : '- '));
      for (const grandchild of childrenOf(child)) walk(grandchild, sink, depth + 2);
      sink.block(1);
    } else {
      walk(child, sink, depth + 1);
    }
  }
  sink.block(indent === '' ? 2 : 1);
}

/** How many lists enclose this one. */
function listNesting(list: DomElement): number {
  let count = 0;
  for (let parent = list.parentElement; parent; parent = parent.parentElement) {
    const tag = parent.localName.toLowerCase();
    if (tag === 'ul' || tag === 'ol' || tag === 'menu') count++;
  }
  return count;
}

/** A table: its caption on a line, then one line per row with the cells separated by tabs (a colspan adds empty cells). */
function writeTable(table: DomElement, sink: TextSink, depth: number): void {
  sink.block(2);
  for (const part of Array.from(table.children)) {
    const tag = part.localName.toLowerCase();
    if (tag === 'caption') sink.line(inlineText(part, depth));
    else if (tag === 'tr') writeRow(part, sink, depth);
    else if (tag === 'thead' || tag === 'tbody' || tag === 'tfoot') {
      for (const row of Array.from(part.children)) if (row.localName.toLowerCase() === 'tr') writeRow(row, sink, depth);
    }
  }
  sink.block(2);
}

/** One table row as a tab-separated line; rows with no text are left out. */
function writeRow(row: DomElement, sink: TextSink, depth: number): void {
  const cells: string[] = [];
  for (const cell of Array.from(row.children)) {
    const tag = cell.localName.toLowerCase();
    if (tag !== 'td' && tag !== 'th') continue;
    cells.push(inlineText(cell, depth).replace(/\t/g, ' '));
    const span = Math.min(Number.parseInt(cell.getAttribute('colspan') ?? '1', 10) || 1, 100);
    for (let i = 1; i < span; i++) cells.push('');
  }
  if (cells.some((cell) => cell !== '')) sink.line(cells.join('\t'));
}

/** An element's text on one line (blocks inside become spaces), as a table cell needs. */
function inlineText(element: DomElement, depth: number): string {
  const sink = new TextSink(true);
  for (const child of childrenOf(element)) walk(child, sink, depth + 1);
  return sink.toString().trim();
}

/** Final clean-up: soft hyphens out, NFC, trailing spaces off (tabs stay: they end rows with empty cells), at most one blank line in a row, trimmed. */
export function tidyText(text: string): string {
  return text
    .replace(/\u00ad/g, '')
    .normalize('NFC')
    .replace(/ +$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\n+|\s+$/g, '');
}

/** The plain text of an element and everything in it. */
export function elementToText(root: DomElement): string {
  const sink = new TextSink(false);
  walk(root, sink, 0);
  return tidyText(sink.toString());
}
