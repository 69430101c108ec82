// A note's simple formatting, parsed into parts the UI renders as elements (never as HTML):
// blank lines make paragraphs, *words* are emphasis, and links are shown as text, never followed.

export type Inline = { kind: 'text'; text: string } | { kind: 'em'; text: string } | { kind: 'link'; url: string };

const INLINE = /(\*[^*\s][^*]*\*)|(https?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]])/g;

export function noteParagraphs(note: string): Inline[][] {
  return note
    .split(/\n[ \t]*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map(inlineParts);
}

function inlineParts(paragraph: string): Inline[] {
  const parts: Inline[] = [];
  let at = 0;
  for (const m of paragraph.matchAll(INLINE)) {
    if (m.index > at) parts.push({ kind: 'text', text: paragraph.slice(at, m.index) });
    if (m[1]) parts.push({ kind: 'em', text: m[1].slice(1, -1) });
    else parts.push({ kind: 'link', url: m[0] });
    at = m.index + m[0].length;
  }
  if (at < paragraph.length) parts.push({ kind: 'text', text: paragraph.slice(at) });
  return parts;
}
