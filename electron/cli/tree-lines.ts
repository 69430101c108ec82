// A tree as indented lines, each item under its parent (the tag tree, a vocabulary's concepts).

/** Each item followed by its children, indented two spaces a level; items whose parent is not listed start at the top. */
export function treeLines<T>(items: readonly T[], keyOf: (item: T) => string, parentOf: (item: T) => string | null | undefined, line: (item: T) => string): string[] {
  const keys = new Set(items.map(keyOf));
  const children = new Map<string | null, T[]>();
  for (const item of items) {
    const parent = parentOf(item);
    const at = parent != null && keys.has(parent) ? parent : null;
    children.set(at, [...(children.get(at) ?? []), item]);
  }
  const out: string[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const item of children.get(parent) ?? []) {
      out.push(`${'  '.repeat(depth)}${line(item)}`);
      walk(keyOf(item), depth + 1);
    }
  };
  walk(null, 0);
  return out;
}
