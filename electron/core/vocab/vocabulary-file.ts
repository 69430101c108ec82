// Vocabulary files under vocabularies/: their schema, colours checked as colours, loading and reporting.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { isTagColour, type ArchiveProblem, type LocalText, type Vocabulary, type VocabularyConcept } from '../../contract';
import { MAX_TAG_LENGTH, pathKey, placeConcepts } from '../../common/tags/tag-paths';
import { text } from '../../common/i18n/text';
import { megabytes } from '../../common/i18n/sizes';
import { CairnError, problem, reasonOf } from '../errors';
import { damaged, relativeOf } from '../backup/quarantine';
import { readSmallFile } from '../store/read-small-file';

/** Far above any real vocabulary (50,000 concepts with labels fit in a few MB); a file this large is not one. */
export const MAX_VOCABULARY_FILE_BYTES = 64 * 1048576;

const label = z.string().trim().min(1).max(200);

/** A concept's colour: #rrggbb (or #rgb, widened), lower case; anything else is not a colour. */
const colour = z
  .string()
  .trim()
  .transform((c) => (/^#[0-9a-fA-F]{3}$/.test(c) ? `#${[...c.slice(1)].map((d) => d + d).join('')}` : c).toLowerCase())
  .refine(isTagColour, 'a colour is written #rrggbb, e.g. #1d4ed8');

/** Labels in other languages, by BCP 47 language tag ("ru", "kk-Cyrl"). */
const translations = z
  .record(
    z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, 'a language is a tag such as ru or kk-Cyrl'),
    z.object({ label: label.optional(), altLabels: z.array(label).max(200).optional(), scopeNote: z.string().max(5000).optional() }),
  )
  .optional();

const concept = z.object({
  id: z.string().min(1).max(200),
  label,
  altLabels: z.array(label).max(200).default([]),
  broader: z.string().min(1).max(200).optional(),
  color: colour.optional(),
  scopeNote: z.string().max(5000).optional(),
  translations,
});

export const vocabularySchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'a vocabulary id is 1–100 letters, digits, _ or -'),
  label,
  concepts: z.array(concept).max(50_000),
  translations,
});

/** Checks a vocabulary before it is stored; throws E_VALIDATION naming the first bad value. */
export function validateVocabulary(raw: unknown): Vocabulary {
  const parsed = vocabularySchema.safeParse(raw);
  if (!parsed.success) throw new CairnError('E_VALIDATION', text('vocab_cannot_be_used', { issue: describeIssue(parsed.error.issues[0], raw) }));
  const wrong = structuralIssue(parsed.data);
  if (wrong) throw new CairnError('E_VALIDATION', text('vocab_cannot_be_used', { issue: wrong }));
  return parsed.data;
}

/**
 * What is wrong with how a vocabulary's concepts hang together, or null: an id used twice, a broader
 * concept it does not hold, a loop of broader concepts, two concepts with one tag.
 */
export function structuralIssue(v: Vocabulary): LocalText | null {
  const byId = new Map<string, VocabularyConcept>();
  for (const c of v.concepts) {
    if (byId.has(c.id)) return text('vocab_issue_duplicate_id', { id: c.id });
    // The hierarchy mark would split a label into levels of its own.
    if (c.label.includes('›')) return text('vocab_issue_label_mark', { id: c.id, label: c.label });
    byId.set(c.id, c);
  }
  for (const c of v.concepts) {
    if (c.broader === undefined) continue;
    if (!byId.has(c.broader)) return text('vocab_issue_unknown_broader', { id: c.id, broader: c.broader });
    const loop = [c.id];
    for (let up = byId.get(c.broader); up; up = up.broader === undefined ? undefined : byId.get(up.broader)) {
      if (up.id === c.id) return text('vocab_issue_broader_loop', { ids: [...loop, c.id].join(' → ') });
      if (loop.includes(up.id)) break;
      loop.push(up.id);
    }
  }
  const tags = new Map<string, string>();
  for (const p of placeConcepts([v])) {
    const key = pathKey(p.tag);
    if (p.tag.length > MAX_TAG_LENGTH) return text('vocab_issue_path_too_long', { id: p.concept.id, limit: MAX_TAG_LENGTH });
    const first = tags.get(key);
    if (first !== undefined) return text('vocab_issue_duplicate_tag', { tag: p.tag, first, second: p.concept.id });
    tags.set(key, p.concept.id);
  }
  return null;
}

/**
 * Reads every vocabulary file. A concept with a colour that is not a colour keeps its labels and
 * loses the colour (reported); a file that is not a vocabulary is reported and left untouched.
 */
export async function loadVocabularies(dir: string, root: string, problems: ArchiveProblem[]): Promise<Vocabulary[]> {
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.json') && !f.startsWith('.')).sort();
  const out: Vocabulary[] = [];
  for (const f of files) {
    const file = relativeOf(root, path.join(dir, f));
    let raw: unknown;
    try {
      raw = JSON.parse((await readSmallFile(path.join(dir, f), f, MAX_VOCABULARY_FILE_BYTES)).toString('utf8'));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'E_TOO_LARGE') problems.push(problem(file, text('vocab_too_large', { limit: megabytes(MAX_VOCABULARY_FILE_BYTES) })));
      else if (code === 'E_NOT_A_FILE') problems.push(problem(file, text('vocab_left_untouched', { reason: reasonOf(e) })));
      else problems.push(problem(file, text('vocab_unreadable', { reason: reasonOf(e) }), e instanceof SyntaxError ? damaged(file) : {}));
      continue;
    }
    const dropped = dropBadColours(raw);
    const parsed = vocabularySchema.safeParse(raw);
    if (!parsed.success) {
      problems.push(problem(file, text('vocab_not_usable', { issue: describeIssue(parsed.error.issues[0], raw) }), damaged(file)));
      continue;
    }
    const wrong = structuralIssue(parsed.data);
    if (wrong) {
      problems.push(problem(file, text('vocab_not_usable', { issue: wrong }), damaged(file)));
      continue;
    }
    for (const d of dropped) {
      problems.push(problem(file, text('vocab_bad_colour', { concept: d.label, colour: d.colour.slice(0, 60) }), { partial: true }));
    }
    out.push(parsed.data);
  }
  return out;
}

/** Removes (in `raw`, before validation) each concept colour that is not a colour, and says which. */
function dropBadColours(raw: unknown): { label: string; colour: string }[] {
  const concepts = (raw as { concepts?: unknown } | null)?.concepts;
  if (!Array.isArray(concepts)) return [];
  const dropped: { label: string; colour: string }[] = [];
  for (const c of concepts as Record<string, unknown>[]) {
    if (!c || typeof c !== 'object' || c.color === undefined) continue;
    if (colour.safeParse(c.color).success) continue;
    dropped.push({ label: String(c.label ?? c.id ?? '?'), colour: String(c.color) });
    delete c.color;
  }
  return dropped;
}

function describeIssue(issue: z.core.$ZodIssue | undefined, raw: unknown): LocalText {
  if (!issue) return text('vocab_issue_not_a_vocabulary');
  let value = raw;
  for (const key of issue.path) value = value && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  const where = issue.path.length ? issue.path.join('.') : text('vocab_issue_the_file');
  return text(value === undefined ? 'vocab_issue_missing' : 'vocab_issue_wrong', { where, detail: issue.message });
}
