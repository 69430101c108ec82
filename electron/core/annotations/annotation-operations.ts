// Annotations and record notes as operations on the archive: each one change, logged, one undo.
import type { AnnotateArgs, AnnotationResult, AnnotationUpdate, CairnRecord, NoteResult } from '../../contract';
import { text } from '../../common/i18n/text';
import type { ArchiveContext } from '../archive-context';
import { CairnError } from '../errors';
import { uniqueTags } from '../model/record';
import { cleanNote, newAnnotation } from './annotations';

async function save(ctx: ArchiveContext, kind: 'annotate' | 'note', before: CairnRecord, after: CairnRecord): Promise<CairnRecord> {
  const { records } = await ctx.commit({ kind }, [{ before, after }]);
  return records[0] ?? before;
}

export async function annotate(ctx: ArchiveContext, args: AnnotateArgs): Promise<AnnotationResult> {
  const record = ctx.writable(args.id);
  const annotation = newAnnotation(record, args, ctx.newId(), ctx.author, ctx.now());
  const saved = await save(ctx, 'annotate', record, { ...record, annotations: [...record.annotations, annotation] });
  return { record: saved, annotation: saved.annotations.find((a) => a.id === annotation.id)! };
}

function annotationOf(record: CairnRecord, id: string) {
  const found = record.annotations.find((a) => a.id === id);
  if (!found) throw new CairnError('E_NOT_FOUND', text('annotation_not_found', { id, title: record.title }));
  return found;
}

export async function updateAnnotation(ctx: ArchiveContext, args: AnnotationUpdate): Promise<CairnRecord> {
  const record = ctx.writable(args.id);
  const old = annotationOf(record, args.annotation);
  const note = args.note === undefined ? old.note : cleanNote(args.note);
  const tags = args.tags === undefined ? old.tags : uniqueTags(args.tags);
  if (note === old.note && JSON.stringify(tags) === JSON.stringify(old.tags)) return record;
  const next = { ...old, note, tags, updatedAt: ctx.now() };
  return save(ctx, 'annotate', record, { ...record, annotations: record.annotations.map((a) => (a.id === old.id ? next : a)) });
}

export async function removeAnnotation(ctx: ArchiveContext, id: string, annotation: string): Promise<CairnRecord> {
  const record = ctx.writable(id);
  annotationOf(record, annotation);
  return save(ctx, 'annotate', record, { ...record, annotations: record.annotations.filter((a) => a.id !== annotation) });
}

function noteText(given: string): string {
  const clean = cleanNote(given);
  if (clean.trim() === '') throw new CairnError('E_VALIDATION', text('note_empty'));
  return clean;
}

export async function addNote(ctx: ArchiveContext, id: string, given: string): Promise<NoteResult> {
  const record = ctx.writable(id);
  const at = ctx.now();
  const note = { id: ctx.newId(), text: noteText(given), by: ctx.author, createdAt: at, updatedAt: at };
  const saved = await save(ctx, 'note', record, { ...record, notes: [...record.notes, note] });
  return { record: saved, note };
}

function noteOf(record: CairnRecord, id: string) {
  const found = record.notes.find((n) => n.id === id);
  if (!found) throw new CairnError('E_NOT_FOUND', text('note_not_found', { id, title: record.title }));
  return found;
}

export async function updateNote(ctx: ArchiveContext, id: string, noteId: string, given: string): Promise<CairnRecord> {
  const record = ctx.writable(id);
  const old = noteOf(record, noteId);
  const clean = noteText(given);
  if (clean === old.text) return record;
  return save(ctx, 'note', record, { ...record, notes: record.notes.map((n) => (n.id === noteId ? { ...n, text: clean, updatedAt: ctx.now() } : n)) });
}

export async function removeNote(ctx: ArchiveContext, id: string, noteId: string): Promise<CairnRecord> {
  const record = ctx.writable(id);
  noteOf(record, noteId);
  return save(ctx, 'note', record, { ...record, notes: record.notes.filter((n) => n.id !== noteId) });
}
