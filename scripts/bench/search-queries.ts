// The search suite's fixed mix of queries, each as Cairn's query language writes it and as SQLite
// FTS5 writes the same question. Cairn takes the query's last word as the start of a word (results
// follow the typing), so FTS5 gets a `*` there. Where FTS5 has no way to ask (a typo, a Cyrillic
// spelling of a Latin word), it is asked the words as typed and finds what it finds: the figures
// say how often the two answers differ.

export type QueryKind = 'word' | 'words' | 'prefix' | 'phrase' | 'operators' | 'filter' | 'typo' | 'cyrillic';

export interface BenchQuery {
  kind: QueryKind;
  cairn: string;
  /** The FTS5 MATCH expression; null: no words (a filter alone). */
  match: string | null;
  /** Extra SQL conditions on the FTS5 table's unindexed columns (language, status, tags). */
  where?: string;
}

const q = (kind: QueryKind, cairn: string, match: string | null, where?: string): BenchQuery => ({ kind, cairn, match, ...(where ? { where } : {}) });

export const SEARCH_MIX: readonly BenchQuery[] = [
  // Single words (the last word of a query is a prefix, as it is while typing).
  q('word', 'nuclear', 'nuclear*'),
  q('word', 'Guterres', 'guterres*'),
  q('word', 'Afghanistan', 'afghanistan*'),
  q('word', 'apartheid', 'apartheid*'),
  q('word', 'Palestine', 'palestine*'),
  q('word', 'decolonization', 'decolonization*'),
  q('word', 'refugees', 'refugees*'),
  q('word', 'pandemic', 'pandemic*'),
  q('word', 'COVID-19', '"covid-19"*'),
  q('word', 'Cyprus', 'cyprus*'),
  q('word', 'Yugoslavia', 'yugoslavia*'),
  q('word', 'Lajčák', 'lajčák*'),
  q('word', 'Mladic', 'mladic*'),
  // Several words: all must match.
  q('words', 'climate change', 'climate change*'),
  q('words', 'human rights', 'human rights*'),
  q('words', 'sustainable development', 'sustainable development*'),
  q('words', 'Security Council reform', 'security council reform*'),
  q('words', 'Kofi Annan', 'kofi annan*'),
  q('words', 'Ban Ki-moon', 'ban "ki-moon"*'),
  q('words', 'Cold War', 'cold war*'),
  q('words', 'peacekeeping operations', 'peacekeeping operations*'),
  q('words', 'Millennium Development Goals', 'millennium development goals*'),
  q('words', 'Iraq Kuwait', 'iraq kuwait*'),
  q('words', 'Korean peninsula', 'korean peninsula*'),
  q('words', 'oil prices', 'oil prices*'),
  q('words', 'debt relief', 'debt relief*'),
  q('words', 'small island developing States', 'small island developing states*'),
  q('words', 'ozone layer', 'ozone layer*'),
  // Prefixes: the start of a word, as typed.
  q('prefix', 'terror', 'terror*'),
  q('prefix', 'disarm', 'disarm*'),
  q('prefix', 'develop', 'develop*'),
  q('prefix', 'sanct', 'sanct*'),
  q('prefix', 'multilat', 'multilat*'),
  q('prefix', 'Kazakh', 'kazakh*'),
  q('prefix', 'nuclear disarm', 'nuclear disarm*'),
  // Phrases.
  q('phrase', '"human rights"', '"human rights"'),
  q('phrase', '"weapons of mass destruction"', '"weapons of mass destruction"'),
  q('phrase', '"Security Council"', '"security council"'),
  q('phrase', '"climate change" adaptation', '"climate change" adaptation*'),
  // Operators: exclusion, OR, parentheses.
  q('operators', 'nuclear -Iraq', 'nuclear NOT iraq*'),
  q('operators', 'Cyprus OR Yugoslavia', 'cyprus OR yugoslavia*'),
  q('operators', '(climate OR environment) -development', '(climate OR environment) NOT development*'),
  q('operators', 'apartheid -"South Africa"', 'apartheid NOT "south africa"'),
  // Field filters (the bench's records carry no dates, so year: and date: would find nothing here).
  q('filter', 'title:Cyprus', 'title : cyprus*'),
  q('filter', 'title:nuclear', 'title : nuclear*'),
  q('filter', 'lang:en apartheid', 'apartheid*', "language = 'en'"),
  q('filter', 'status:new refugees', 'refugees*', "status = 'new'"),
  q('filter', 'has:tags', null, "tags != ''"),
  // Typos: Cairn forgives a letter (two in long words) and ranks them below exact matches; FTS5 cannot.
  q('typo', 'nucelar', 'nucelar*'),
  q('typo', 'terorism', 'terorism*'),
  q('typo', 'Guteres', 'guteres*'),
  q('typo', 'Afganistan', 'afganistan*'),
  q('typo', 'sustainible', 'sustainible*'),
  // Cyrillic: Cairn finds the Latin spelling through transliteration; FTS5 looks for the letters as typed.
  q('cyrillic', 'Ташкент', 'ташкент*'),
  q('cyrillic', 'Кипр', 'кипр*'),
  q('cyrillic', 'Гутерриш', 'гутерриш*'),
];
