// scoreWord against MiniSearch's own executeQuery, on indexes as the archive has them: built in
// compact blocks, with records replaced and removed (their postings left for a vacuum), with words
// added to, decoded, and loaded back from the compact form. Every score must be the same number.
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import type { CairnRecord } from '../../contract';
import { seededRandom } from '../testing/random';
import { blocksOf } from './compact-index';
import { OPTIONS, PREFIX_FROM, RecordIndex, type IndexField } from './record-index';
import { termsOf } from './terms';

function rec(id: string, title: string, text: string, tags: string[], place: string): CairnRecord {
  return {
    formatVersion: 1, id, rev: 1, title, date: null, place, identifier: '', creator: '', publisher: '', type: '', language: '', derivedFrom: '', rights: '', description: '', status: 'new', tags, text,
    textHash: id, proposed: [], source: null, annotations: [], notes: [], entities: [], createdAt: '', updatedAt: '',
  };
}

// Few syllables, so that words start one another and lie a letter or two apart; numbers too (a
// record's matched words came from an object's keys, which list "2012" before "2013" and before words).
const SYLLABLES = ['ter', 'ror', 'ism', 'nu', 'cle', 'ar', 'dis', 'arm', 'de', 've', 'lop', 'ment', 'sanc', 'tion', 'kaz', 'akh', 'stan', 'hu', 'man', 'rig', 'hts'];
const CYRILLIC = ['Ташкент', 'Душанбе', 'терроризм', 'профилирования', 'Ёлка'];
const NUMBERS = ['2019', '2013', '2012', '201', '20', '2', '0', '07', '201st', '4294967295'];

function corpus(seed: number, count: number, from = 0): CairnRecord[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const word = () => {
    const r = random();
    return r < 0.05 ? pick(CYRILLIC) : r < 0.12 ? pick(NUMBERS) : Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(SYLLABLES)).join('');
  };
  const words = (n: number) => Array.from({ length: n }, word).join(random() < 0.5 ? ' ' : ', ');
  return Array.from({ length: count }, (_, i) =>
    rec(`r${from + i}`, words(1 + Math.floor(random() * 4)), words(Math.floor(random() * 60)), random() < 0.4 ? [words(2)] : [], random() < 0.3 ? word() : ''),
  );
}

const FIELD_SETS: readonly (readonly IndexField[])[] = [['title', 'text', 'tags', 'place', 'latin'], ['title'], ['text', 'tags'], ['latin', 'title']];

/** What word() gave before scoreWord: MiniSearch's executeQuery, read as word() read it. */
function theirs(mini: MiniSearch, term: string, fields: readonly IndexField[], prefix: boolean, typos: 0 | 1 | 2) {
  const inside = mini as unknown as {
    executeQuery(q: string, o: object): Map<number, { score: number; terms: string[]; match: Record<string, string[]> }>;
    _documentIds: Map<number, string>;
  };
  const fuzzy = (t: string) => (t.length < 5 || !/^\p{L}+$/u.test(t) ? false : t.length >= 7 ? typos : 1);
  const raw = inside.executeQuery(term, { fields: [...fields], prefix: prefix && term.length >= PREFIX_FROM, fuzzy: typos === 0 ? false : fuzzy, maxFuzzy: 2 });
  return [...raw].map(([doc, hit]) => [inside._documentIds.get(doc), hit.score * (hit.terms.length || 1), Object.keys(hit.match)]);
}

const mine = (index: RecordIndex, term: string, fields: readonly IndexField[], prefix: boolean, typos: 0 | 1 | 2) =>
  [...index.word(term, { fields, prefix, typos })].map(([id, hit]) => [id, hit.score, [...termsOf(hit.terms)]]);

/** Queries: whole words of the corpus, their starts, and spellings a letter or two off. */
function queries(records: readonly CairnRecord[], seed: number): string[] {
  const random = seededRandom(seed);
  const words = [...new Set(records.flatMap((r) => `${r.title} ${r.text}`.split(/[ ,]+/).filter(Boolean)))];
  const out: string[] = [];
  for (let i = 0; i < 60; i++) {
    const w = words[Math.floor(random() * words.length)]!;
    out.push(w, w.slice(0, Math.max(2, Math.ceil(w.length / 2))));
    const at = Math.floor(random() * w.length);
    out.push(w.slice(0, at) + 'e' + w.slice(at + 1), w.slice(0, at) + w.slice(at + 1));
  }
  return out.concat(['Tashkent', 'terrorizm', 'dushanbe', 'profilirovaniya', 'ёлка', 'zzz', '201', '20', '2', '0']);
}

function expectSame(index: RecordIndex, reference: MiniSearch, terms: readonly string[]): number {
  let hits = 0;
  for (const term of terms) {
    for (const fields of FIELD_SETS) {
      for (const [prefix, typos] of [[false, 0], [true, 0], [true, 1], [false, 2], [true, 2]] as const) {
        const a = mine(index, term, fields, prefix, typos);
        // The same records in the same order, the same scores to the last bit, the same words matched.
        expect(a, `${term} in ${fields.join(',')}, prefix ${prefix}, typos ${typos}`).toEqual(theirs(reference, term, fields, prefix, typos));
        hits += a.length;
      }
    }
  }
  return hits;
}

describe('scoreWord', () => {
  it('scores a word exactly as MiniSearch does, on an index built in blocks, then edited, then loaded from its compact form', () => {
    const records = corpus(7, 400);
    const reference = new MiniSearch(OPTIONS);
    reference.addAll(records.map(RecordIndex.toDocument));
    const index = new RecordIndex();
    for (let at = 0; at < records.length; at += 50) index.addAll(records.slice(at, at + 50));
    // Every word read where it waits: no query decodes one (only a removal met would).
    const terms = queries(records, 8);
    const waiting = index.undecodedWords();
    expect(expectSame(index, reference, terms)).toBeGreaterThan(5_000);
    expect(index.undecodedWords()).toBe(waiting);

    // Records replaced and removed: their postings stay (no vacuum) and are taken out as queries meet
    // them; words added to while waiting are read as maps.
    const replaced = corpus(9, 60).map((r, i) => ({ ...r, id: `r${i * 5}` }));
    for (const r of replaced) {
      reference.discard(r.id);
      reference.add(RecordIndex.toDocument(r));
      index.put(r);
    }
    for (const id of ['r1', 'r2', 'r3', 'r399']) {
      reference.discard(id);
      index.remove(id);
    }
    expect(index.staleEntries).toBeGreaterThan(0);
    expectSame(index, reference, terms);
    expectSame(index, reference, queries(replaced, 10));

    // Loaded back from the compact form: every word waiting again.
    const { meta, postings } = index.toCompact();
    const loaded = RecordIndex.fromCompact(meta, postings, blocksOf(meta, postings));
    const again = MiniSearch.loadJSON(JSON.stringify(reference), OPTIONS);
    expectSame(loaded, again, terms);
  });

  it('is called for a word the index cuts as one; anything else goes to MiniSearch as before', () => {
    const records = corpus(3, 50);
    const reference = new MiniSearch(OPTIONS);
    reference.addAll(records.map(RecordIndex.toDocument));
    const index = new RecordIndex();
    index.addAll(records);
    // Two words, or none, in one call: MiniSearch's path, combined with AND as the index's options say.
    for (const term of ['terror nucle', ' ', 'ter-ror', 'NUCLE']) {
      expect(mine(index, term, FIELD_SETS[0]!, true, 1)).toEqual(theirs(reference, term, FIELD_SETS[0]!, true, 1));
    }
  });
});
