// Saved searches: a query with a name, kept with the archive (searches.json beside the manifest) so
// that every door and every copy of the archive has them: { "format": "cairn-searches", "version": 1,
// "searches": [{ id, name, query, createdAt, by }] }. The list shows each with its count now.
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { ArchiveProblem, Author, SavedSearch } from '../../contract';
import { text } from '../../common/i18n/text';
import { CairnError, problem, reasonOf } from '../errors';
import { writeDurably } from '../store/durable-json-file';
import { readSmallFile } from '../store/read-small-file';

export const SAVED_SEARCHES_FILE = 'searches.json';
const MAX_BYTES = 4 * 1048576;
/** Far more than a sidebar shows; a file with more is not one Cairn wrote. */
export const MAX_SAVED_SEARCHES = 500;

const savedSchema = z.object({
  id: z.string().min(1).max(100),
  name: z.string().trim().min(1).max(100),
  query: z.string().trim().min(1).max(2000),
  createdAt: z.string().max(100),
  by: z.object({ name: z.string().max(200), replica: z.string().max(100) }),
});
/** Version 1 only: a newer Cairn's file is left as it is (read as damaged: never written over). */
const fileSchema = z.object({ format: z.literal('cairn-searches'), version: z.literal(1), searches: z.array(savedSchema).max(MAX_SAVED_SEARCHES) });

const nameKey = (name: string) => name.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();

/** The archive's saved searches; `damaged` when searches.json could not be read (it is then never written over). */
export class SavedSearches {
  #items: SavedSearch[];
  readonly damaged: boolean;

  constructor(items: SavedSearch[], damaged = false) {
    this.#items = items;
    this.damaged = damaged;
  }

  all(): readonly SavedSearch[] {
    return this.#items;
  }

  /**
   * The list with `name` saved as `query`: a name already there (in any case) has its query replaced,
   * keeping its place; a new one goes last.
   */
  withSaved(name: string, query: string, by: Author, now: string): { next: SavedSearches; saved: SavedSearch } {
    if (this.damaged) throw new CairnError('E_CONFLICT', text('searches_damaged'));
    const clean = name.normalize('NFC').replace(/\s+/g, ' ').trim();
    const at = this.#items.findIndex((s) => nameKey(s.name) === nameKey(clean));
    if (at < 0 && this.#items.length >= MAX_SAVED_SEARCHES) throw new CairnError('E_VALIDATION', text('searches_too_many', { limit: MAX_SAVED_SEARCHES }));
    const saved: SavedSearch = at >= 0 ? { ...this.#items[at]!, name: clean, query: query.trim() } : { id: randomUUID().slice(0, 8), name: clean, query: query.trim(), createdAt: now, by };
    const items = at >= 0 ? this.#items.with(at, saved) : [...this.#items, saved];
    return { next: new SavedSearches(items), saved };
  }

  /** The list with a search forgotten just now put back as it was, at its place. */
  withRestored(search: SavedSearch, position: number): { next: SavedSearches; saved: SavedSearch } {
    if (this.damaged) throw new CairnError('E_CONFLICT', text('searches_damaged'));
    const items = this.#items.filter((s) => s.id !== search.id && nameKey(s.name) !== nameKey(search.name));
    items.splice(Math.max(0, Math.min(position, items.length)), 0, search);
    return { next: new SavedSearches(items), saved: search };
  }

  /** The list without the search `id` (or named so; only by name when `by` says so, as the CLI does). */
  without(idOrName: string, by: 'id or name' | 'name' = 'id or name'): { next: SavedSearches; removed: SavedSearch & { position: number } } {
    if (this.damaged) throw new CairnError('E_CONFLICT', text('searches_damaged'));
    const removed = (by === 'name' ? undefined : this.#items.find((s) => s.id === idOrName)) ?? this.#items.find((s) => nameKey(s.name) === nameKey(idOrName));
    if (!removed) throw new CairnError('E_NOT_FOUND', text('searches_not_found', { name: idOrName }));
    return { next: new SavedSearches(this.#items.filter((s) => s !== removed)), removed: { ...removed, position: this.#items.indexOf(removed) } };
  }
}

/** Reads searches.json: missing is none; damaged is reported, read as none, and never written over. */
export async function loadSavedSearches(root: string, problems: ArchiveProblem[]): Promise<SavedSearches> {
  let raw: unknown;
  try {
    raw = JSON.parse((await readSmallFile(path.join(root, SAVED_SEARCHES_FILE), SAVED_SEARCHES_FILE, MAX_BYTES)).toString('utf8'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return new SavedSearches([]);
    problems.push(problem(SAVED_SEARCHES_FILE, text('searches_unreadable', { reason: reasonOf(e) })));
    return new SavedSearches([], true);
  }
  const parsed = checkSavedSearches(raw);
  if (typeof parsed === 'string') {
    problems.push(problem(SAVED_SEARCHES_FILE, text('searches_unreadable', { reason: parsed })));
    return new SavedSearches([], true);
  }
  return new SavedSearches(parsed);
}

/** The searches a parsed searches.json holds, or what is wrong with it. */
export function checkSavedSearches(raw: unknown): SavedSearch[] | string {
  const parsed = fileSchema.safeParse(raw);
  if (parsed.success) {
    // Ids and names are each one search's: a list with two of one cannot be changed safely.
    const ids = new Set(parsed.data.searches.map((s) => s.id));
    const names = new Set(parsed.data.searches.map((s) => nameKey(s.name)));
    if (ids.size !== parsed.data.searches.length || names.size !== parsed.data.searches.length) return 'an id or a name is used twice';
    return parsed.data.searches;
  }
  const issue = parsed.error.issues[0];
  return `${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim();
}

export async function saveSavedSearches(root: string, searches: SavedSearches): Promise<void> {
  await writeDurably(path.join(root, SAVED_SEARCHES_FILE), JSON.stringify({ format: 'cairn-searches', version: 1, searches: searches.all() }, null, 2) + '\n');
}
