// Which files in a folder an import takes, the same for the window (a chosen or dropped folder) and
// `cairn import FOLDER`. A file named or chosen by itself is always tried, whatever its name.

/** The extensions Cairn imports from folders: text, Markdown, web pages, Word, PDF, CSV. */
export const IMPORTABLE_FILE = /\.(?:txt|text|md|markdown|html?|xhtml|docx|pdf|csv)$/i;

/** What operating systems and editors leave in folders (hidden files, thumbnails, lock and backup files): never a document. */
export const SYSTEM_FILE = /^(?:\..*|thumbs\.db|desktop\.ini|\$recycle\.bin|system volume information|~\$.*|.*~|.*\.tmp)$/i;
