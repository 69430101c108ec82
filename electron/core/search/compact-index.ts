// The search index's compact form, for its snapshot: MiniSearch's state but its postings as JSON
// (documents, field lengths, the list of words), and every posting in one array of 32-bit numbers.
// Loading makes each word's postings a LazyFields that decodes them the first time they are asked
// for: opening an archive puts 50,000 words in MiniSearch's term tree instead of building 6.4 million
// map entries (3 s at 20,000 records, and 280 MB of heap), and a query decodes only the words it meets.
//
// The postings of one word, in order:  fields, then per field: field id, n, then n × (record, times)
// A word's block is found by walking the array once at loading, which also checks every number.
import os from 'node:os';
import type { AsPlainObject } from 'minisearch';

type Postings = Map<number, number>;

/** MiniSearch's state but the index itself (as its toJSON writes it), plus the words in the postings' order. */
export interface CompactMeta extends Omit<AsPlainObject, 'index'> {
  terms: string[];
  /** The byte order the postings were written in (a snapshot from a machine of the other order is rebuilt). */
  endianness: 'LE' | 'BE';
}

/** What writing and loading use of MiniSearch's inside (see record-index.ts). */
export interface IndexState {
  _documentCount: number;
  _nextId: number;
  _documentIds: Map<number, string>;
  _fieldIds: Record<string, number>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _storedFields: Map<number, unknown>;
  _dirtCount: number;
  _index: Iterable<[string, Map<number, Postings>]> & { set(term: string, data: Map<number, Postings>): unknown };
}

/** Below this many numbers added, a waiting word keeps them in a list (an edit adds a few). */
const ADDED_FOLD_MIN = 3 * 64;
/** Copies the (record, times) of the added postings of one field to `out` at `at`; how many. */
function copyAdded(added: readonly number[], fieldId: number, out: Uint32Array, at: number): number {
  let n = 0;
  for (let k = 0; k < added.length; k += 3) {
    if (added[k] !== fieldId) continue;
    out[at++] = added[k + 1]!;
    out[at++] = added[k + 2]!;
    n++;
  }
  return n;
}

/**
 * Writes the fields of postings given as (field id, record, times) triples, but those in `skip` (a bit
 * per field id), each in the order its first posting came: field id, n, then n × (record, times).
 * Returns where the writing ended and how many fields it wrote.
 */
export function writeFields(triples: readonly number[], skip: number, out: Uint32Array, at: number): { end: number; fields: number } {
  let seen = skip;
  let fields = 0;
  for (let k = 0; k < triples.length; k += 3) {
    const fieldId = triples[k]!;
    if (seen & (1 << fieldId)) continue;
    seen |= 1 << fieldId;
    fields++;
    out[at++] = fieldId;
    const n = copyAdded(triples, fieldId, out, at + 1);
    out[at++] = n;
    at += 2 * n;
  }
  return { end: at, fields };
}

/** Decodes a word's block at `at` into `out`, then sets the postings added since, in their order. */
function decodeInto(out: Map<number, Postings>, p: Uint32Array, at: number, added: readonly number[] | null): void {
  let i = at;
  const fields = p[i++]!;
  for (let f = 0; f < fields; f++) {
    const fieldId = p[i++]!;
    const n = p[i++]!;
    const postings: Postings = new Map();
    for (let k = 0; k < n; k++, i += 2) postings.set(p[i]!, p[i + 1]!);
    out.set(fieldId, postings);
  }
  if (!added) return;
  for (let k = 0; k < added.length; k += 3) {
    let docs = out.get(added[k]!);
    if (!docs) out.set(added[k]!, (docs = new Map()));
    docs.set(added[k + 1]!, added[k + 2]!);
  }
}

/** How many numbers the block of postings given as (field id, record, times) triples takes: the count of fields, a field id and a count per field, a record and times per posting. */
export function blockLength(triples: readonly number[]): number {
  let fields = 0;
  for (let k = 0; k < triples.length; k += 3) fields |= 1 << triples[k]!;
  let length = 1 + (2 * triples.length) / 3;
  for (; fields; fields &= fields - 1) length += 2;
  return length;
}

/**
 * A word's postings as maps, vacuumed as MiniSearch's vacuum does: the records gone taken out, a field
 * left without any dropped. Whether any are left.
 */
export function vacuumPostings(fields: Map<number, Postings>, live: (doc: number) => boolean): boolean {
  for (const [fieldId, docs] of fields) {
    for (const doc of docs.keys()) if (!live(doc)) docs.delete(doc);
    if (docs.size === 0) fields.delete(fieldId);
  }
  return fields.size > 0;
}

/**
 * A word's postings by field, decoded from the shared array the first time any of them is asked for.
 * A Map in every way MiniSearch uses one (get, set, delete, size, iteration); until then it is a
 * position in the array, which writing copies as it is.
 */
export class LazyFields extends Map<number, Postings> {
  #source: Uint32Array | null;
  #at: number;
  #end: number;
  /** Postings added while the block was still waiting (field id, record, times, …), put after the block's when it is decoded. */
  #added: number[] | null = null;

  constructor(source: Uint32Array, at: number, end: number) {
    super();
    this.#source = source;
    this.#at = at;
    this.#end = end;
  }

  /** The word's block in the shared array while it has not been decoded and nothing was added to it (else null). */
  get block(): Uint32Array | null {
    return this.#source && !this.#added ? this.#source.subarray(this.#at, this.#end) : null;
  }

  /**
   * While waiting: the shared array and where the block starts in it, and the postings added since
   * (field id, record, times, …; null when none). Read so, they are the Map decoding would make: a
   * field's records in the block's order, then those added, in the order they came.
   */
  get parts(): { source: Uint32Array; at: number; added: readonly number[] | null } | null {
    return this.#source ? { source: this.#source, at: this.#at, added: this.#added } : null;
  }

  /** Whether the word's postings still wait in the shared array. */
  get waiting(): boolean {
    return this.#source !== null;
  }

  /**
   * Adds a record's posting (a record new to the index): kept beside the block while it waits, so
   * that an edit or an import does not decode the common words it holds (“the” has a posting for
   * nearly every record). Decoding then gives the Map that setting each posting on it would have.
   */
  addPosting(fieldId: number, doc: number, times: number): void {
    if (this.#source) {
      const added = (this.#added ??= []);
      added.push(fieldId, doc, times);
      // A word added to again and again (an index built a slice of records at a time) is written
      // again with what was added, once that is as long as its block: its postings stay 4 bytes a
      // number in one array, not 8 in a list of numbers, and the copying adds up to twice the block.
      if (added.length >= ADDED_FOLD_MIN && added.length >= this.#end - this.#at) this.#fold();
      return;
    }
    let docs = super.get(fieldId);
    if (!docs) super.set(fieldId, (docs = new Map()));
    docs.set(doc, times);
  }

  /** While waiting: the postings as decoding would make them, without keeping them (writing uses this: it must not fill the heap). */
  decodedCopy(): Map<number, Postings> {
    const out = new Map<number, Postings>();
    decodeInto(out, this.#source!, this.#at, this.#added);
    return out;
  }

  /**
   * Takes out the postings of records no longer in the index (replaced or removed), as MiniSearch's
   * vacuum does: a field left without any goes, and the word goes when none is left (returns false).
   * A waiting word is written again without them, and stays waiting: MiniSearch's own vacuum walks
   * every word as a Map, which would decode them all (280 MB at 20,000 records).
   */
  vacuum(live: (doc: number) => boolean): boolean {
    const p = this.#source;
    if (!p) return vacuumPostings(this, live);
    // The postings in the order decoding gives them (the block's fields, each field's records, then
    // those added since), but those of records gone.
    const kept: number[] = [];
    let gone = 0;
    let i = this.#at;
    const fields = p[i++]!;
    for (let f = 0; f < fields; f++) {
      const fieldId = p[i++]!;
      const n = p[i++]!;
      for (let k = 0; k < n; k++, i += 2) {
        if (live(p[i]!)) kept.push(fieldId, p[i]!, p[i + 1]!);
        else gone++;
      }
    }
    const added = this.#added;
    if (added) {
      for (let k = 0; k < added.length; k += 3) {
        if (live(added[k + 1]!)) kept.push(added[k]!, added[k + 1]!, added[k + 2]!);
        else gone++;
      }
    }
    if (gone === 0) return true;
    if (kept.length === 0) {
      this.clear();
      return false;
    }
    const out = new Uint32Array(blockLength(kept));
    const written = writeFields(kept, 0, out, 1);
    out[0] = written.fields;
    this.#source = out;
    this.#at = 0;
    this.#end = written.end;
    this.#added = null;
    return true;
  }

  /** Writes the block and the postings added since as one new block (what decoding both would give), still waiting. */
  #fold(): void {
    const p = this.#source!;
    const added = this.#added!;
    // The fields the block has, and those only the added postings have (each a field id and a count more).
    let had = 0;
    for (let i = this.#at + 1, f = 0; f < p[this.#at]!; f++, i += 2 + 2 * p[i + 1]!) had |= 1 << p[i]!;
    let extra = 0;
    for (let k = 0; k < added.length; k += 3) extra |= (1 << added[k]!) & ~had;
    let newFields = 0;
    for (let bits = extra; bits; bits &= bits - 1) newFields++;
    const out = new Uint32Array(this.#end - this.#at + (2 * added.length) / 3 + 2 * newFields);
    let i = this.#at;
    let o = 1;
    const fields = p[i++]!;
    for (let f = 0; f < fields; f++) {
      const fieldId = p[i++]!;
      const n = p[i++]!;
      out[o++] = fieldId;
      const countAt = o++;
      out.set(p.subarray(i, i + 2 * n), o);
      o += 2 * n;
      i += 2 * n;
      const more = copyAdded(added, fieldId, out, o);
      out[countAt] = n + more;
      o += 2 * more;
    }
    // Then the fields the block did not have.
    const more = writeFields(added, had, out, o);
    o = more.end;
    out[0] = fields + more.fields;
    if (o !== out.length) throw new Error(`a word folded to ${o} numbers of ${out.length}`);
    this.#source = out;
    this.#at = 0;
    this.#end = o;
    this.#added = null;
  }

  #open(): void {
    const p = this.#source;
    if (!p) return;
    this.#source = null;
    const added = this.#added;
    this.#added = null;
    const fields = new Map<number, Postings>();
    decodeInto(fields, p, this.#at, added);
    for (const [fieldId, postings] of fields) super.set(fieldId, postings);
  }

  override get(key: number): Postings | undefined {
    this.#open();
    return super.get(key);
  }
  override has(key: number): boolean {
    this.#open();
    return super.has(key);
  }
  override set(key: number, value: Postings): this {
    this.#open();
    return super.set(key, value);
  }
  override delete(key: number): boolean {
    this.#open();
    return super.delete(key);
  }
  override clear(): void {
    this.#source = null;
    this.#added = null;
    super.clear();
  }
  override get size(): number {
    this.#open();
    return super.size;
  }
  override entries(): MapIterator<[number, Postings]> {
    this.#open();
    return super.entries();
  }
  override keys(): MapIterator<number> {
    this.#open();
    return super.keys();
  }
  override values(): MapIterator<Postings> {
    this.#open();
    return super.values();
  }
  override forEach(callback: (value: Postings, key: number, map: Map<number, Postings>) => void, thisArg?: unknown): void {
    this.#open();
    super.forEach(callback, thisArg);
  }
  override [Symbol.iterator](): MapIterator<[number, Postings]> {
    return this.entries();
  }
}

/** The index's state as JSON and its postings as one array (words not yet decoded are copied as they are). */
export function encodeIndex(state: IndexState): { meta: CompactMeta; postings: Uint32Array } {
  const terms: string[] = [];
  const blocks: (Uint32Array | Map<number, Postings>)[] = [];
  let length = 0;
  for (const [term, fields] of state._index) {
    const block = fields instanceof LazyFields ? fields.block : null;
    terms.push(term);
    if (block) {
      blocks.push(block);
      length += block.length;
    } else {
      // A word waiting with postings added to it is written from a copy, and goes on waiting.
      const decoded = fields instanceof LazyFields && fields.waiting ? fields.decodedCopy() : fields;
      blocks.push(decoded);
      length += 1;
      for (const postings of decoded.values()) length += 2 + 2 * postings.size;
    }
  }
  const out = new Uint32Array(length);
  let i = 0;
  for (const block of blocks) {
    if (block instanceof Uint32Array) {
      out.set(block, i);
      i += block.length;
      continue;
    }
    out[i++] = block.size;
    for (const [fieldId, postings] of block) {
      out[i++] = fieldId;
      out[i++] = postings.size;
      for (const [doc, times] of postings) {
        out[i++] = doc;
        out[i++] = times;
      }
    }
  }
  const meta: CompactMeta = {
    documentCount: state._documentCount,
    nextId: state._nextId,
    documentIds: Object.fromEntries(state._documentIds),
    fieldIds: state._fieldIds,
    fieldLength: Object.fromEntries(state._fieldLength),
    averageFieldLength: state._avgFieldLength,
    storedFields: Object.fromEntries(state._storedFields) as AsPlainObject['storedFields'],
    dirtCount: state._dirtCount,
    serializationVersion: 2,
    terms,
    endianness: os.endianness(),
  };
  return { meta, postings: out };
}

/**
 * Where each word's block starts and ends, after checking every number of the array: a field that
 * exists, a record below nextId, a count of times of at least one, and blocks that end where the
 * array ends. Throws, saying what is wrong, for anything else.
 */
export function blocksOf(meta: CompactMeta, postings: Uint32Array): Uint32Array {
  const fieldCount = Object.keys(meta.fieldIds).length;
  const bounds = new Uint32Array(meta.terms.length + 1);
  let i = 0;
  for (let t = 0; t < meta.terms.length; t++) {
    bounds[t] = i;
    const fields = postings[i++];
    if (fields === undefined || fields < 1 || fields > fieldCount) throw new Error(`word ${t}: ${String(fields)} fields`);
    for (let f = 0; f < fields; f++) {
      const fieldId = postings[i++];
      const n = postings[i++];
      if (fieldId === undefined || fieldId >= fieldCount || n === undefined || n < 1 || i + 2 * n > postings.length) throw new Error(`word ${t}: a field cut off or out of range`);
      for (let k = 0; k < n; k++, i += 2) {
        if (postings[i]! >= meta.nextId || postings[i + 1]! < 1) throw new Error(`word ${t}: a posting out of range`);
      }
    }
  }
  if (i !== postings.length) throw new Error(`${postings.length - i} numbers after the last word`);
  bounds[meta.terms.length] = i;
  return bounds;
}

/**
 * Checks that the records the index knows are the ones the stamps name, each with its field lengths,
 * counted right: a snapshot that passes its checksum but does not add up is damaged, never loaded to
 * fail in the middle of a search. Throws, saying what is wrong.
 */
export function checkDocuments(meta: CompactMeta, stamped: { has(id: string): boolean; readonly size: number }): void {
  const fieldCount = Object.keys(meta.fieldIds).length;
  const lengths = meta.fieldLength as Record<string, unknown>;
  const seen = new Set<string>();
  for (const [short, id] of Object.entries(meta.documentIds as Record<string, unknown>)) {
    const n = Number(short);
    if (!Number.isInteger(n) || n < 0 || n >= meta.nextId || String(n) !== short) throw new Error(`a record numbered ${short}`);
    if (typeof id !== 'string' || seen.has(id) || !stamped.has(id)) throw new Error(`record ${short} is not one the stamps name`);
    seen.add(id);
    const fields = lengths[short];
    if (!Array.isArray(fields) || fields.length !== fieldCount || !fields.every((x) => typeof x === 'number' && x >= 0)) throw new Error(`record ${short} without its field lengths`);
  }
  if (seen.size !== meta.documentCount || seen.size !== stamped.size) throw new Error(`${seen.size} records indexed, ${meta.documentCount} counted, ${stamped.size} stamped`);
}

/** Checks the JSON part's shape (the numbers are checked by blocksOf). */
export function isCompactMeta(value: unknown): value is CompactMeta {
  const m = value as Partial<CompactMeta> | null;
  return (
    !!m &&
    typeof m === 'object' &&
    Array.isArray(m.terms) &&
    m.terms.every((t) => typeof t === 'string') &&
    typeof m.nextId === 'number' &&
    typeof m.documentCount === 'number' &&
    !!m.documentIds &&
    typeof m.documentIds === 'object' &&
    !!m.fieldIds &&
    typeof m.fieldIds === 'object' &&
    !!m.fieldLength &&
    typeof m.fieldLength === 'object' &&
    Array.isArray(m.averageFieldLength) &&
    m.serializationVersion === 2 &&
    (m.endianness === 'LE' || m.endianness === 'BE')
  );
}
