// Annotations on a record's text: made from a passage (offsets or words), edited, and anchored
// again after the text is corrected (see anchor.ts). Pure: the archive logs and writes the result.
import type { AnnotateArgs, Annotation, Author, CairnRecord, TextPosition } from '../../contract';
import { text } from '../../common/i18n/text';
import { CairnError } from '../errors';
import { uniqueTags } from '../model/record';
import { anchor, findOccurrence, quoteAt } from './anchor';

/** A note as stored: composed characters, \n line ends, no trailing white space. */
export const cleanNote = (note: string): string => note.normalize('NFC').replace(/\r\n?/g, '\n').trimEnd();

/** Where the passage an annotation asks for is; refuses an empty, out-of-range or absent one. */
export function passageOf(record: CairnRecord, args: Pick<AnnotateArgs, 'position' | 'quote' | 'occurrence'>): TextPosition {
  const body = record.text;
  if (args.position) {
    const { start, end } = args.position;
    if (end > body.length || start >= end) throw new CairnError('E_VALIDATION', text('annotation_out_of_range', { start, end, length: body.length }));
    if (body.slice(start, end).trim() === '') throw new CairnError('E_VALIDATION', text('annotation_empty'));
    return { start, end };
  }
  const quote = args.quote ?? '';
  if (quote.trim() === '') throw new CairnError('E_VALIDATION', text('annotation_empty'));
  const occurrence = args.occurrence ?? 1;
  const found = findOccurrence(body, quote, occurrence) ?? findOccurrence(body, quote.normalize('NFC'), occurrence);
  if (!found) {
    const first = findOccurrence(body, quote, 1);
    throw new CairnError('E_NOT_FOUND', first ? text('annotation_occurrence_not_found', { quote: quote.slice(0, 80), occurrence }) : text('annotation_quote_not_found', { quote: quote.slice(0, 80), title: record.title }));
  }
  return found;
}

export function newAnnotation(record: CairnRecord, args: AnnotateArgs, id: string, by: Author, at: string): Annotation {
  const position = passageOf(record, args);
  return {
    id,
    position,
    quote: quoteAt(record.text, position.start, position.end),
    note: cleanNote(args.note ?? ''),
    tags: uniqueTags(args.tags ?? []),
    by,
    createdAt: at,
    updatedAt: at,
  };
}

/** What a correction did to a record's annotations. */
export interface Reanchoring {
  annotations: Annotation[];
  moved: number;
  approximate: number;
  orphaned: number;
}

/**
 * Every annotation anchored in the corrected text: where its quote still sits, else the quote
 * with its context, else the best approximate match; orphaned (position null, quote kept) when its
 * passage is gone. An anchored annotation takes the words it now covers as its quote.
 */
export function reanchor(annotations: readonly Annotation[], corrected: string): Reanchoring {
  const out: Reanchoring = { annotations: [], moved: 0, approximate: 0, orphaned: 0 };
  for (const a of annotations) {
    const found = anchor(corrected, a.quote, a.position);
    if (!found.position) {
      if (a.position !== null) out.orphaned++;
      const { approximate: _gone, ...rest } = a;
      void _gone;
      out.annotations.push({ ...rest, position: null });
      continue;
    }
    const { start, end } = found.position;
    const same = a.position?.start === start && a.position?.end === end && found.method === 'position';
    if (!same) out.moved++;
    if (found.method === 'fuzzy') out.approximate++;
    const next: Annotation = { ...a, position: { start, end }, quote: quoteAt(corrected, start, end) };
    // An approximate match is flagged for a person to look at; an exact one clears the flag, an unmoved one keeps it.
    if (found.method === 'fuzzy') next.approximate = true;
    else if (!same) delete next.approximate;
    out.annotations.push(next);
  }
  return out;
}

