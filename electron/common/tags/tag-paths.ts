// Tags as paths and vocabulary concepts as tags, shared by the core and the window.
//
// A tag written "Security › Border security" is a child of "Security". A vocabulary concept is the
// tag of its path: its broader concepts' labels, then its own ("Central Asian states › Kazakhstan"),
// so that asking for a broader concept finds the records of every narrower one. A record carries
// the path in the vocabulary's own language; the window shows each level in the interface's.
import type { Vocabulary, VocabularyConcept } from '../../contract';

/** A tag's length at most, its parents' names included ("Pillars › Pillar I: Measures to address…"). */
export const MAX_TAG_LENGTH = 300;

/** The hierarchy mark between a parent and its child. */
export const TAG_PATH_MARK = ' › ';

/** A tag as stored: NFC, one space between words. */
export const normalizeTag = (tag: string) => tag.normalize('NFC').replace(/\s+/g, ' ').trim();

/** A tag's levels, top first ("A › B" → ["A", "B"]; an empty level, as in "› B", is none). */
export function pathOf(tag: string): string[] {
  return normalizeTag(tag).split(/\s*›\s*/).filter(Boolean);
}

/** The tag written with its levels as Cairn writes them ("A›B" → "A › B"). */
export const tidyPath = (tag: string) => pathOf(tag).join(TAG_PATH_MARK);

/** Tags compare case-insensitively, spacing ignored, the hierarchy mark however it was spaced. */
export const pathKey = (tag: string) => tidyPath(tag).toLowerCase();

/** A tag's parent ("Security › Border security" → "Security"), or null for a tag at the top. */
export function parentOf(tag: string): string | null {
  const parts = pathOf(tag);
  return parts.length > 1 ? parts.slice(0, -1).join(TAG_PATH_MARK) : null;
}

/** The last level of a tag ("Security › Border security" → "Border security"). */
export const leafOf = (tag: string) => pathOf(tag).at(-1) ?? normalizeTag(tag);

/** Whether `tag` is `ancestor` or below it, by key. */
export function isWithin(tag: string, ancestor: string): boolean {
  const t = pathKey(tag);
  const a = pathKey(ancestor);
  return t === a || t.startsWith(a + TAG_PATH_MARK);
}

/** `tag` with its `from` part replaced by `to` ("A › B › C", from "A › B", to "X" → "X › C"); `tag` must be within `from`. */
export function reparent(tag: string, from: string, to: string): string {
  const rest = pathOf(tag).slice(pathOf(from).length);
  return [...pathOf(to), ...rest].join(TAG_PATH_MARK);
}

/** A concept with where it sits: its vocabulary and its tag (its path of labels). */
export interface PlacedConcept {
  vocabulary: string;
  concept: VocabularyConcept;
  /** The tag a record carries for it: "Broader › Narrower". */
  tag: string;
  /** Its path in a language: each level's translated label where there is one. */
  pathIn(language: string): string;
}

/** A concept's label in `language`, falling back to its own. */
export function labelIn(item: Pick<VocabularyConcept, 'label' | 'translations'>, language: string): string {
  return item.translations?.[language]?.label ?? item.label;
}

/** Every label a concept answers to: its own, its alternatives, and those of every translation. */
export function labelsOf(concept: VocabularyConcept): string[] {
  const translated = Object.values(concept.translations ?? {}).flatMap((t) => [...(t.label ? [t.label] : []), ...(t.altLabels ?? [])]);
  return [concept.label, ...concept.altLabels, ...translated];
}

/**
 * Each concept of each vocabulary, placed: its tag is its broader concepts' labels and its own. A
 * broader concept that is missing, or a loop of them (files checked on the way in have neither), ends the path.
 */
export function placeConcepts(vocabularies: readonly Vocabulary[]): PlacedConcept[] {
  const placed: PlacedConcept[] = [];
  for (const v of vocabularies) {
    const byId = new Map(v.concepts.map((c) => [c.id, c]));
    const chainOf = (c: VocabularyConcept): VocabularyConcept[] => {
      const chain = [c];
      const seen = new Set([c.id]);
      for (let up = c.broader ? byId.get(c.broader) : undefined; up && !seen.has(up.id); up = up.broader ? byId.get(up.broader) : undefined) {
        chain.unshift(up);
        seen.add(up.id);
      }
      return chain;
    };
    for (const c of v.concepts) {
      const chain = chainOf(c);
      placed.push({
        vocabulary: v.id,
        concept: c,
        tag: chain.map((x) => normalizeTag(x.label)).join(TAG_PATH_MARK),
        pathIn: (language) => chain.map((x) => normalizeTag(labelIn(x, language))).join(TAG_PATH_MARK),
      });
    }
  }
  return placed;
}

/**
 * Concepts by what a person may type for them: the whole path, and each label on its own (own,
 * alternative, translated). The first vocabulary to claim a label keeps it.
 */
export class ConceptIndex {
  readonly placed: PlacedConcept[];
  #byKey = new Map<string, PlacedConcept>();
  #byTag = new Map<string, PlacedConcept>();
  #byId = new Map<string, PlacedConcept>();

  constructor(vocabularies: readonly Vocabulary[]) {
    this.placed = placeConcepts(vocabularies);
    for (const p of this.placed) {
      const key = pathKey(p.tag);
      if (!this.#byTag.has(key)) this.#byTag.set(key, p);
      this.#byId.set(`${p.vocabulary}\u0000${p.concept.id}`, p);
    }
    // Whole paths first, then every concept's own label, then the other labels: a label never takes
    // the place of another concept's path, nor an alternative label that of another's own label.
    for (const [key, p] of this.#byTag) this.#byKey.set(key, p);
    const claim = (label: string, p: PlacedConcept) => {
      const key = pathKey(label);
      if (!this.#byKey.has(key)) this.#byKey.set(key, p);
    };
    for (const p of this.placed) claim(p.concept.label, p);
    for (const p of this.placed) for (const label of labelsOf(p.concept)) claim(label, p);
  }

  /** The concept whose tag `tag` is (its path exactly); not one of its other labels. */
  byTag(tag: string): PlacedConcept | undefined {
    return this.#byTag.get(pathKey(tag));
  }

  /** The concept `tag` names: its path, or any of its labels. */
  find(tag: string): PlacedConcept | undefined {
    return this.#byKey.get(pathKey(tag));
  }

  byId(vocabulary: string, id: string): PlacedConcept | undefined {
    return this.#byId.get(`${vocabulary}\u0000${id}`);
  }

  /**
   * The tag as a record should carry it: a concept's label or path becomes the concept's path
   * ("Kazakhstan" → "Central Asian states › Kazakhstan"), and so does a child's first level
   * ("Kazakhstan › Almaty" → "Central Asian states › Kazakhstan › Almaty"); any other tag stays as written.
   */
  canonical(tag: string): string {
    const whole = this.find(tag);
    if (whole) return whole.tag;
    const levels = pathOf(tag);
    if (levels.length > 1) {
      const top = this.find(levels[0]!);
      if (top) return [top.tag, ...levels.slice(1)].join(TAG_PATH_MARK);
    }
    return normalizeTag(tag);
  }

  /** A tag as a person reads it in `language`: each level that is a concept's path by its translated label. */
  shown(tag: string, language: string): string {
    const levels = pathOf(tag);
    if (levels.length === 0) return normalizeTag(tag);
    const out: string[] = [];
    for (let i = 0; i < levels.length; i++) {
      const concept = this.byTag(levels.slice(0, i + 1).join(TAG_PATH_MARK));
      out.push(concept ? normalizeTag(labelIn(concept.concept, language)) : levels[i]!);
    }
    return out.join(TAG_PATH_MARK);
  }
}
