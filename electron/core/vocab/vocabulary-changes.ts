// A vocabulary's changes as change-log entries (one per concept added, changed or taken out, one for
// its label and translations), and taking them back for undo and redo.
import type { ChangeEntry, ChangeValue, Operation, Vocabulary, VocabularyConcept } from '../../contract';
import { text } from '../../common/i18n/text';
import { CairnError } from '../errors';
import { pathKey } from '../../common/tags/tag-paths';
import type { ChangeDraft } from '../changes/entries';

/** A change to one vocabulary: null before adds it, null after takes it out. */
export interface VocabularyStep {
  before: Vocabulary | null;
  after: Vocabulary | null;
}

type Header = Pick<Vocabulary, 'label' | 'translations'>;
const headerOf = (v: Vocabulary | null): ChangeValue => (v ? (JSON.parse(JSON.stringify({ label: v.label, ...(v.translations ? { translations: v.translations } : {}) })) as ChangeValue) : null);
const value = (c: VocabularyConcept | undefined): ChangeValue => (c ? (JSON.parse(JSON.stringify(c)) as ChangeValue) : null);
/** Key order aside (a file read back has its keys in the schema's order): the same value. */
const canonical = (v: unknown): unknown =>
  Array.isArray(v) ? v.map(canonical) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, x]) => [k, canonical(x)])) : v;
const same = (a: ChangeValue, b: ChangeValue) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

/** One draft for the vocabulary's label (when it changed, or the vocabulary came or went), one per concept that differs. */
export function diffVocabularies(before: Vocabulary | null, after: Vocabulary | null): ChangeDraft[] {
  const drafts: ChangeDraft[] = [];
  if (!same(headerOf(before), headerOf(after))) drafts.push({ field: 'vocabulary', before: headerOf(before), after: headerOf(after) });
  const was = new Map((before?.concepts ?? []).map((c) => [c.id, c]));
  const now = new Map((after?.concepts ?? []).map((c) => [c.id, c]));
  for (const id of new Set([...was.keys(), ...now.keys()])) {
    const b = value(was.get(id));
    const a = value(now.get(id));
    if (!same(b, a)) drafts.push({ field: 'concept', item: id, before: b, after: a });
  }
  return drafts;
}

/**
 * The vocabulary as it was before `entries` (newest first), from `current` (null when it is gone).
 * Refuses when a concept has moved on since: its value now is not what the entry left.
 */
export function vocabularyBefore(id: string, current: Vocabulary | null, entries: readonly ChangeEntry[]): Vocabulary | null {
  let header: ChangeValue = headerOf(current);
  const concepts = new Map((current?.concepts ?? []).map((c) => [c.id, value(c)]));
  // Concepts that come back go where they were written, in the order they were (entries are newest first).
  const returning: string[] = [];
  for (const e of entries) {
    if (e.field === 'vocabulary') {
      if (!same(header, e.after)) throw new CairnError('E_CONFLICT', text('undo_vocabulary_changed_since', { vocabulary: current?.label ?? id }));
      header = e.before;
    } else if (e.field === 'concept' && e.item !== undefined) {
      if (!same(concepts.get(e.item) ?? null, e.after)) throw new CairnError('E_CONFLICT', text('undo_vocabulary_changed_since', { vocabulary: current?.label ?? id }));
      if (e.before === null) concepts.delete(e.item);
      else {
        if (!concepts.has(e.item)) returning.unshift(e.item);
        concepts.set(e.item, e.before);
      }
    }
  }
  if (header === null) return null;
  const h = header as unknown as Header;
  const kept = [...concepts.keys()].filter((k) => !returning.includes(k));
  const order = [...kept, ...returning.filter((k) => concepts.has(k))];
  return { id, label: h.label, ...(h.translations ? { translations: h.translations } : {}), concepts: order.map((k) => concepts.get(k)).filter((c) => c !== null && c !== undefined) as unknown as VocabularyConcept[] };
}

/** The vocabulary steps that take back `targets`, as planReversal does for records. */
export async function planVocabularyReversal(
  targets: readonly Operation[],
  source: { current(id: string): Vocabulary | null; entries(id: string): Promise<ChangeEntry[]> },
): Promise<VocabularyStep[]> {
  const ops = new Set(targets.map((t) => t.op));
  const steps: VocabularyStep[] = [];
  for (const id of new Set(targets.flatMap((t) => t.vocabularies ?? []))) {
    const current = source.current(id);
    const entries = (await source.entries(id)).filter((e) => ops.has(e.op)).reverse();
    if (entries.length === 0) continue;
    // Put back already (an undo cut short, then tried again).
    if (entries.every((e) => (e.field === 'vocabulary' ? same(headerOf(current), e.before) : same(value(current?.concepts.find((c) => c.id === e.item)), e.before)))) continue;
    steps.push({ before: current, after: vocabularyBefore(id, current, entries) });
  }
  return steps;
}

/** A change to tags' own colours: each tag from its colour before to after (null: none). */
export type ColourStep = { tag: string; before: string | null; after: string | null };

/** The colour steps that take back `targets`: every 'color' entry they wrote, newest first, checked against the colours now. */
export function planColourReversal(targets: readonly Operation[], entries: readonly ChangeEntry[], now: (tag: string) => string | null): ColourStep[] {
  if (!targets.some((t) => t.tagColours)) return [];
  const ops = new Set(targets.map((t) => t.op));
  const mine = entries.filter((e) => ops.has(e.op) && e.field === 'color' && e.item !== undefined).reverse();
  // By the tag's key: a case-only rename wrote two spellings of one tag.
  const state = new Map<string, { tag: string; colour: string | null }>();
  const at = (tag: string) => (state.has(pathKey(tag)) ? state.get(pathKey(tag))!.colour : now(tag));
  // Put back already (an undo cut short, then tried again).
  if (mine.every((e) => now(e.item!) === e.before)) return [];
  for (const e of mine) {
    if (at(e.item!) !== e.after) throw new CairnError('E_CONFLICT', text('undo_tag_colour_changed_since', { tag: e.item! }));
    state.set(pathKey(e.item!), { tag: e.item!, colour: e.before as string | null });
  }
  return [...state.values()].map(({ tag, colour }) => ({ tag, before: now(tag), after: colour }));
}
