// Proposes a title for a Markdown file (whose text is kept verbatim): front matter's title, else the first heading.

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const SETEXT_UNDERLINE = /^ {0,3}(=+|-+)[ \t]*$/;
const FRONT_MATTER_TITLE = /^title:\s*(.+?)\s*$/i;

/** A heading's text without inline Markdown: links and images keep their words, emphasis and code marks go (underscores inside words stay). */
function plainInline(text: string): string {
  return text
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|\*|`)(.+?)\1/g, '$2')
    .replace(/(?<![\p{L}\p{N}])(__|_)(.+?)\1(?![\p{L}\p{N}])/gu, '$2')
    .replace(/\\([\\`*_{}[\]()#+\-.!])/g, '$1')
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A YAML front-matter value without its quotes. */
function unquote(value: string): string {
  const quoted = /^(["'])(.*)\1$/.exec(value);
  return quoted?.[2] ?? value;
}

/** The title in a leading YAML front matter block ("---" … "title: …" … "---"), and the line after the block. */
function frontMatter(lines: string[]): { title: string | null; next: number } {
  if (lines[0]?.trim() !== '---') return { title: null, next: 0 };
  let title: string | null = null;
  for (let i = 1; i < lines.length && i < 200; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '---' || line.trim() === '...') return { title, next: i + 1 };
    const match = FRONT_MATTER_TITLE.exec(line);
    if (match?.[1] && title === null) title = plainInline(unquote(match[1]));
  }
  return { title: null, next: 0 };
}

/** True when a line could be the text of a setext heading (a paragraph line, not a list item, quote, or indented code). */
function couldBeSetextText(line: string): boolean {
  return line.trim() !== '' && !/^ {4}/.test(line) && !/^ {0,3}(?:[-*+>]\s|\d+[.)]\s|#)/.test(line) && !FENCE.test(line);
}

/** The first ATX ("# Title") or setext (underlined with === or ---) heading, preferring the first of level 1; front matter's title first of all. */
export function markdownTitle(text: string): string | null {
  const lines = text.replace(/^\ufeff/, '').split(/\r\n|\r|\n/);
  const front = frontMatter(lines);
  if (front.title) return front.title;
  let fence: string | null = null;
  let firstAnyLevel: string | null = null;
  for (let i = front.next; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const fenceMark = FENCE.exec(line)?.[1];
    if (fenceMark && (fence === null || fenceMark.startsWith(fence))) {
      fence = fence === null ? fenceMark.slice(0, 3) : null;
      continue;
    }
    if (fence !== null) continue;
    const heading = headingAt(lines, i);
    if (!heading) continue;
    if (heading.level === 1) return heading.text;
    firstAnyLevel ??= heading.text;
  }
  return firstAnyLevel;
}

/** The heading that line `i` is (ATX) or that ends at line `i` (setext underline), if any. */
function headingAt(lines: string[], i: number): { level: number; text: string } | null {
  const line = lines[i] ?? '';
  const atx = ATX.exec(line);
  if (atx?.[1]) {
    const text = plainInline(atx[2] ?? '');
    return text === '' ? null : { level: atx[1].length, text };
  }
  const underline = SETEXT_UNDERLINE.exec(line)?.[1];
  const previous = lines[i - 1];
  if (!underline || previous === undefined || !couldBeSetextText(previous)) return null;
  if (i >= 2 && couldBeSetextText(lines[i - 2] ?? '')) return null;
  const text = plainInline(previous);
  return text === '' ? null : { level: underline.startsWith('=') ? 1 : 2, text };
}
