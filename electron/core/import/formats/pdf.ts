// Reads the text of a PDF with pdf.js, in plain Node or a worker thread: no worker of its own, no fonts, no eval, no
// network, nothing printed. The text pieces are put in reading order by pdf-layout.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import type { TextItem, TextMarkedContent } from 'pdfjs-dist/types/src/display/api';
import { FormatError } from './format-error';
import { layoutPages, type Piece } from './pdf-layout';
import { meaningfulTitle } from './titles';

export interface PdfText {
  title: string | null;
  text: string;
  pages: number;
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let loading: Promise<PdfJs> | null = null;

/** Runs `load` with pdf.js's own console lines ("Warning: …", "Info: …") silenced: it may warn once while loading, before any verbosity can be set. */
async function quietly<T>(load: () => Promise<T>): Promise<T> {
  const log = console.log;
  console.log = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && /^(?:Warning|Info|Deprecated API usage): /.test(args[0])) return;
    log(...args);
  };
  try {
    return await load();
  } finally {
    console.log = log;
  }
}

/**
 * pdf.js, loaded once (tried again after a failed load). Its worker module is imported first: it registers itself as globalThis.pdfjsWorker, which pdf.js
 * then runs in this thread (a "fake worker") instead of starting a worker from a URL.
 */
function pdfjs(): Promise<PdfJs> {
  loading ??= quietly(async () => {
    await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
    return import('pdfjs-dist/legacy/build/pdf.mjs');
  }).catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}

/** The folder of pdf.js's character maps (for CJK fonts without their own), as the file-system path pdf.js wants, or undefined. */
function cMapFolder(): string | undefined {
  try {
    const packageJson = createRequire(import.meta.url).resolve('pdfjs-dist/package.json');
    return `${join(dirname(packageJson), 'cmaps')}/`;
  } catch {
    return undefined;
  }
}

/** The name of anything thrown, to tell pdf.js's exceptions apart across module instances. */
function nameOf(error: unknown): string {
  return error instanceof Error ? error.name : '';
}

/** The message of anything thrown. */
function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Maps a pdf.js failure to a FormatError: a password wanted, or a damaged file. */
function formatErrorOf(error: unknown): FormatError {
  if (nameOf(error) === 'PasswordException') return new FormatError('encrypted', 'the PDF is protected with a password', { cause: error });
  return new FormatError('corrupt', `the PDF cannot be read: ${messageOf(error)}`, { cause: error });
}

/** True for pdf.js's text items (not marked-content markers). */
function isTextItem(item: TextItem | TextMarkedContent): item is TextItem {
  return 'str' in item && typeof item.str === 'string';
}

/** A number from pdf.js's loosely typed transform, 0 if it is not one. */
function numberAt(values: unknown[], index: number): number {
  const value = values[index];
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/** A text item as a positioned piece: baseline origin from its transform, font size from its vertical scale. */
function pieceOf(item: TextItem): Piece {
  const transform: unknown[] = item.transform;
  const size = Math.hypot(numberAt(transform, 2), numberAt(transform, 3)) || item.height || 1;
  return { text: item.str, x: numberAt(transform, 4), y: numberAt(transform, 5), width: item.width, size, rtl: item.dir === 'rtl' };
}

/** The pieces of text on one page. */
async function pagePieces(document: PDFDocumentProxy, number: number): Promise<Piece[]> {
  const page = await document.getPage(number);
  try {
    const content = await page.getTextContent();
    return content.items.filter(isTextItem).map(pieceOf);
  } finally {
    page.cleanup();
  }
}

/** The document's own title (info dictionary, else XMP dc:title) when it is a real one. */
async function documentTitle(document: PDFDocumentProxy): Promise<string | null> {
  const { info, metadata } = await document.getMetadata();
  const fromInfo = typeof info === 'object' && info !== null && 'Title' in info ? meaningfulTitle(String(info.Title)) : null;
  return fromInfo ?? meaningfulTitle(metadata?.get('dc:title'));
}

/** Title, text and page count of a PDF. */
export async function pdfToText(bytes: Uint8Array): Promise<PdfText> {
  if (bytes.length === 0) throw new FormatError('empty', 'the file is empty');
  const { getDocument } = await pdfjs();
  const task = getDocument({
    // A plain Uint8Array copy: pdf.js takes the buffer over, and refuses a Node Buffer.
    data: new Uint8Array(bytes),
    verbosity: 0,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    useWasm: false,
    stopAtErrors: false,
    isOffscreenCanvasSupported: false,
    isImageDecoderSupported: false,
    cMapUrl: cMapFolder(),
    cMapPacked: true,
  });
  try {
    const document = await task.promise.catch((error: unknown) => Promise.reject(formatErrorOf(error)));
    const pages: Piece[][] = [];
    for (let number = 1; number <= document.numPages; number++) {
      pages.push(await pagePieces(document, number).catch((error: unknown) => Promise.reject(formatErrorOf(error))));
    }
    if (document.numPages === 0) throw new FormatError('empty', 'the PDF has no pages');
    const text = layoutPages(pages);
    if (text === '') throw new FormatError('no-text-layer', 'the PDF has no text layer (a scan?)');
    return { title: await documentTitle(document), text, pages: document.numPages };
  } finally {
    await task.destroy();
  }
}
