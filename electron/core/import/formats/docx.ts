// Reads the text and title of a Word .docx: mammoth turns it into HTML, which becomes plain text like a web page's
// (tables as tab-separated rows), with footnotes and endnotes numbered at the end.
import { unzipSync } from 'fflate';
import mammoth from 'mammoth';
import { elementToText, tidyText, type DomElement } from './dom-text';
import { FormatError } from './format-error';
import { parseFragment } from './html';
import { meaningfulTitle, tidyTitle } from './titles';

export interface DocxText {
  title: string | null;
  text: string;
}

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ENCRYPTED_PACKAGE = 'EncryptedPackage';

/** Title and Subtitle paragraphs keep their role in the HTML, so the title can be found and the text keeps them. */
const STYLE_MAP = ["p[style-name='Title'] => h1.docx-title:fresh", "p[style-name='Subtitle'] => p.docx-subtitle:fresh"];

/** No image is read or encoded: the text needs none, and base64 copies of photos would only cost time. */
const NO_IMAGES = mammoth.images.imgElement(() => Promise.resolve({ src: '' }));

/** True when the bytes start with `magic`. */
function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((byte, i) => bytes[i] === byte);
}

/**
 * True when an OLE compound file names an "EncryptedPackage" stream, as Office's password-protected files do. Directory
 * entries start at multiples of 128 bytes with the UTF-16 name and, at +64, the name's byte length with its terminator.
 */
function oleHasEncryptedPackage(bytes: Uint8Array): boolean {
  const name = Buffer.from(ENCRYPTED_PACKAGE, 'utf16le');
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = view.indexOf(name); at !== -1; at = view.indexOf(name, at + 2)) {
    if (at % 128 === 0 && at + 66 <= view.length && view.readUInt16LE(at + 64) === name.length + 2) return true;
  }
  return false;
}

/** Refuses what mammoth should not be given: Office's encrypted container, legacy .doc files, anything that is not a zip. */
function assertZipPackage(bytes: Uint8Array): void {
  if (bytes.length === 0) throw new FormatError('empty', 'the file is empty');
  if (startsWith(bytes, OLE_MAGIC)) {
    if (oleHasEncryptedPackage(bytes)) throw new FormatError('encrypted', 'the Word document is protected with a password');
    throw new FormatError('unsupported', 'an OLE compound file (a legacy .doc), not a .docx');
  }
  if (!startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) && !startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    throw new FormatError('corrupt', 'not a zip package');
  }
}

/** Reads the zip's directory (decompressing only the two small parts it needs): the main part must exist; the core title comes along. */
function readPackage(bytes: Uint8Array): { coreTitle: string | null } {
  const names = new Set<string>();
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (file) => {
        names.add(file.name);
        return (file.name === 'docProps/core.xml' || file.name === '_rels/.rels') && file.originalSize < 1_000_000;
      },
    });
  } catch (error) {
    throw new FormatError('corrupt', `the zip package cannot be read: ${messageOf(error)}`, { cause: error });
  }
  const main = mainPartName(files['_rels/.rels']);
  if (!names.has(main)) throw new FormatError('corrupt', `the package has no ${main}`);
  return { coreTitle: coreTitle(files['docProps/core.xml']) };
}

/** The main document part named by _rels/.rels (word/document.xml unless the package says otherwise). */
function mainPartName(rels: Uint8Array | undefined): string {
  const xml = rels ? new TextDecoder().decode(rels) : '';
  for (const relationship of xml.match(/<Relationship\b[^>]*>/g) ?? []) {
    if (!/Type="[^"]*\/officeDocument"/.test(relationship)) continue;
    const target = /Target="([^"]+)"/.exec(relationship)?.[1];
    if (target) return decodeXml(target).replace(/^\//, '');
  }
  return 'word/document.xml';
}

/** dc:title from docProps/core.xml, when it is a real title. */
function coreTitle(core: Uint8Array | undefined): string | null {
  if (!core) return null;
  const match = /<dc:title(?:\s[^>]*)?>([\s\S]*?)<\/dc:title>/.exec(new TextDecoder().decode(core));
  return match?.[1] ? meaningfulTitle(decodeXml(match[1])) : null;
}

/** XML text with its five named entities and numeric references decoded. */
function decodeXml(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return text.replace(/&(?:#x([0-9a-f]+)|#(\d+)|(amp|lt|gt|quot|apos));/gi, (whole, hex?: string, dec?: string, name?: string) => {
    if (name) return named[name.toLowerCase()] ?? whole;
    const code = Number.parseInt(hex ?? dec ?? '', hex ? 16 : 10);
    return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** The message of anything thrown. */
function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The document as HTML, by mammoth; its failures mean a damaged package. */
async function convert(bytes: Uint8Array): Promise<string> {
  try {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const result = await mammoth.convertToHtml({ buffer }, { styleMap: STYLE_MAP, convertImage: NO_IMAGES, externalFileAccess: false });
    return result.value;
  } catch (error) {
    throw new FormatError('corrupt', `the document cannot be read: ${messageOf(error)}`, { cause: error });
  }
}

/** Takes mammoth's list of footnotes and endnotes out of the body, as one line of text per note (the "↑" back-links dropped). */
function takeNotes(body: DomElement): string[] {
  const items = Array.from(body.querySelectorAll('li[id^="footnote-"], li[id^="endnote-"]'));
  const lists = new Set<DomElement>();
  const notes = items.map((item) => {
    for (const link of Array.from(item.querySelectorAll('a[href^="#footnote-ref-"], a[href^="#endnote-ref-"]'))) link.remove();
    if (item.parentElement) lists.add(item.parentElement);
    return elementToText(item).replace(/\s*\n+\s*/g, ' ');
  });
  for (const list of lists) list.remove();
  return notes;
}

/** The title paragraph's text, else the first Heading 1's. */
function headingTitle(body: DomElement): string | null {
  const heading = body.querySelector('h1.docx-title') ?? body.querySelector('h1');
  const title = heading ? tidyTitle(heading.textContent ?? '') : '';
  return title === '' ? null : title;
}

/** Title and text of a .docx file. */
export async function docxToText(bytes: Uint8Array): Promise<DocxText> {
  assertZipPackage(bytes);
  const { coreTitle: fromCore } = readPackage(bytes);
  const body = parseFragment(await convert(bytes));
  const notes = takeNotes(body);
  const main = elementToText(body);
  const noteLines = notes.map((note, i) => `[${i + 1}] ${note}`).join('\n');
  const text = tidyText(notes.length > 0 ? `${main}\n\n${noteLines}` : main);
  if (text === '') throw new FormatError('empty', 'the document has no text');
  return { title: headingTitle(body) ?? fromCore, text };
}
