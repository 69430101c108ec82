// Putting back the past as a new change: one field's earlier value, or a whole record as it was at
// a moment. The log is read, never rewritten.
import type { CairnRecord, ChangeEntry } from '../../contract';
import { text } from '../../common/i18n/text';
import { CairnError } from '../errors';
import { applyChanges } from '../changes/entries';

/**
 * A moment a person typed: a date ("2026-11-20" is the end of that day, local time), or a date and
 * time ("2026-11-20T14:30", local unless it says otherwise, e.g. "…Z" or "+03:00").
 */
export function parseMoment(typed: string): number {
  const s = typed.trim();
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  const when = day ? new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3]), 23, 59, 59, 999).getTime() : /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(s) ? Date.parse(s) : NaN;
  if (Number.isNaN(when)) throw new CairnError('E_VALIDATION', text('restore_bad_moment', { given: typed.slice(0, 60) }));
  return when;
}

/**
 * The record as it was at `moment`: the current record with every later change put back, newest
 * first. `entries` are the record's valid log entries, oldest first.
 */
export function recordAt(current: CairnRecord, entries: readonly ChangeEntry[], moment: number): CairnRecord {
  const created = entries.find((e) => e.field === 'record' && e.before === null)?.at ?? current.createdAt;
  if (Date.parse(created) > moment) {
    throw new CairnError('E_VALIDATION', text('restore_before_record', { title: current.title, moment: new Date(moment).toISOString(), created }));
  }
  const later = entries.filter((e) => Date.parse(e.at) > moment && e.field !== 'record').reverse();
  return applyChanges(current, later, 'before');
}

/** The record with the value one change replaced put back (the value it had before that change). */
export function recordBeforeChange(current: CairnRecord, entries: readonly ChangeEntry[], change: string): CairnRecord {
  const entry = entries.find((e) => e.change === change);
  if (!entry) throw new CairnError('E_NOT_FOUND', text('restore_no_change', { change: change.slice(0, 40), title: current.title }));
  if (entry.field === 'record') throw new CairnError('E_VALIDATION', text('restore_not_a_value', { change }));
  return applyChanges(current, [entry], 'before');
}
