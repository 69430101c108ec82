// A vocabulary imported again (a newer edition, labels corrected): a concept keeps its id, so the
// records carrying its tag follow its new label or place; a concept the new edition lacks leaves
// its tag on the records as a tag of their own.
import type { CairnRecord, Vocabulary } from '../../contract';
import { ConceptIndex, isWithin, pathKey, reparent } from '../../common/tags/tag-paths';
import type { Step } from '../changes/reverse';

/** The record steps that move every concept's tag whose path `after` changes (children of a concept's tag along with it). */
export function planConceptRetag(before: readonly Vocabulary[], after: readonly Vocabulary[], records: Iterable<CairnRecord>, writable: (id: string) => void): Step[] {
  const was = new ConceptIndex(before);
  const now = new ConceptIndex(after);
  // Deepest paths first, so that a tag is moved by its own concept, not by a broader one's.
  const moves = was.placed
    .map((p) => ({ from: p.tag, to: now.byId(p.vocabulary, p.concept.id)?.tag }))
    .filter((m): m is { from: string; to: string } => m.to !== undefined && m.to !== m.from)
    .sort((a, b) => b.from.length - a.from.length);
  if (moves.length === 0) return [];
  // A tag standing for a concept by a label ("PVE", "Kazakhstan") is matched as the concept's tag.
  const retag = (t: string) => {
    const named = was.canonical(t);
    const move = moves.find((m) => isWithin(named, m.from));
    return move ? reparent(named, move.from, move.to) : t;
  };
  const steps: Step[] = [];
  for (const r of records) {
    const tags = r.tags.map(retag);
    let annotationsChanged = false;
    const annotations = r.annotations.map((a) => {
      const t = a.tags.map(retag);
      if (t.every((x, i) => x === a.tags[i])) return a;
      annotationsChanged = true;
      return { ...a, tags: t };
    });
    if (tags.every((t, i) => t === r.tags[i]) && !annotationsChanged) continue;
    writable(r.id);
    const unique = [...new Map(tags.map((t) => [pathKey(t), t])).values()];
    steps.push({ before: r, after: { ...r, tags: unique, annotations } });
  }
  return steps;
}
