// Cleans the titles documents carry about themselves (PDF info, docx core properties, <title>), refusing the ones tools write by themselves.

const TOOL_TITLE = /^(?:untitled(?:\s+document)?|unknown|title|document\s*\d*|doc\d*|presentation\d*|slide\s*\d+|без названия|документ\s*\d*|(?:microsoft\s+)?(?:word|excel|powerpoint)\s+-\s+.*)$/iu;
const FILE_NAME = /\.(?:docx?|pdf|odt|rtf|txt|xlsx?|pptx?|indd|qxd|p65|tiff?|jpe?g|png|html?)$/i;
const PATH_LIKE = /^(?:[a-z]:\\|\\\\|\/)\S*$/i;

/** Whitespace collapsed, NFC, trimmed. */
export function tidyTitle(raw: string): string {
  return raw.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/** The title as written when it names the document, else null (empty, "Untitled", "Microsoft Word - a.docx", a file name or path, no letters). */
export function meaningfulTitle(raw: string | null | undefined): string | null {
  if (typeof raw !== 'string') return null;
  const title = tidyTitle(raw);
  if (title.length < 2 || !/\p{L}/u.test(title)) return null;
  if (TOOL_TITLE.test(title) || FILE_NAME.test(title) || PATH_LIKE.test(title)) return null;
  return title;
}

const SEPARATOR = /\s+(?:\||-|–|—|::|·|»|•)\s+/gu;

/** A page <title> without a trailing site name: "Floods in Khatlon | United Nations" → "Floods in Khatlon" (a short suffix after the last separator, when two words or more remain). */
export function withoutSiteSuffix(raw: string): string {
  const title = tidyTitle(raw);
  const separators = [...title.matchAll(SEPARATOR)];
  const last = separators.at(-1);
  if (!last || last.index === undefined) return title;
  const head = title.slice(0, last.index).trim();
  const tail = title.slice(last.index + last[0].length).trim();
  const words = (text: string) => text.split(' ').filter(Boolean).length;
  return words(tail) <= 4 && words(head) >= 2 ? head : title;
}
