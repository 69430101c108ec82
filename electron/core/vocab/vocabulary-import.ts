// Reading a vocabulary someone else made: CSV (id,label,broader,altLabels, with a language column
// or label@ru columns), SKOS in Turtle or JSON-LD (through well-kept RDF parsers), or Cairn's own
// JSON. Labels in several languages: the vocabulary's main language gives a concept its label (the
// tag records carry), the others its translations. Anything wrong is named by its line or concept,
// and nothing is stored (the caller stores only what this returns).
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Vocabulary, VocabularyConcept, VocabularyTranslation } from '../../contract';
import { text, type LocalText } from '../../common/i18n/text';
import { CairnError } from '../errors';
import { structuralIssue, validateVocabulary } from './vocabulary-file';

/** Far above any real vocabulary file. */
export const MAX_VOCABULARY_IMPORT_BYTES = 64 * 1048576;

export type VocabularyFormat = 'csv' | 'turtle' | 'jsonld' | 'cairn';

export interface VocabularyFileOptions {
  /** The vocabulary's id; default: from the scheme's IRI or the file's name. */
  id?: string;
  /** Its label; default: the scheme's title or the file's name. */
  label?: string;
}

const fail = (said: LocalText): never => {
  throw new CairnError('E_VALIDATION', text('vocab_import_failed', { issue: said }));
};

/** The file as UTF-8 text (a byte-order mark dropped); bytes that are not UTF-8 are named by their line. */
export function decodeVocabularyText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    let line = 1;
    let start = 0;
    for (let i = 0; i <= bytes.length; i++) {
      if (i === bytes.length || bytes[i] === 0x0a) {
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start, i));
        } catch {
          return fail(text('vocab_import_not_utf8', { line }));
        }
        line++;
        start = i + 1;
      }
    }
    return fail(text('vocab_import_not_utf8', { line }));
  }
}

/** Which kind of file it is, by its name, else by its first characters. */
export function formatOf(fileName: string, body: string): VocabularyFormat {
  const ext = path.extname(fileName).toLowerCase();
  if (ext === '.csv' || ext === '.tsv') return 'csv';
  if (ext === '.ttl' || ext === '.n3' || ext === '.nt') return 'turtle';
  if (ext === '.jsonld') return 'jsonld';
  const start = body.trimStart();
  if (start.startsWith('{') || start.startsWith('[')) {
    try {
      const json = JSON.parse(start) as Record<string, unknown>;
      return Array.isArray(json) || '@context' in json || '@graph' in json ? 'jsonld' : 'cairn';
    } catch {
      return fail(text('vocab_import_bad_json'));
    }
  }
  if (/^(@prefix|@base|PREFIX|BASE|<)/i.test(start)) return 'turtle';
  return 'csv';
}

/** An id from a file's name or an IRI's last part: letters, digits, _ and -. */
export function idFrom(name: string): string {
  const id = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100);
  // A name with no Latin letters (Словарь.csv) still gets an id of its own, the same each time.
  if (id) return id;
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + ch.codePointAt(0)!) >>> 0;
  return `vocabulary-${hash.toString(36)}`;
}

/** One concept as read, in every language, before the main language is chosen. */
export interface ConceptDraft {
  id: string;
  /** Where it was read (a CSV line, an IRI), for messages. */
  where: LocalText | string;
  labels: Map<string, string>;
  altLabels: Map<string, string[]>;
  scopeNotes: Map<string, string>;
  broader?: string;
  color?: string;
}

/** Labels with no language are the main language's ("" below). */
const NO_LANGUAGE = '';

/**
 * Concept drafts to a vocabulary: the main language is English when a concept has an English label,
 * else the file's most used language; a concept's label is its main-language label, else its
 * unmarked one, else its first. Every other language becomes a translation.
 */
export function vocabularyFrom(id: string, label: string, drafts: readonly ConceptDraft[], labelTranslations: Map<string, string> = new Map()): Vocabulary {
  const uses = new Map<string, number>();
  for (const d of drafts) for (const lang of d.labels.keys()) if (lang) uses.set(lang.split('-')[0]!, (uses.get(lang.split('-')[0]!) ?? 0) + 1);
  // Labels without a language are the main language's; else English, else the most used.
  const unmarked = drafts.some((d) => d.labels.has(NO_LANGUAGE));
  const main = unmarked ? NO_LANGUAGE : uses.has('en') ? 'en' : ([...uses].sort((a, b) => b[1] - a[1])[0]?.[0] ?? NO_LANGUAGE);
  const isMain = (lang: string) => lang === NO_LANGUAGE || lang === main || (main !== NO_LANGUAGE && lang.split('-')[0] === main);
  const concepts: VocabularyConcept[] = drafts.map((d) => {
    const mainLabel = [...d.labels].find(([lang]) => lang !== NO_LANGUAGE && isMain(lang))?.[1];
    const ownLabel = d.labels.get(main) ?? d.labels.get(NO_LANGUAGE) ?? mainLabel ?? (unmarked ? d.labels.get('en') : undefined) ?? [...d.labels.values()][0];
    if (!ownLabel) return fail(text('vocab_import_no_label', { where: d.where }));
    const translations: Record<string, VocabularyTranslation> = {};
    const languages = new Set([...d.labels.keys(), ...d.altLabels.keys(), ...d.scopeNotes.keys()]);
    for (const lang of languages) {
      if (isMain(lang)) continue;
      const t: VocabularyTranslation = {};
      const l = d.labels.get(lang);
      if (l && l !== ownLabel) t.label = l;
      const alts = d.altLabels.get(lang);
      if (alts?.length) t.altLabels = alts;
      const note = d.scopeNotes.get(lang);
      if (note) t.scopeNote = note;
      if (Object.keys(t).length) translations[lang] = t;
    }
    const alts = [...new Set([...d.altLabels].filter(([lang]) => isMain(lang)).flatMap(([, a]) => a))];
    const note = d.scopeNotes.get(main) ?? d.scopeNotes.get(NO_LANGUAGE) ?? [...d.scopeNotes].find(([lang]) => isMain(lang))?.[1];
    return {
      id: d.id,
      label: ownLabel,
      altLabels: alts,
      ...(d.broader ? { broader: d.broader } : {}),
      ...(d.color ? { color: d.color } : {}),
      ...(note ? { scopeNote: note } : {}),
      ...(Object.keys(translations).length ? { translations } : {}),
    };
  });
  const translations = Object.fromEntries([...labelTranslations].filter(([lang]) => !isMain(lang)).map(([lang, l]) => [lang, { label: l }]));
  const vocabulary: Vocabulary = { id, label, concepts, ...(Object.keys(translations).length ? { translations } : {}) };
  const wrong = structuralIssue(vocabulary);
  if (wrong) fail(wrong);
  return validateVocabulary(vocabulary);
}

const CSV_COLUMNS: Record<string, 'id' | 'label' | 'broader' | 'altLabels' | 'scopeNote' | 'color' | 'language'> = {
  id: 'id',
  notation: 'id',
  label: 'label',
  preflabel: 'label',
  name: 'label',
  broader: 'broader',
  parent: 'broader',
  altlabels: 'altLabels',
  altlabel: 'altLabels',
  aliases: 'altLabels',
  synonyms: 'altLabels',
  scopenote: 'scopeNote',
  definition: 'scopeNote',
  note: 'scopeNote',
  color: 'color',
  colour: 'color',
  language: 'language',
  lang: 'language',
};

/**
 * CSV: a header of id,label,broader,altLabels (scopeNote, color, language optional; label@ru,
 * altLabels@ru and scopeNote@ru for other languages). With a language column, a concept may take
 * one line per language. Other labels are split on ; or |.
 */
export function readCsvVocabulary(body: string, fileName: string, options: VocabularyFileOptions = {}): Vocabulary {
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    const delimiter = path.extname(fileName).toLowerCase() === '.tsv' ? '\t' : body.split('\n', 1)[0]!.includes(';') && !body.split('\n', 1)[0]!.includes(',') ? ';' : ',';
    // With each row, the line it ends on: a cell may hold line breaks, and blank lines are skipped.
    rows = parse(body, { delimiter, bom: true, relax_column_count: true, skip_empty_lines: true, trim: true, info: true }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    return fail(text('vocab_import_csv_unreadable', { line: line ?? 1, reason: (e as Error).message }));
  }
  const header = rows[0]?.record;
  const lines = rows.slice(1);
  if (!header) return fail(text('vocab_import_empty'));
  const columns = header.map((h) => {
    const [name, lang] = h.trim().split('@', 2) as [string, string | undefined];
    const field = CSV_COLUMNS[name.toLowerCase().replace(/[\s_-]/g, '')];
    return field ? { field, lang: lang?.trim() ?? null } : null;
  });
  if (!columns.some((c) => c?.field === 'id') || !columns.some((c) => c?.field === 'label')) {
    return fail(text('vocab_import_csv_header', { header: header.join(',') }));
  }
  const drafts = new Map<string, ConceptDraft>();
  const split = (v: string) => v.split(/[;|]/).map((s) => s.trim()).filter(Boolean);
  lines.forEach(({ record: row, info }) => {
    const line = info.lines;
    const cell = (field: string, lang: string | null = null) => {
      const at = columns.findIndex((c) => c?.field === field && c.lang === lang);
      return at >= 0 ? (row[at] ?? '').trim() : '';
    };
    if (row.every((v) => v.trim() === '')) return;
    const id = cell('id');
    if (!id) return fail(text('vocab_import_csv_no_id', { line }));
    const language = cell('language').toLowerCase();
    const draft: ConceptDraft = drafts.get(id) ?? { id, where: text('vocab_import_line', { line }), labels: new Map(), altLabels: new Map(), scopeNotes: new Map() };
    if (drafts.has(id) && !columns.some((c) => c?.field === 'language')) return fail(text('vocab_import_csv_duplicate', { line, id }));
    if (drafts.has(id) && draft.labels.has(language)) return fail(text('vocab_import_csv_duplicate', { line, id }));
    const label = cell('label');
    if (label) draft.labels.set(language, label);
    const alts = split(cell('altLabels'));
    if (alts.length) draft.altLabels.set(language, alts);
    const note = cell('scopeNote');
    if (note) draft.scopeNotes.set(language, note);
    const broader = cell('broader');
    if (broader) draft.broader = broader;
    const colour = cell('color');
    if (colour) draft.color = colour;
    // label@ru, altLabels@ru, scopeNote@ru
    columns.forEach((c, at) => {
      if (!c?.lang) return;
      const value = (row[at] ?? '').trim();
      if (!value) return;
      const lang = c.lang.toLowerCase();
      if (c.field === 'label') draft.labels.set(lang, value);
      else if (c.field === 'altLabels') draft.altLabels.set(lang, split(value));
      else if (c.field === 'scopeNote') draft.scopeNotes.set(lang, value);
    });
    if (draft.labels.size === 0) return fail(text('vocab_import_csv_no_label', { line, id }));
    drafts.set(id, draft);
  });
  if (drafts.size === 0) return fail(text('vocab_import_empty'));
  // A broader concept named by its label, not its id, is found too.
  const byLabel = new Map<string, string>();
  for (const d of drafts.values()) for (const l of d.labels.values()) byLabel.set(l.toLowerCase(), d.id);
  for (const d of drafts.values()) if (d.broader && !drafts.has(d.broader)) d.broader = byLabel.get(d.broader.toLowerCase()) ?? d.broader;
  const name = path.basename(fileName, path.extname(fileName));
  return vocabularyFrom(options.id ?? idFrom(name), options.label ?? name, [...drafts.values()]);
}
