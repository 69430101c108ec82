// Words for what an operation did ("the change to Title of “Ashgabat Declaration”", "the import of
// 5 records"), for undo and redo messages in the window and on the command line.
import type { LocalText, Operation } from '../../contract';
import { changeFieldText } from './labels';
import { text } from './text';

/** What `op` changed, in the words `say` renders; `titles` are the titles of the records it changed. */
export function describeOperation(op: Operation, titles: readonly string[], say: (said: LocalText | string) => string): string {
  const count = op.records.length;
  if (op.fields.includes('record')) return say(text('op_import', { count }));
  if (op.kind === 'merge') return say(text('op_merge', { count }));
  if (op.kind === 'split') return say(text('op_split', { count }));
  if (op.kind === 'tags') return say(text('op_tags', { count }));
  // A vocabulary's label is among the titles, after its records'.
  if (op.kind === 'vocabulary') return say(text('op_vocabulary', { vocabulary: titles.at(-1) ?? op.vocabularies?.[0] ?? '' }));
  // Confirmations and review marks go with the change they belong to; they are not named apart.
  const fields = op.fields.filter((f) => f !== 'proposed' && f !== 'review').map((f) => say(changeFieldText(f)));
  const what = fields.length > 0 ? fields.join(', ') : say(text('op_proposals'));
  if (count === 1 && titles[0] !== undefined) return say(text('op_change_one', { fields: what, title: titles[0] }));
  return say(text('op_change_many', { fields: what, count }));
}
