// A record's history as the window shows it: operations newest first, each with its entries, the
// review mark and confirmations that go with an edit folded in, and saves made while typing in one
// field read as one change (as undo takes them back in one step). The log itself keeps everything.
import type { ChangeEntry } from '../contract';

/** Fields whose values are text a person types (shown with a word diff). */
export const TEXT_FIELDS: readonly string[] = ['title', 'place', 'identifier', 'creator', 'publisher', 'type', 'language', 'derivedFrom', 'rights', 'description'];

/** Saves of one field this far apart at most read as one typing run (as TYPING_RUN_MS in the core). */
const TYPING_RUN_MS = 10_000;

export function historyView(entries: readonly ChangeEntry[]): ChangeEntry[][] {
  const byOp: ChangeEntry[][] = [];
  for (const e of entries) {
    const last = byOp.at(-1);
    if (last && last[0]!.op === e.op) last.push(e);
    else byOp.push([e]);
  }
  // The review mark is shown with its status change (who and the comment head the operation), and
  // a confirmation with the edit of the same field that made it.
  const shown = byOp.map((group) => group.filter((e) => e.field !== 'review' && !(e.field === 'proposed' && group.some((o) => o.field === e.item))));
  return foldTypingRuns(shown.filter((group) => group.length > 0));
}

/**
 * Folds runs of typing saves (newest first): the same person, the same field, seconds apart, plain
 * edits without a comment. The folded change runs from the value before the first save to the value
 * after the last; its id is the first save's, so restoring it puts back the value from before the run.
 */
function foldTypingRuns(groups: readonly ChangeEntry[][]): ChangeEntry[][] {
  const key = (g: ChangeEntry[]) => g.map((e) => `${e.field}/${e.item ?? ''}`).join();
  const typing = (g: ChangeEntry[]) => g.every((e) => e.kind === 'edit' && !e.comment && (TEXT_FIELDS.includes(e.field) || e.field === 'date'));
  const folded: ChangeEntry[][] = [];
  for (const group of groups) {
    const newer = folded.at(-1);
    const gap = newer ? Date.parse(newer[0]!.at) - Date.parse(group[0]!.at) : Infinity;
    const sameHands = newer !== undefined && newer[0]!.who.name === group[0]!.who.name && newer[0]!.who.replica === group[0]!.who.replica;
    if (newer && sameHands && typing(newer) && typing(group) && key(newer) === key(group) && gap >= 0 && gap <= TYPING_RUN_MS) {
      folded[folded.length - 1] = newer.map((e, i) => ({ ...e, before: group[i]!.before, change: group[i]!.change }));
    } else folded.push(group);
  }
  return folded;
}
