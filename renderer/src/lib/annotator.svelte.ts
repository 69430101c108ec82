// Annotating in the reader: the passage selected, the annotation in focus, the dialog to write one,
// marking a name as an entity, stepping through annotations, and correcting the text.
import type { Annotation, CairnRecord, EntityKind, TextPosition } from './contract';
import { call } from './api';
import { inTextOrder } from '../../../electron/common/annotations/text-order';
import { editor } from './editor.svelte';
import { entities } from './entities.svelte';
import { records } from './records.svelte';
import { session } from './session.svelte';
import { toasts } from './toasts.svelte';
import { text } from './i18n.svelte';

export type DetailsTab = 'details' | 'annotations' | 'entities' | 'notes';

export { inTextOrder };

class Annotator {
  /** The passage selected in the reader's text, if any. */
  selection = $state<(TextPosition & { quote: string }) | null>(null);
  /** The annotation in focus (clicked in the text or the panel). */
  active = $state<string | null>(null);
  /** The annotation dialog: a new one on a passage, or one to edit. */
  dialog = $state<{ record: CairnRecord; position: TextPosition; quote: string; annotation?: Annotation } | null>(null);
  tab = $state<DetailsTab>('details');
  /** The reader shows the text in an editor, to correct it. */
  correcting = $state(false);

  get writable(): boolean {
    const r = records.selected;
    return r !== null && session.lockedReason(r.id) === null;
  }

  /** Opens the dialog for the selected passage (the A key, the toolbar's button). */
  annotateSelection(): void {
    const record = records.selected;
    if (!record || !this.selection || !this.writable) return;
    this.dialog = { record, position: { start: this.selection.start, end: this.selection.end }, quote: this.selection.quote };
  }

  edit(record: CairnRecord, annotation: Annotation): void {
    if (!this.writable) return;
    this.dialog = { record, position: annotation.position ?? { start: 0, end: 0 }, quote: annotation.quote.exact, annotation };
  }

  async save(note: string, tags: string[]): Promise<boolean> {
    const d = this.dialog;
    if (!d) return false;
    const outcome = d.annotation
      ? await editor.change(() => call('annotations.update', { id: d.record.id, annotation: d.annotation!.id, note, tags }))
      : await editor.change(async () => {
          const { record, annotation } = await call('annotations.add', { id: d.record.id, position: d.position, note, tags });
          this.active = annotation.id;
          return record;
        });
    if (!outcome.ok) {
      toasts.error(outcome.error.said);
      return false;
    }
    this.dialog = null;
    this.selection = null;
    this.tab = 'annotations';
    return true;
  }

  async remove(record: CairnRecord, annotation: Annotation): Promise<void> {
    const outcome = await editor.change(() => call('annotations.remove', { id: record.id, annotation: annotation.id }));
    if (outcome.ok) toasts.show(text('annotation_removed_undo'));
    else toasts.error(outcome.error.said);
  }

  /** Marks the selected words as a person, organization or place: the entity that goes by them, or a new one. */
  async mark(kind: EntityKind): Promise<void> {
    const record = records.selected;
    const selection = this.selection;
    if (!record || !selection || !this.writable) return;
    let name = '';
    const outcome = await editor.change(async () => {
      const result = await call('entities.mark', { id: record.id, name: selection.quote, kind });
      name = result.entity.name;
      return result.record;
    });
    if (!outcome.ok) {
      toasts.error(outcome.error.said);
      return;
    }
    this.selection = null;
    this.tab = 'entities';
    await entities.refresh();
    toasts.show(text('entity_marked_toast', { name }));
  }

  /** Moves the focus to the next (or previous) annotation in the text, and scrolls to it. */
  step(by: 1 | -1): void {
    const record = records.selected;
    if (!record) return;
    const list = inTextOrder(record.annotations).filter((a) => a.position !== null);
    if (list.length === 0) return;
    const at = list.findIndex((a) => a.id === this.active);
    const next = list[at === -1 ? (by === 1 ? 0 : list.length - 1) : (at + by + list.length) % list.length]!;
    this.focus(next.id, 'text');
  }

  /** Focuses an annotation: its highlight in the text, or its entry in the panel. */
  focus(id: string, where: 'text' | 'panel'): void {
    this.active = id;
    if (where === 'panel') this.tab = 'annotations';
    requestAnimationFrame(() => {
      const target = where === 'text' ? document.querySelector<HTMLElement>(`[data-annotation-start="${CSS.escape(id)}"]`) : document.getElementById(`annotation-${id}`);
      target?.scrollIntoView({ block: 'center', behavior: 'smooth' });
      target?.focus({ preventScroll: true });
    });
  }

  async correct(record: CairnRecord, corrected: string): Promise<boolean> {
    const before = new Map(record.annotations.map((a) => [a.id, a]));
    const outcome = await editor.change(() => call('records.update', { id: record.id, ifRev: record.rev, changes: { text: corrected } }));
    if (!outcome.ok) {
      toasts.error(outcome.error.said);
      return false;
    }
    this.correcting = false;
    const after = outcome.record.annotations;
    const orphaned = after.filter((a) => a.position === null && before.get(a.id)?.position !== null).length;
    const approximate = after.filter((a) => a.approximate && !before.get(a.id)?.approximate).length;
    toasts.show(text('text_corrected_toast', { count: after.length, approximate, orphaned }));
    return true;
  }

  reset(): void {
    this.selection = null;
    this.active = null;
    this.dialog = null;
    this.correcting = false;
  }
}

export const annotator = new Annotator();
