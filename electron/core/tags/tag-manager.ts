// The tag manager's operations across the archive: rename, merge, move, recolour and delete a tag
// (with the tags below it). Planned here, purely, as the records, vocabularies and colours they
// change; the archive writes the plan as one operation (one undo). A tag that is a vocabulary
// concept's is changed in its vocabulary too: renaming it renames the concept (its old label stays
// an alternative label, so that an old spelling still finds it), moving it changes its broader concept.
import type { CairnRecord, TagChange, Vocabulary, VocabularyConcept } from '../../contract';
import { text } from '../../common/i18n/text';
import { ConceptIndex, isWithin, leafOf, MAX_TAG_LENGTH, normalizeTag, parentOf, pathKey, pathOf, reparent, tidyPath, TAG_PATH_MARK, type PlacedConcept } from '../../common/tags/tag-paths';
import { validateVocabulary } from '../vocab/vocabulary-file';
import { CairnError } from '../errors';
import type { Step } from '../changes/reverse';
import type { ColourStep, VocabularyStep } from '../vocab/vocabulary-changes';
import type { TagColours } from './tag-colours';

export interface TagState {
  records: Iterable<CairnRecord>;
  vocabularies: readonly Vocabulary[];
  colours: TagColours;
  /** Throws when a record may not be changed (two files hold it, a newer Cairn wrote it). */
  writable(id: string): void;
}

export interface TagPlan {
  steps: Step[];
  vocabularies: VocabularyStep[];
  colours: ColourStep[];
  /** The tag the change was about, as the archive names it. */
  tag: string;
  /** Where it went (rename, merge, move). */
  to?: string;
  /** How many tags it changed: the tag and those below it. */
  tags: number;
}

/** Every tag the archive knows, by key: those records and annotations carry, their parents, concepts' tags, coloured tags. */
function knownTags(records: readonly CairnRecord[], index: ConceptIndex, colours: TagColours): { known: Map<string, string>; spellings: Set<string> } {
  const known = new Map<string, string>();
  const spellings = new Set<string>();
  const add = (tag: string) => {
    const levels = pathOf(tag);
    for (let i = 1; i <= levels.length; i++) {
      const t = levels.slice(0, i).join(TAG_PATH_MARK);
      spellings.add(t);
      if (!known.has(pathKey(t))) known.set(pathKey(t), t);
    }
  };
  for (const r of records) {
    for (const t of r.tags) add(t);
    for (const a of r.annotations) for (const t of a.tags) add(t);
  }
  for (const p of index.placed) add(p.tag);
  for (const [t] of colours.entries()) add(t);
  return { known, spellings };
}

export function planTagChange(change: TagChange, state: TagState): TagPlan {
  const records = [...state.records];
  const index = new ConceptIndex(state.vocabularies);
  const { known, spellings } = knownTags(records, index, state.colours);
  /** A tag as given: a concept's label or path names the concept's tag; any other tag must be known. */
  const resolve = (given: string, role: 'tag' | 'target'): string => {
    const tag = tidyPath(given);
    if (!tag) throw new CairnError('E_VALIDATION', text('tags_name_empty'));
    const concept = index.find(tag);
    if (concept) return concept.tag;
    // As the person wrote it, where some record spells it so; else as the archive first spelled it.
    if (spellings.has(tag)) return tag;
    const found = known.get(pathKey(tag));
    if (found) return found;
    throw new CairnError('E_NOT_FOUND', text(role === 'tag' ? 'tags_no_such_tag' : 'tags_no_such_target', { tag }));
  };
  const tag = resolve(change.tag, 'tag');
  const concept = index.byTag(tag);
  const below = [...known.values()].filter((t) => isWithin(t, tag));
  const vocabularies = new Map<string, Vocabulary>();
  /** Changes one concept of a vocabulary (the vocabulary copied once per plan). */
  const changeConcept = (placed: PlacedConcept, edit: (c: VocabularyConcept) => VocabularyConcept) => {
    const v = vocabularies.get(placed.vocabulary) ?? structuredClone(state.vocabularies.find((x) => x.id === placed.vocabulary)!);
    v.concepts = v.concepts.map((c) => (c.id === placed.concept.id ? edit(c) : c));
    vocabularies.set(v.id, v);
  };
  const colours: ColourStep[] = [];
  const colourOf = (t: string) => state.colours.get(t);
  /** The own colours of tags within `tag` go with them to `to` (or go, for null), unless `to` has one already. */
  const carryColours = (to: string | null) => {
    for (const t of below) {
      const c = colourOf(t);
      if (c === null) continue;
      colours.push({ tag: tidyPath(t), before: c, after: null });
      if (to === null) continue;
      const moved = reparent(t, tag, to);
      // A new spelling of the same tag keeps its colour; another tag with a colour of its own keeps that.
      if (pathKey(moved) === pathKey(t) || colourOf(moved) === null) colours.push({ tag: moved, before: null, after: c });
    }
  };
  /** The tag `to` must not be another tag already (a concept's label included): that would be a merge. */
  const free = (to: string) => {
    if (to.length > MAX_TAG_LENGTH) throw new CairnError('E_VALIDATION', text('tag_too_long', { start: to.slice(0, 30), limit: MAX_TAG_LENGTH }));
    const found = index.find(to);
    // Renaming a concept to one of its own other labels is no clash.
    const taken = found && found.tag !== tag ? found : null;
    const existing = known.get(pathKey(to));
    if ((existing !== undefined || taken) && pathKey(to) !== pathKey(tag)) throw new CairnError('E_CONFLICT', text('tags_target_exists', { tag: existing ?? taken!.tag }));
  };
  let mapTag: (t: string) => string | null;
  let to: string | undefined;

  switch (change.action) {
    case 'rename': {
      const given = normalizeTag(change.to);
      if (!pathOf(given).length) throw new CairnError('E_VALIDATION', text('tags_name_empty'));
      // A name on its own keeps the tag where it is; a path ("A › B") puts it there.
      to = given.includes('›') ? tidyPath(given) : [...(parentOf(tag) ? [parentOf(tag)!] : []), leafOf(given)].join(TAG_PATH_MARK);
      // As records would carry it: "Kazakhstan › Notes" is the concept's path and Notes.
      if (!concept) to = index.canonical(to);
      if (to === tag) throw new CairnError('E_VALIDATION', text('tags_same_name', { tag }));
      free(to);
      if (concept) {
        if ((parentOf(to) ?? '').toLowerCase() !== (parentOf(tag) ?? '').toLowerCase()) throw new CairnError('E_VALIDATION', text('tags_concept_rename_moves', { tag }));
        const label = leafOf(to);
        changeConcept(concept, (c) => {
          const old = c.label;
          const alts = c.altLabels.filter((a) => pathKey(a) !== pathKey(label));
          if (pathKey(old) !== pathKey(label) && !alts.some((a) => pathKey(a) === pathKey(old))) alts.push(old);
          return { ...c, label, altLabels: alts };
        });
      }
      carryColours(to);
      const target = to;
      mapTag = (t) => (isWithin(t, tag) ? reparent(t, tag, target) : t);
      break;
    }
    case 'merge': {
      const into = resolve(change.into, 'target');
      if (pathKey(into) === pathKey(tag)) throw new CairnError('E_VALIDATION', text('tags_merge_into_itself', { tag }));
      if (isWithin(into, tag)) throw new CairnError('E_VALIDATION', text('tags_merge_into_child', { tag, into }));
      if (concept && index.placed.some((p) => p !== concept && isWithin(p.tag, tag))) throw new CairnError('E_VALIDATION', text('tags_merge_concept_narrower', { tag }));
      to = into;
      // Its own colour goes; the colours of the tags below it go with them.
      for (const t of below) {
        const c = colourOf(t);
        if (c === null) continue;
        colours.push({ tag: tidyPath(t), before: c, after: null });
        const moved = reparent(t, tag, into);
        if (pathKey(t) !== pathKey(tag) && colourOf(moved) === null) colours.push({ tag: moved, before: null, after: c });
      }
      mapTag = (t) => (isWithin(t, tag) ? reparent(t, tag, into) : t);
      break;
    }
    case 'move': {
      const parent = change.parent === null || change.parent.trim() === '' ? null : tidyPath(change.parent);
      const placedParent = parent === null ? null : (index.find(parent) ?? null);
      const parentTag = placedParent ? placedParent.tag : parent;
      if (parentTag !== null && isWithin(parentTag, tag)) throw new CairnError('E_VALIDATION', text('tags_move_under_itself', { tag, parent: parentTag }));
      to = parentTag === null ? leafOf(tag) : `${parentTag}${TAG_PATH_MARK}${leafOf(tag)}`;
      if (!concept) to = index.canonical(to);
      if (pathKey(to) === pathKey(tag)) throw new CairnError('E_VALIDATION', text('tags_already_there', { tag }));
      free(to);
      if (concept) {
        if (placedParent === null && parentTag !== null) throw new CairnError('E_VALIDATION', text('tags_concept_under_free_tag', { tag, parent: parentTag }));
        if (placedParent && placedParent.vocabulary !== concept.vocabulary) throw new CairnError('E_VALIDATION', text('tags_concept_other_vocabulary', { tag, parent: placedParent.tag }));
        changeConcept(concept, (c) => {
          const { broader: _old, ...rest } = c;
          return placedParent ? { ...rest, broader: placedParent.concept.id } : rest;
        });
      }
      // A tag of one's own may go under a parent no record carries yet: the parent is made by it.
      carryColours(to);
      const target = to;
      mapTag = (t) => (isWithin(t, tag) ? reparent(t, tag, target) : t);
      break;
    }
    case 'color': {
      const colour = change.color;
      if (concept) {
        if ((concept.concept.color ?? null) === colour) throw new CairnError('E_VALIDATION', text('tags_colour_unchanged', { tag }));
        changeConcept(concept, (c) => {
          const { color: _old, ...rest } = c;
          return colour === null ? rest : { ...rest, color: colour };
        });
      } else {
        if (colourOf(tag) === colour) throw new CairnError('E_VALIDATION', text('tags_colour_unchanged', { tag }));
        colours.push({ tag, before: colourOf(tag), after: colour });
      }
      mapTag = (t) => t;
      break;
    }
    case 'delete': {
      carryColours(null);
      mapTag = (t) => (isWithin(t, tag) ? null : t);
      break;
    }
  }

  // A vocabulary changed here is checked as any vocabulary stored: a label too long, too many labels, a path too long.
  for (const v of vocabularies.values()) validateVocabulary(v);
  const after = new ConceptIndex(state.vocabularies.map((v) => vocabularies.get(v.id) ?? v));
  /** A tag as it stands for a concept ("PVE", "Kazakhstan" as a record may carry them) is matched by the concept's tag. */
  const matched = (t: string) => {
    const named = index.canonical(t);
    return isWithin(named, tag) ? named : isWithin(t, tag) ? t : null;
  };
  /** A list of tags with `mapTag` applied, each as the vocabularies (as changed) name it, no tag twice. */
  const retag = (tags: readonly string[]): string[] | null => {
    if (!tags.some((t) => matched(t) !== null)) return null;
    const out = new Map<string, string>();
    for (const t of tags) {
      const m = matched(t);
      const mapped = m === null ? t : mapTag(m);
      if (mapped === null) continue;
      const named = m === null ? t : after.canonical(mapped);
      if (named.length > MAX_TAG_LENGTH) throw new CairnError('E_VALIDATION', text('tag_too_long', { start: named.slice(0, 30), limit: MAX_TAG_LENGTH }));
      if (!out.has(pathKey(named))) out.set(pathKey(named), named);
    }
    return [...out.values()];
  };
  const steps: Step[] = [];
  // A colour changes no record.
  for (const r of change.action === 'color' ? [] : records) {
    const tags = retag(r.tags);
    let annotationsChanged = false;
    const annotations = r.annotations.map((a) => {
      const t = retag(a.tags);
      if (t === null) return a;
      annotationsChanged = true;
      return { ...a, tags: t };
    });
    if (tags === null && !annotationsChanged) continue;
    state.writable(r.id);
    steps.push({ before: r, after: { ...r, tags: tags ?? r.tags, annotations } });
  }
  const vocabularySteps = [...vocabularies.values()].map((v) => ({ before: state.vocabularies.find((x) => x.id === v.id)!, after: v }));
  if (steps.length === 0 && vocabularySteps.length === 0 && colours.length === 0) throw new CairnError('E_VALIDATION', text('tags_nothing_to_change', { tag }));
  return { steps, vocabularies: vocabularySteps, colours, tag, ...(to !== undefined ? { to } : {}), tags: below.length };
}
