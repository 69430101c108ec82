// The colours of tags that are no vocabulary concept (a concept's colour is its vocabulary's), in
// tags.json beside the manifest: { "format": "cairn-tags", "version": 1, "colours": { tag: "#rrggbb" } }.
// Keyed by the tag as written; looked up by its key (case, spacing and the hierarchy mark ignored).
import path from 'node:path';
import { z } from 'zod';
import { isTagColour, type ArchiveProblem } from '../../contract';
import { pathKey, tidyPath } from '../../common/tags/tag-paths';
import { text } from '../../common/i18n/text';
import { problem, reasonOf } from '../errors';
import { writeDurably } from '../store/durable-json-file';
import { readSmallFile } from '../store/read-small-file';

export const TAG_COLOURS_FILE = 'tags.json';
const MAX_BYTES = 16 * 1048576;

const fileSchema = z.object({
  format: z.literal('cairn-tags'),
  version: z.number().int().min(1),
  colours: z.record(z.string().min(1).max(1000), z.string().refine(isTagColour)),
});

/** Tag → colour, read and changed by the tag manager. */
export class TagColours {
  #byKey = new Map<string, { tag: string; colour: string }>();

  constructor(entries: Iterable<[string, string]> = []) {
    for (const [tag, colour] of entries) this.set(tag, colour);
  }

  get(tag: string): string | null {
    return this.#byKey.get(pathKey(tag))?.colour ?? null;
  }

  /** Sets (or, with null, takes away) a tag's colour. */
  set(tag: string, colour: string | null): void {
    if (colour === null) this.#byKey.delete(pathKey(tag));
    else this.#byKey.set(pathKey(tag), { tag: tidyPath(tag), colour });
  }

  /** Every coloured tag, as written. */
  entries(): [string, string][] {
    return [...this.#byKey.values()].map((e) => [e.tag, e.colour]);
  }

  copy(): TagColours {
    return new TagColours(this.entries());
  }

  toJSON(): z.infer<typeof fileSchema> {
    return { format: 'cairn-tags', version: 1, colours: Object.fromEntries(this.entries().sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) };
  }
}

/**
 * Reads tags.json; a missing file is no colours. A damaged one is reported and read as no colours,
 * and `damaged` is set: the file is then never written over (colours cannot be changed until it is mended).
 */
export async function loadTagColours(root: string, problems: ArchiveProblem[]): Promise<{ colours: TagColours; damaged: boolean }> {
  let raw: unknown;
  try {
    raw = JSON.parse((await readSmallFile(path.join(root, TAG_COLOURS_FILE), TAG_COLOURS_FILE, MAX_BYTES)).toString('utf8'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { colours: new TagColours(), damaged: false };
    problems.push(problem(TAG_COLOURS_FILE, text('tag_colours_unreadable', { reason: reasonOf(e) })));
    return { colours: new TagColours(), damaged: true };
  }
  const colours = readTagColours(raw, problems);
  return colours ? { colours, damaged: false } : { colours: new TagColours(), damaged: true };
}

/** The colours a parsed tags.json holds, or null (reported) when it is not one. */
export function readTagColours(raw: unknown, problems: ArchiveProblem[]): TagColours | null {
  const parsed = fileSchema.safeParse(raw);
  if (parsed.success) return new TagColours(Object.entries(parsed.data.colours));
  const issue = parsed.error.issues[0];
  problems.push(problem(TAG_COLOURS_FILE, text('tag_colours_unreadable', { reason: `${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim() })));
  return null;
}

export async function saveTagColours(root: string, colours: TagColours): Promise<void> {
  await writeDurably(path.join(root, TAG_COLOURS_FILE), JSON.stringify(colours.toJSON(), null, 2) + '\n');
}
