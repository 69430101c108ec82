// Countries, capitals and dateline cities in English and Russian, and a scanner that finds them in
// a text's words (whole words, case- and diacritic-insensitive, Russian case forms included).
// Country names come from Intl.DisplayNames over the ISO codes of the table in gazetteer-data.ts;
// everything is built once, on first use, into a word trie, so a scan is one Map lookup per word.
import { CITY_ROWS, COUNTRY_ROWS } from './gazetteer-data';

export type PlaceKind = 'country' | 'city';

export interface PlaceEntry {
  /** Preferred English name. */
  name: string;
  /** Preferred Russian name. */
  ru: string;
  kind: PlaceKind;
  /** ISO 3166 code of the country (of the city's country, for a city). */
  country: string;
}

/** A word of the text as the scanner needs it. */
export interface ScanWord {
  /** wordKey() of the word. */
  key: string;
  /** Starts with a capital letter. */
  cap: boolean;
  /** All its letters are capitals (an acronym or a shouted word). */
  upper: boolean;
  /** Only spaces (or an abbreviation's full stop) separate it from the previous word. */
  joinPrev: boolean;
  /** First word of a sentence or line. */
  sentStart: boolean;
}

export interface PlaceMention {
  /** Word indices [start, end) of the mention, official prefix ("Republic of") included. */
  start: number;
  end: number;
  place: PlaceEntry;
  /** The gazetteer's spelling of the name the text used (nominative for Russian). */
  form: string;
  /** The official long form as written ("Republic of Turkey"), when the text used one. */
  official: string | null;
  lang: 'en' | 'ru';
}

/** A word: an initials abbreviation ("H.E.", "U.S.", "В.И.") or letters/digits joined by inner apostrophes or hyphens. */
export const WORD_SOURCE = String.raw`\p{Lu}\.(?:[ \t]?\p{Lu}\.)+|[\p{L}\p{N}](?:[\p{L}\p{M}\p{N}]|['’‐‑-](?=[\p{L}\p{N}]))*`;
const WORD_RE = new RegExp(WORD_SOURCE, 'gu');

const LETTER_MAP: Record<string, string> = { ł: 'l', ø: 'o', đ: 'd', ð: 'd', þ: 'th', æ: 'ae', œ: 'oe', ß: 'ss', ı: 'i', '’': "'", '‘': "'", ʼ: "'", '‐': '-', '‑': '-' };
const SPECIAL_LETTERS = /[łøđðþæœßı’‘ʼ‐‑]/g;

/**
 * A name for comparison: lower case, no diacritics (ё→е, but й stays й), one space between words,
 * curly apostrophes and hyphen variants made plain. Pure ASCII takes the fast path; short strings
 * are cached, as names repeat from document to document.
 */
export function foldName(s: string): string {
  const cached = s.length <= 80 ? foldCache.get(s) : undefined;
  if (cached !== undefined) return cached;
  const out = foldUncached(s);
  if (s.length <= 80) {
    if (foldCache.size >= 100_000) foldCache.clear();
    foldCache.set(s, out);
  }
  return out;
}

const foldCache = new Map<string, string>();

/** foldName without its cache. */
function foldUncached(s: string): string {
  let out = s.toLowerCase();
  if (/[^\x20-\x7e]/.test(out)) {
    out = out
      .replace(SPECIAL_LETTERS, (ch) => LETTER_MAP[ch] ?? ch)
      .normalize('NFD')
      .replace(/\u0438\u0306/g, 'й')
      .replace(/\p{M}/gu, '');
  }
  return out.replace(/\s+/g, ' ').trim();
}

const keyCache = new Map<string, string>();

/** The lookup key of one word: folded, an English possessive ('s) dropped. Cached: words repeat across documents. */
export function wordKey(word: string): string {
  const cached = keyCache.get(word);
  if (cached !== undefined) return cached;
  const f = foldName(word);
  const key = f.endsWith("'s") ? f.slice(0, -2) : f;
  if (keyCache.size >= 100_000) keyCache.clear();
  keyCache.set(word, key);
  return key;
}

/** The words of a name, as keys. */
function nameKeys(name: string): string[] {
  return [...name.matchAll(WORD_RE)].map((m) => wordKey(m[0]));
}

// ---------------------------------------------------------------------------------------------
// Russian case forms

const ADJ_ENDINGS: Record<string, readonly string[]> = {
  ая: ['ая', 'ой', 'ую', 'ою'],
  яя: ['яя', 'ей', 'юю'],
  ый: ['ый', 'ого', 'ому', 'ым', 'ом'],
  ий: ['ий', 'его', 'ого', 'ему', 'ому', 'им', 'ем', 'ом'],
  ое: ['ое', 'ого', 'ому', 'ым', 'ом'],
  ее: ['ее', 'его', 'ему', 'им', 'ем'],
  ые: ['ые', 'ых', 'ым', 'ыми'],
  ие: ['ие', 'их', 'им', 'ими'],
};
const NOUN_ENDINGS: Record<string, readonly string[]> = {
  ия: ['ия', 'ии', 'ию', 'ией', 'иею'],
  я: ['я', 'и', 'е', 'ю', 'ей', 'ею'],
  а: ['а', 'ы', 'и', 'е', 'у', 'ой', 'ою'],
  ы: ['ы', '', 'ов', 'ам', 'ами', 'ах'],
  ь: ['ь', 'я', 'ю', 'е', 'ем', 'и', 'ью'],
  й: ['й', 'я', 'ю', 'е', 'ем'],
};
const CONSONANT_ENDINGS = ['', 'а', 'у', 'е', 'ом', 'ем'];

/**
 * The case forms of one Russian word of a place name (folded, nominative): adjectives and nouns
 * by their ending, foreign names in -о/-е/-и/-у as indeclinable. A hyphenated name declines its
 * last part ("Нью-Йорка"), or its first when the last does not decline ("Гвинеи-Бисау").
 */
export function ruWordForms(word: string): string[] {
  const dash = word.lastIndexOf('-');
  if (dash > 0) {
    const head = word.slice(0, dash);
    const last = word.slice(dash + 1);
    const lastForms = ruWordForms(last);
    if (lastForms.length > 1) return lastForms.map((f) => `${head}-${f}`);
    const firstDash = word.indexOf('-');
    const rest = word.slice(firstDash);
    return ruWordForms(word.slice(0, firstDash)).map((f) => f + rest);
  }
  if (!/[а-яё]$/.test(word) || word.length < 3) return [word];
  for (const [end, forms] of Object.entries(ADJ_ENDINGS)) {
    if (word.endsWith(end) && word.length > 4) return forms.map((f) => word.slice(0, -end.length) + f);
  }
  for (const [end, forms] of Object.entries(NOUN_ENDINGS)) {
    if (word.endsWith(end)) return forms.map((f) => word.slice(0, -end.length) + f).filter((f) => f.length >= 2);
  }
  if (/[оеиуэю]$/.test(word)) return [word];
  return CONSONANT_ENDINGS.map((f) => word + f);
}

// ---------------------------------------------------------------------------------------------
// The table, built once

interface NameHit {
  place: PlaceEntry;
  form: string;
  lang: 'en' | 'ru';
  /** An all-capitals abbreviation ("USA", "РФ"): must be written in capitals. */
  acronym: boolean;
}

interface TrieNode {
  next: Map<string, TrieNode>;
  hits: NameHit[];
}

interface Gazetteer {
  root: TrieNode;
  /** Every case form of every name word → the nominative words it can stand for. */
  forms: Map<string, string[]>;
  /** Folded full name (any listed spelling, lookup-only ones too) → entries. */
  byName: Map<string, PlaceEntry[]>;
}

let built: Gazetteer | null = null;

const newNode = (): TrieNode => ({ next: new Map(), hits: [] });

/** Splits a table field into names; '=' marks the preferred one, '!' a lookup-only one. */
function parseNames(field: string | undefined): { names: string[]; preferred: string | null; lookupOnly: Set<string> } {
  const names: string[] = [];
  let preferred: string | null = null;
  const lookupOnly = new Set<string>();
  for (const raw of (field ?? '').split(';')) {
    let name = raw.trim();
    if (!name) continue;
    if (name.startsWith('=')) preferred = name = name.slice(1);
    if (name.startsWith('!')) lookupOnly.add((name = name.slice(1)));
    names.push(name);
  }
  return { names, preferred, lookupOnly };
}

/** ICU's name for a region, split where ICU adds a second name in brackets; none for "Congo - Kinshasa" forms. */
function icuNames(display: Intl.DisplayNames | null, code: string): string[] {
  const name = display?.of(code);
  if (!name || name === code || name.includes(' - ')) return [];
  const m = /^(.*?)\s*\((.*)\)$/.exec(name);
  return m ? [m[1]!, m[2]!] : [name];
}

/** English spelling variants: "&" and "and", "St." and "Saint". */
function englishVariants(name: string): string[] {
  const out = new Set([name, name.replace(/ & /g, ' and ')]);
  for (const n of [...out]) {
    if (/^St\.? /.test(n)) out.add(n.replace(/^St\.? /, 'Saint '));
    if (/^Saint /.test(n)) out.add(n.replace(/^Saint /, 'St. '));
  }
  return [...out];
}

function displayNames(locale: string): Intl.DisplayNames | null {
  try {
    return new Intl.DisplayNames([locale], { type: 'region' });
  } catch {
    return null;
  }
}

/** Adds one name of a place to the trie (unless lookup-only) and to the lookup map. */
function addName(g: Gazetteer, place: PlaceEntry, form: string, lang: 'en' | 'ru', lookupOnly: boolean): void {
  const folded = foldName(form);
  const list = g.byName.get(folded) ?? [];
  if (!list.includes(place)) list.push(place);
  g.byName.set(folded, list);
  if (lookupOnly) return;
  const keys = nameKeys(form);
  if (keys.length === 0) return;
  let node = g.root;
  for (const key of keys) {
    const forms = lang === 'ru' ? ruWordForms(key) : [key];
    for (const f of forms) {
      const lemmas = g.forms.get(f) ?? [];
      if (!lemmas.includes(key)) lemmas.push(key);
      g.forms.set(f, lemmas);
    }
    let child = node.next.get(key);
    if (!child) node.next.set(key, (child = newNode()));
    node = child;
  }
  const acronym = keys.length === 1 && /^[\p{Lu}.]+$/u.test(form);
  if (!node.hits.some((h) => h.place === place && h.form === form)) node.hits.push({ place, form, lang, acronym });
}

/** Parses the table and ICU names into the trie and the lookup map. */
function build(): Gazetteer {
  const g: Gazetteer = { root: newNode(), forms: new Map(), byName: new Map() };
  const en = displayNames('en');
  const ru = displayNames('ru');
  const countries = new Map<string, PlaceEntry>();
  for (const row of COUNTRY_ROWS) {
    const [code = '', capEn, capRu, moreEn, moreRu] = row.split('|');
    const otherEn = parseNames(moreEn);
    const otherRu = parseNames(moreRu);
    const icuEn = icuNames(en, code);
    const icuRu = icuNames(ru, code);
    const nameEn = (otherEn.preferred ?? icuEn[0] ?? otherEn.names[0] ?? code).replace(/ & /g, ' and ');
    const nameRu = otherRu.preferred ?? icuRu[0] ?? otherRu.names[0] ?? nameEn;
    const country: PlaceEntry = { name: nameEn, ru: nameRu, kind: 'country', country: code };
    countries.set(code, country);
    for (const n of [nameEn, ...icuEn, ...otherEn.names].flatMap(englishVariants)) addName(g, country, n, 'en', otherEn.lookupOnly.has(n));
    for (const n of [nameRu, ...icuRu, ...otherRu.names]) addName(g, country, n, 'ru', otherRu.lookupOnly.has(n));
    addCity(g, code, parseNames(capEn), parseNames(capRu));
  }
  for (const row of CITY_ROWS) {
    const [namesEn, namesRu, code = ''] = row.split('|');
    if (countries.has(code)) addCity(g, code, parseNames(namesEn), parseNames(namesRu));
  }
  return g;
}

/** Adds a capital or city under its English and Russian names. */
function addCity(g: Gazetteer, code: string, namesEn: ReturnType<typeof parseNames>, namesRu: ReturnType<typeof parseNames>): void {
  const nameEn = namesEn.names[0];
  if (!nameEn) return;
  const city: PlaceEntry = { name: nameEn, ru: namesRu.names[0] ?? nameEn, kind: 'city', country: code };
  for (const n of namesEn.names.flatMap(englishVariants)) addName(g, city, n, 'en', namesEn.lookupOnly.has(n));
  for (const n of namesRu.names) addName(g, city, n, 'ru', namesRu.lookupOnly.has(n));
}

function gazetteer(): Gazetteer {
  return (built ??= build());
}

/** Every country in the table (for tests and pickers). */
export function allCountries(): PlaceEntry[] {
  const seen = new Set<PlaceEntry>();
  for (const list of gazetteer().byName.values()) for (const p of list) if (p.kind === 'country') seen.add(p);
  return [...seen];
}

// ---------------------------------------------------------------------------------------------
// Scanning

/** Single-word names that are also common words at a sentence start ("Того же…"). */
const AMBIGUOUS_AT_SENTENCE_START = new Set(['того']);

/** The longest name starting at word i, walking the trie through the nominatives each word can be. */
function longestAt(g: Gazetteer, words: readonly ScanWord[], i: number): { end: number; hits: NameHit[] } | null {
  let best: { end: number; hits: NameHit[] } | null = null;
  const walk = (node: TrieNode, j: number): void => {
    if (node.hits.length > 0 && (!best || j > best.end)) best = { end: j, hits: node.hits };
    const word = words[j];
    if (!word || (j > i && !word.joinPrev)) return;
    for (const lemma of g.forms.get(word.key) ?? []) {
      const child = node.next.get(lemma);
      if (child) walk(child, j + 1);
    }
  };
  walk(g.root, i);
  return best;
}

/** The hit a match stands for: a country before a city of the same name ("Tunis"/"Тунис"). */
function pickHit(hits: readonly NameHit[], words: readonly ScanWord[], i: number, end: number): NameHit | null {
  const usable = hits.filter((h) => !h.acronym || words.slice(i, end).every((w) => w.upper));
  return usable.find((h) => h.place.kind === 'country') ?? usable[0] ?? null;
}

const EN_STATE_HEADS = new Set(['republic', 'kingdom', 'state', 'sultanate', 'principality', 'emirate', 'commonwealth', 'federation', 'duchy', 'confederation']);
const EN_STATE_ADJECTIVES = new Set(['islamic', 'people', "people's", 'federal', 'democratic', 'socialist', 'arab', 'united', 'bolivarian', 'plurinational', 'oriental', 'hashemite', 'cooperative', 'co-operative', 'independent', 'grand', 'federative', 'sovereign', 'great']);
const RU_STATE_HEAD = /^(республик|королевств|государств|султанат|княжеств|эмират|конфедерац)/;
const RU_ADJECTIVE = /(ая|ой|ую|ое|ого|ому|ий|ый|ые|ых|ым|ей|ую)$/;

/**
 * Where an official long form begins before a country name: "(the) Islamic Republic of Iran",
 * "Kingdom of Norway", "Республики Таджикистан", "Исламской Республики Иран". Returns i itself
 * when there is none.
 */
function officialStart(words: readonly ScanWord[], i: number): number {
  const at = (k: number) => (k >= 0 && k < words.length ? words[k]! : null);
  const joined = (k: number) => at(k + 1)?.joinPrev === true;
  let k = i;
  const first = at(i - 1);
  if (first && /^[а-я]/.test(first.key)) {
    if (!(RU_STATE_HEAD.test(first.key) && first.cap && joined(i - 1))) return i;
    k = i - 1;
    while (at(k - 1)?.cap && RU_ADJECTIVE.test(at(k - 1)!.key) && joined(k - 1)) k--;
    return k;
  }
  if (at(k - 1)?.key === 'the' && joined(k - 1)) k--;
  if (at(k - 1)?.key !== 'of' || !joined(k - 1)) return i;
  k--;
  const head = at(k - 1);
  if (!head || !EN_STATE_HEADS.has(head.key) || !head.cap || !joined(k - 1)) return i;
  k--;
  while (at(k - 1) && EN_STATE_ADJECTIVES.has(at(k - 1)!.key) && at(k - 1)!.cap && joined(k - 1)) k--;
  return k;
}

/**
 * Every place the words name, longest match first, left to right: a name counts when its first and
 * last words are capitalised, an abbreviation ("USA") only in capitals. English official long
 * forms ("the Republic of Turkey") are reported with their prefix, and with the long form as the
 * text writes it when `writtenWords` (each word as written) is given.
 */
export function findPlaceMentions(words: readonly ScanWord[], writtenWords?: readonly string[]): PlaceMention[] {
  const g = gazetteer();
  const out: PlaceMention[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (!w.cap || !g.forms.has(w.key)) continue;
    const match = longestAt(g, words, i);
    if (!match || !words[match.end - 1]!.cap) continue;
    const hit = pickHit(match.hits, words, i, match.end);
    if (!hit) continue;
    if (match.end - i === 1 && w.sentStart && AMBIGUOUS_AT_SENTENCE_START.has(w.key)) continue;
    const start = hit.place.kind === 'country' ? officialStart(words, i) : i;
    const official = start < i && hit.lang === 'en' && writtenWords ? `${writtenWords.slice(start, i).join(' ')} ${hit.form}` : null;
    out.push({ start, end: match.end, place: hit.place, form: hit.form, official, lang: hit.lang });
    i = match.end - 1;
  }
  return out;
}

/**
 * The place a name stands for, in English or Russian, any case form, case and diacritics
 * ignored, an official long form ("Islamic Republic of Iran") included; null when unknown.
 */
export function lookupPlace(name: string): PlaceEntry | null {
  const g = gazetteer();
  const direct = g.byName.get(foldName(name).replace(/^the /, ''));
  if (direct?.length) return { ...(direct.find((p) => p.kind === 'country') ?? direct[0]!) };
  const words: ScanWord[] = [...name.matchAll(WORD_RE)].map((m, idx) => ({ key: wordKey(m[0]), cap: true, upper: /^[\p{Lu}.]+$/u.test(m[0]), joinPrev: idx > 0, sentStart: false }));
  const found = findPlaceMentions(words);
  const whole = found.find((m) => m.start === 0 && m.end === words.length) ?? (words[0]?.key === 'the' ? found.find((m) => m.start === 1 && m.end === words.length) : undefined);
  return whole ? { ...whole.place } : null;
}
