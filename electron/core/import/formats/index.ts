// Which reader a file needs, by its extension, overridden only by an unmistakable signature (a PDF saved as .txt).
export { FormatError, type FormatErrorReason } from './format-error';
export { htmlToText, type HtmlText } from './html';
export { markdownTitle } from './markdown';
export { docxToText, type DocxText } from './docx';
export { pdfToText, type PdfText } from './pdf';

export type DocumentKind = 'text' | 'markdown' | 'html' | 'docx' | 'pdf' | 'csv' | 'json' | 'jsonl';

const BY_EXTENSION: Readonly<Record<string, DocumentKind>> = {
  '': 'text',
  txt: 'text',
  text: 'text',
  md: 'markdown',
  markdown: 'markdown',
  html: 'html',
  htm: 'html',
  xhtml: 'html',
  docx: 'docx',
  pdf: 'pdf',
  csv: 'csv',
  json: 'json',
  jsonl: 'jsonl',
  ndjson: 'jsonl',
};

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-

/** The lower-cased extension of a file name or path ('' when it has none; a leading dot, as in ".profile", is not one). */
function extensionOf(fileName: string): string {
  const base = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot + 1).toLowerCase();
}

/** The kind the first bytes prove, whatever the name says: only a PDF's "%PDF-" is that clear. */
function sniff(head: Uint8Array): DocumentKind | null {
  return PDF_MAGIC.every((byte, i) => head[i] === byte) ? 'pdf' : null;
}

/** The kind of document a file is, from its name and first bytes; null for a kind Cairn does not read. */
export function kindOf(fileName: string, head: Uint8Array): DocumentKind | null {
  const byName = Object.hasOwn(BY_EXTENSION, extensionOf(fileName)) ? BY_EXTENSION[extensionOf(fileName)] : undefined;
  return sniff(head) ?? byName ?? null;
}
