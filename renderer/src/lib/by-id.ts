// Maps by record id that the list's state holds raw (snippets, summaries): changed by copying.

export function withEntries<T extends { id: string }>(map: ReadonlyMap<string, T>, got: readonly T[]): ReadonlyMap<string, T> {
  const next = new Map(map);
  for (const entry of got) next.set(entry.id, entry);
  return next;
}

export function withoutEntry<T>(map: ReadonlyMap<string, T>, id: string): ReadonlyMap<string, T> {
  const next = new Map(map);
  next.delete(id);
  return next;
}
