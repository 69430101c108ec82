// The search index on its own: tokens in any script, folding, replace-on-edit, snippets.
import { describe, expect, it } from 'vitest';
import type { CairnRecord } from '../../contract';
import MiniSearch from 'minisearch';
import { foldTerm, MAYBE_WORD_BEYOND_ASCII, OPTIONS, PREFIX_FROM, RecordIndex, snippetFor, tokenize } from './record-index';
import { blocksOf } from './compact-index';
import { termsOf } from './terms';

function rec(id: string, title: string, text: string, tags: string[] = [], place = ''): CairnRecord {
  return {
    formatVersion: 1, id, rev: 1, title, date: null, place, identifier: '', creator: '', publisher: '', type: '', language: '', derivedFrom: '', rights: '', description: '', status: 'new', tags, text,
    textHash: id, proposed: [], source: null, annotations: [], notes: [], entities: [], createdAt: '', updatedAt: '',
  };
}

describe('tokenize and foldTerm', () => {
  it('splits on anything but letters and digits, in any script, keeping inner apostrophes', () => {
    expect(tokenize('Counter-Terrorism (UNOCT-UNCCT), 2010 - 2021')).toEqual(['Counter', 'Terrorism', 'UNOCT', 'UNCCT', '2010', '2021']);
    expect(tokenize('Совещание в Душанбе: борьба с терроризмом')).toEqual(['Совещание', 'в', 'Душанбе', 'борьба', 'с', 'терроризмом']);
    expect(tokenize('Turkmenistan’s contribution, the meeting\'s objective')).toEqual(['Turkmenistan’s', 'contribution', 'the', 'meeting\'s', 'objective']);
    // Text is kept as imported, so it may be decomposed (NFD, as from macOS): marks belong to the word.
    expect(tokenize('Miroslav Jenc\u030Ca spoke')).toEqual(['Miroslav', 'Jenc\u030Ca', 'spoke']);
  });

  it('cuts text whose letters are all ASCII the quick way into the same words', () => {
    // No character the quick way lets pass beyond ASCII is a letter, a mark or a digit.
    const wordChar = /[\p{L}\p{M}\p{N}]/u;
    for (let c = 0x80; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      if (!MAYBE_WORD_BEYOND_ASCII.test(ch)) expect(wordChar.test(ch), `U+${c.toString(16)}`).toBe(false);
    }
    const full = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’][\p{L}\p{M}]+)*/gu;
    for (const text of ['The Council’s “work” — 2010–2021, x ± y; don\'t', 'l’ONU a dit ½ ² º', 'Jenc\u030Ca', 'Ташкент’s']) {
      expect(tokenize(text)).toEqual(text.match(full) ?? []);
    }
  });

  it('folds case and diacritics', () => {
    expect(foldTerm('Jenča')).toBe('jenca');
    expect(foldTerm('MICHÈLE')).toBe('michele');
    expect(foldTerm('Ёлка')).toBe('елка');
    expect(foldTerm('GUTERRES')).toBe('guterres');
  });
});

describe('RecordIndex', () => {
  it('replaces a record’s entry on put, and forgets it on remove', () => {
    const index = new RecordIndex();
    index.addAll([rec('a', 'Osh meeting', 'Water and energy'), rec('b', 'Khorog visit', 'Border posts')]);
    expect(index.size).toBe(2);
    expect(index.search('osh').map((h) => h.id)).toEqual(['a']);
    index.put(rec('a', 'Naryn meeting', 'Water and energy'));
    expect(index.search('osh')).toEqual([]);
    expect(index.search('naryn').map((h) => h.id)).toEqual(['a']);
    index.put(rec('c', 'New', 'Osh again'));
    expect(index.size).toBe(3);
    index.remove('c');
    index.remove('never-there');
    expect(index.search('osh')).toEqual([]);
    expect(index.size).toBe(2);
  });

  it('built a slice at a time, keeps its words waiting in compact blocks and is the index MiniSearch builds', () => {
    // Every record has "water" (in the text, and in the tags of one in three): its postings are added
    // to a waiting word slice after slice, and written again into one block as they grow.
    const records = Array.from({ length: 300 }, (_, i) => rec(`r${i}`, i % 7 ? `Note ${i}` : `Water ${i}`, `water Water ${i % 2 ? 'river' : 'border'} Душанбе ${i}`, i % 3 ? [] : ['water', `Tag ${i % 5}`], i % 4 ? '' : i > 150 ? 'Border post' : 'Osh'));
    const reference = new MiniSearch(OPTIONS);
    reference.addAll(records.map(RecordIndex.toDocument));
    const sliced = new RecordIndex();
    for (let at = 0; at < records.length; at += 10) sliced.addAll(records.slice(at, at + 10));
    // Every word still waits (not one decoded by the building), until the searches below.
    const words = new Set(records.flatMap((r) => Object.entries(RecordIndex.toDocument(r)).flatMap(([field, v]) => (field === 'id' ? [] : tokenize(v).map(foldTerm))))).size;
    expect(sliced.undecodedWords()).toBe(words);
    for (const q of ['water', 'border', 'osh', 'tag 2', 'душанбе', 'note 77', 'wat']) expect(sliced.search(q)).toEqual(reference.search(q, { prefix: (t) => t.length >= 2 }));
    expect(JSON.stringify(sliced.toJSON())).toBe(JSON.stringify(reference.toJSON()));
  });

  it('builds exactly the index MiniSearch’s own add builds, in batches and record by record, through edits and removals', () => {
    const records = [
      rec('a', 'Osh meeting', 'Water and energy, water again. WATER!', ['Central Asia › Kyrgyzstan', 'water'], 'Osh'),
      rec('b', 'Совещание в Душанбе', 'Борьба с терроризмом: ёлка, Ёлка и йод. Miroslav Jenc\u030Ca spoke.', [], ''),
      rec('c', '', '', [], ''),
      rec('d', 'Khorog visit', 'Border posts; border posts in Khorog and Osh. 2010 - 2021 UNOCT-UNCCT', ['border'], 'Khorog'),
      rec('e', 'The Council’s “work” — 2º, x² and ½', 'the THE The council’s Council’s water', [], 'Osh'),
    ];
    const reference = new MiniSearch(OPTIONS);
    reference.addAll(records.slice(0, 3).map(RecordIndex.toDocument));
    const batched = new RecordIndex();
    batched.addAll(records.slice(0, 3));
    expect(JSON.stringify(batched.toJSON())).toBe(JSON.stringify(reference.toJSON()));
    reference.add(RecordIndex.toDocument(records[4]!));
    batched.addAll([records[4]!]);
    expect(JSON.stringify(batched.toJSON())).toBe(JSON.stringify(reference.toJSON()));

    // A second batch on a full index, then single records, an edit and a removal, in both.
    reference.add(RecordIndex.toDocument(records[3]!));
    batched.addAll([records[3]!]);
    const edited = rec('a', 'Naryn meeting', 'Water and energy in Naryn', [], 'Naryn');
    reference.replace(RecordIndex.toDocument(edited));
    batched.put(edited);
    reference.discard('c');
    batched.remove('c');
    const single = new RecordIndex();
    for (const r of [...records.slice(0, 3), records[4]!, records[3]!, edited]) single.put(r);
    single.remove('c');
    expect(JSON.stringify(batched.toJSON())).toBe(JSON.stringify(reference.toJSON()));
    expect(JSON.stringify(single.toJSON())).toBe(JSON.stringify(reference.toJSON()));
    expect(batched.search('border posts').map((h) => [h.id, h.score])).toEqual(reference.search('border posts', { prefix: (t) => t.length >= 2 }).map((h) => [h.id, h.score]));
    expect(() => batched.addAll([records[1]!])).toThrow(/duplicate ID b/);
    // word() asks MiniSearch below its search(): the same records, scores and matched words.
    const fields = ['title', 'text', 'tags', 'place', 'latin'] as const;
    for (const [term, prefix, typos] of [['border', true, 1], ['osh', false, 0], ['postz', false, 1], ['kho', true, 0]] as const) {
      const mine = [...batched.word(term, { fields, prefix, typos })].map(([id, h]) => [id, h.score, [...termsOf(h.terms)].sort()]);
      const theirs = reference
        .search(term, { fields: [...fields], prefix: prefix && term.length >= PREFIX_FROM, fuzzy: typos ? 1 : false, maxFuzzy: 2 })
        .map((h) => [h.id, h.score, [...h.terms].sort()]);
      expect(mine.sort()).toEqual(theirs.sort());
      expect(mine.length).toBeGreaterThan(0);
    }
    // Two letters being typed are a whole word until the third comes.
    expect(batched.word('os', { fields, prefix: true, typos: 0 }).size).toBe(0);
    expect(batched.word('osh', { fields, prefix: true, typos: 0 }).size).toBeGreaterThan(0);
  });

  it('searches tags and place, boosting a title match over a text match', () => {
    const index = new RecordIndex();
    index.addAll([rec('text', 'Report', 'The Almaty meeting went well, Almaty hosted it'), rec('title', 'Almaty report', 'The meeting went well'), rec('tag', 'Other', 'Nothing', ['Preventive diplomacy'], 'Tashkent')]);
    expect(index.search('almaty').map((h) => h.id)).toEqual(['title', 'text']);
    expect(index.search('diplomacy').map((h) => h.id)).toEqual(['tag']);
    expect(index.search('tashkent').map((h) => h.id)).toEqual(['tag']);
  });

  it('finds decomposed (NFD) text by its composed or plain spelling', () => {
    const index = new RecordIndex();
    index.addAll([rec('nfd', 'Statement', 'Ambassador Miroslav Jenc\u030Ca closed the meeting.')]);
    expect(index.search('jenca').map((h) => h.id)).toEqual(['nfd']);
    expect(index.search('Jenča').map((h) => h.id)).toEqual(['nfd']);
  });

  it('matches prefixes of two letters or more, not of one', () => {
    const index = new RecordIndex();
    index.addAll([rec('a', 'Terrorism', 'x'), rec('b', 'Trade', 'y')]);
    expect(index.search('te').map((h) => h.id)).toEqual(['a']);
    expect(index.search('t')).toEqual([]);
  });

  it('ignores a blank query', () => {
    const index = new RecordIndex();
    index.addAll([rec('a', 'Anything', 'x')]);
    expect(index.search('  ')).toEqual([]);
  });
});

describe('snippetFor', () => {
  const text = `${'Lorem ipsum dolor sit amet. '.repeat(10)}Miroslav Jenča spoke in Almaty.\n\n${'Consectetur adipiscing elit. '.repeat(10)}`;

  it('finds the match in text with no letter beyond ASCII by lower case alone, as folding would', () => {
    // Every character such text may hold folds to one character, its lower case but for spaces.
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      if (MAYBE_WORD_BEYOND_ASCII.test(ch) || (c >= 0xd800 && c <= 0xdfff)) continue;
      const folded = foldTerm(ch);
      expect(folded.length, `U+${c.toString(16)}`).toBe(1);
      if (folded !== ch.toLowerCase()) expect(/\s/.test(ch) && /\s/.test(folded), `U+${c.toString(16)}`).toBe(true);
    }
    const plain = `${'The Council’s “work” — it went on. '.repeat(8)}\nThe Security COUNCIL met in Osh…`;
    const snippet = snippetFor(plain, ['security', 'osh'], 60);
    expect(snippet).toContain('The Security COUNCIL met in Osh');
    expect(snippet.startsWith('…')).toBe(true);
  });

  it('shows plain text around the first match, with ellipses where it is cut', () => {
    const snippet = snippetFor(text, ['jenca']);
    expect(snippet).toContain('Miroslav Jenča spoke in Almaty.');
    expect(snippet.startsWith('…')).toBe(true);
    expect(snippet.endsWith('…')).toBe(true);
    expect(snippet).not.toMatch(/\s{2,}/);
    expect(snippet.length).toBeLessThanOrEqual(162);
  });

  it('falls back to the start of the text when no term is found', () => {
    expect(snippetFor('Short text\nhere', ['absent'])).toBe('Short text here');
  });

  it('never adds markup: what looks like HTML in the text stays text', () => {
    expect(snippetFor('<b>Almaty</b> & co', ['almaty'])).toBe('<b>Almaty</b> & co');
  });
});

describe('vacuuming', () => {
  it('takes out what MiniSearch’s vacuum takes out, in one pass within the edit, and leaves waiting words waiting', async () => {
    const words = ['water', 'border', 'osh', 'naryn', 'council', 'Ташкент', 'energy', 'post', 'river', 'report'];
    const make = (i: number, n: number) =>
      rec(`r${i}`, `${words[n % 10]} report ${n % 7}`, `${words[(n * 3) % 10]} ${words[(n * 7) % 10]} once${n} ${n % 13 ? '' : 'rare'}`, n % 4 ? [] : [`tag ${n % 5}`], n % 3 ? '' : words[n % 10]!);
    const records = Array.from({ length: 300 }, (_, i) => make(i, i));
    const built = new RecordIndex();
    for (let at = 0; at < records.length; at += 50) built.addAll(records.slice(at, at + 50));
    // Loaded from the compact form, as an archive opens it: every word waiting.
    const { meta, postings } = built.toCompact();
    const index = RecordIndex.fromCompact(meta, postings, blocksOf(meta, postings));
    // MiniSearch as the index was set before (its own vacuum, in one batch, at the same conditions),
    // holding the same index. (Its words' tree, loaded from JSON, lists them in another order: the
    // words are compared as sets below.)
    const twin = RecordIndex.fromCompact(meta, postings, blocksOf(meta, postings));
    const reference = MiniSearch.loadJSON(JSON.stringify(twin.toJSON()), { ...OPTIONS, autoVacuum: { batchSize: Number.MAX_SAFE_INTEGER, batchWait: 0, minDirtCount: 1000, minDirtFactor: 0.1 } });
    let vacuums = 0;
    for (let n = 300; n < 2500; n++) {
      const record = make(n % 300, n);
      reference.replace(RecordIndex.toDocument(record));
      for (let i = 0; i < 3; i++) await Promise.resolve();
      const before = index.staleEntries;
      index.put(record);
      if (index.staleEntries < before) {
        vacuums++;
        expect(index.staleEntries).toBe(0);
        // Words the edits never touched, and words written again without what was taken out, wait still.
        expect(index.undecodedWords()).toBeGreaterThan(20);
      }
      expect(index.staleEntries).toBe(reference.dirtCount);
    }
    expect(vacuums).toBe(2);
    const { index: mine, ...state } = index.toJSON();
    const { index: theirs, ...theirState } = reference.toJSON();
    const byWord = (entries: typeof mine) => JSON.stringify([...entries].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
    expect(byWord(mine)).toBe(byWord(theirs));
    expect(JSON.stringify(state)).toBe(JSON.stringify(theirState));
  });

  it('clears stale entries in one pass, never left half-done for an edit to land in', async () => {
    const index = new RecordIndex();
    for (let i = 0; i < 200; i++) index.put(rec(`r${i}`, `Report ${i}`, `counter terrorism border ${i}`, [`t${i}`]));
    let vacuums = 0;
    let before = 0;
    for (let n = 0; n < 3000; n++) {
      index.put(rec(`r${n % 200}`, `Report ${n}`, `counter terrorism border ${n}`, [`k${n}`]));
      // As between two saves: pending promise callbacks run, timers do not.
      for (let i = 0; i < 3; i++) await Promise.resolve();
      // A vacuum that ran finished within the same call: the stale count dropped back to 0 at once.
      if (index.staleEntries < before) {
        vacuums++;
        expect(index.staleEntries).toBe(0);
      }
      before = index.staleEntries;
    }
    expect(vacuums).toBeGreaterThanOrEqual(2);
    expect(index.search('k2999').map((h) => h.id)).toEqual(['r199']);
    expect(index.search('k5')).toEqual([]);
  });
});
