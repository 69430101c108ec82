// The record: normalising tags and applying a person's changes, the one way a record changes.
import type { CairnRecord, EditableField, RecordPatch } from '../../contract';
import { text } from '../../common/i18n/text';
import { CairnError } from '../errors';
import { parseDateInput } from './dates';
import { reanchor } from '../annotations/annotations';
import { parseLanguage } from '../../common/languages';

import { MAX_TAG_LENGTH } from '../../common/tags/tag-paths';

/** Tags compare case-insensitively and ignore spacing; the first spelling seen is kept. */
export function normalizeTag(tag: string): string {
  return tag.normalize('NFC').replace(/\s+/g, ' ').trim();
}

export function tagKey(tag: string): string {
  return normalizeTag(tag).toLowerCase();
}

export function uniqueTags(tags: Iterable<string>): string[] {
  const seen = new Map<string, string>();
  for (const raw of tags) {
    const tag = normalizeTag(raw);
    if (!tag) continue;
    if (tag.length > MAX_TAG_LENGTH) throw new CairnError('E_VALIDATION', text('tag_too_long', { start: tag.slice(0, 30), limit: MAX_TAG_LENGTH }));
    if (!seen.has(tagKey(tag))) seen.set(tagKey(tag), tag);
  }
  return [...seen.values()];
}

// A line break pasted into a title becomes one space, not a space next to the indent that followed it.
const singleLine = (value: string) => value.normalize('NFC').replace(/[ ]*[\r\n\t]+[ ]*/g, ' ').trim();

/**
 * Applies a patch and returns the changed record, or null when nothing changes. Validates every
 * value first, so a bad patch changes nothing. Edited fields stop being importer proposals.
 */
export function applyPatch(record: CairnRecord, patch: RecordPatch, now: string): CairnRecord | null {
  const next: CairnRecord = { ...record, tags: [...record.tags], proposed: [...record.proposed] };
  if (patch.text !== undefined) {
    // A correction: line ends as everywhere else, nothing more; every annotation anchors again.
    const corrected = patch.text.replace(/\r\n?/g, '\n');
    if (corrected.trim() === '') throw new CairnError('E_VALIDATION', text('text_required'));
    if (corrected !== record.text) {
      next.text = corrected;
      next.annotations = reanchor(record.annotations, corrected).annotations;
    }
  }
  const touched = new Set<EditableField>();

  const setText = (fieldName: Exclude<EditableField, 'date' | 'description'>, value: string | undefined) => {
    if (value === undefined) return;
    const clean = singleLine(value);
    if (fieldName === 'title' && clean === '') throw new CairnError('E_VALIDATION', text('title_required'));
    touched.add(fieldName);
    next[fieldName] = clean;
  };
  setText('title', patch.title);
  setText('place', patch.place);
  setText('identifier', patch.identifier);
  setText('creator', patch.creator);
  setText('publisher', patch.publisher);
  setText('type', patch.type);
  setText('derivedFrom', patch.derivedFrom);
  setText('rights', patch.rights);
  if (patch.language !== undefined) {
    next.language = languageTag(patch.language);
    touched.add('language');
  }
  if (patch.description !== undefined) {
    next.description = patch.description.normalize('NFC');
    touched.add('description');
  }
  if (patch.date !== undefined) {
    next.date = parseDateInput(patch.date);
    touched.add('date');
  }
  if (patch.status !== undefined) next.status = patch.status;
  if (patch.tags !== undefined) next.tags = uniqueTags(patch.tags);
  if (patch.addTags) next.tags = uniqueTags([...next.tags, ...patch.addTags]);
  if (patch.removeTags) {
    const remove = new Set(patch.removeTags.map(tagKey));
    next.tags = next.tags.filter((t) => !remove.has(tagKey(t)));
  }
  for (const f of patch.confirm ?? []) touched.add(f);
  next.proposed = next.proposed.filter((f) => !touched.has(f));

  if (sameContent(record, next)) return null;
  next.rev = record.rev + 1;
  next.updatedAt = now;
  return next;
}

/**
 * A language as a canonical BCP 47 tag ("EN" → "en", "uz-cyrl" → "uz-Cyrl", "Russian" or "русский"
 * → "ru"); empty stays empty. Anything else is refused, naming it.
 */
export function languageTag(value: string): string {
  const tag = parseLanguage(singleLine(value));
  if (tag === null) throw new CairnError('E_VALIDATION', text('language_not_a_tag', { value: singleLine(value).slice(0, 40) }));
  return tag;
}

function sameContent(a: CairnRecord, b: CairnRecord): boolean {
  return JSON.stringify({ ...a, updatedAt: '' }) === JSON.stringify({ ...b, updatedAt: '' });
}
