// The result list's snippets by record id, changed by copying (the list's state holds them raw).
import type { RecordSnippet } from './contract';

export function withSnippets(map: ReadonlyMap<string, RecordSnippet>, got: readonly RecordSnippet[]): ReadonlyMap<string, RecordSnippet> {
  const next = new Map(map);
  for (const s of got) next.set(s.id, s);
  return next;
}

export function withoutSnippet(map: ReadonlyMap<string, RecordSnippet>, id: string): ReadonlyMap<string, RecordSnippet> {
  const next = new Map(map);
  next.delete(id);
  return next;
}
