// The tag manager's tree, from the archive's tag entries: each tag followed by the tags below it,
// with how deep it sits and how many records carry it or a tag below it.
import type { TagEntry } from './contract';

export interface TreeRow {
  entry: TagEntry;
  depth: number;
  /** Records carrying the tag or one below it, counted per tag (a record with two of them counts twice). */
  total: number;
}

export function treeRows(entries: readonly TagEntry[]): TreeRow[] {
  const children = new Map<string | null, TagEntry[]>();
  for (const e of entries) children.set(e.parent, [...(children.get(e.parent) ?? []), e]);
  const out: TreeRow[] = [];
  const walk = (parent: string | null, depth: number): number => {
    let sum = 0;
    for (const entry of children.get(parent) ?? []) {
      const row: TreeRow = { entry, depth, total: 0 };
      out.push(row);
      row.total = entry.count + walk(entry.name, depth + 1);
      sum += row.total;
    }
    return sum;
  };
  walk(null, 0);
  return out;
}
