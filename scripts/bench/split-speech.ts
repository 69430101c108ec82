// Cuts one speech into records of about 4 KB at paragraph boundaries (sentences when a paragraph
// alone is too long), the way a long document is kept as several archive records.

export const TARGET_BYTES = 4096;
/** A paragraph longer than this is cut at sentence ends. */
const MAX_UNIT_BYTES = 6144;

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/**
 * Paragraphs are separated by blank lines where the speech has any (hard-wrapped layouts);
 * otherwise each line is a paragraph (one-paragraph-per-line layouts).
 */
export function paragraphs(text: string): string[] {
  const clean = text.replace(/\r\n?/g, '\n');
  const parts = /\n[ \t]*\n/.test(clean) ? clean.split(/\n[ \t]*\n+/) : clean.split('\n');
  return parts.map((p) => p.trim()).filter((p) => p.length > 0);
}

function sentences(paragraph: string): string[] {
  const out: string[] = [];
  let current = '';
  for (const s of paragraph.split(/(?<=[.!?;])\s+/)) {
    if (current && bytes(current) + bytes(s) + 1 > TARGET_BYTES) {
      out.push(current);
      current = s;
    } else {
      current = current ? `${current} ${s}` : s;
    }
  }
  if (current) out.push(current);
  return out;
}

/**
 * Packs paragraphs in order into records of about TARGET_BYTES: a paragraph joins the current
 * record when that brings the record nearer to the target; a short tail joins the last record.
 */
export function splitIntoRecords(text: string): string[] {
  const units = paragraphs(text).flatMap((p) => (bytes(p) > MAX_UNIT_BYTES ? sentences(p) : [p]));
  const records: string[] = [];
  let current: string[] = [];
  let size = 0;
  for (const unit of units) {
    const add = bytes(unit) + (current.length ? 2 : 0);
    if (current.length && Math.abs(size + add - TARGET_BYTES) >= Math.abs(size - TARGET_BYTES)) {
      records.push(current.join('\n\n'));
      current = [];
      size = 0;
    }
    current.push(unit);
    size += bytes(unit) + (current.length > 1 ? 2 : 0);
  }
  if (current.length) {
    const tail = current.join('\n\n');
    const last = records.at(-1);
    if (last !== undefined && bytes(tail) < TARGET_BYTES / 4) records[records.length - 1] = `${last}\n\n${tail}`;
    else records.push(tail);
  }
  return records;
}
