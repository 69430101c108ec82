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
 * first. `entries` are the record's valid log entries, oldest first. Refuses, rather than answer
 * wrongly, when the log cannot tell: a moment before the record existed, before its history began
 * (an archive from before the change log), or a log with damaged lines.
 */
export function recordAt(current: CairnRecord, entries: readonly ChangeEntry[], moment: number, damaged = 0): CairnRecord {
  const creation = entries.find((e) => e.field === 'record' && e.before === null);
  const created = creation?.at ?? current.createdAt;
  if (Date.parse(created) > moment) {
    throw new CairnError('E_VALIDATION', text('restore_before_record', { title: current.title, moment: new Date(moment).toISOString(), created }));
  }
  const later = entries.filter((e) => Date.parse(e.at) > moment && e.field !== 'record').reverse();
  if (!creation && later.length > 0 && later.length === entries.length) {
    throw new CairnError('E_VALIDATION', text('restore_before_history', { title: current.title, since: entries[0]!.at }));
  }
  if (!creation && entries.length === 0 && Date.parse(current.updatedAt) > moment) {
    throw new CairnError('E_VALIDATION', text('restore_before_history', { title: current.title, since: current.updatedAt }));
  }
  if (damaged > 0 && later.length > 0) throw new CairnError('E_VALIDATION', text('restore_log_damaged', { title: current.title, count: damaged }));
  return applyChanges(current, later, 'before');
}

/** The record with the value one change replaced put back (the value it had before that change). */
export function recordBeforeChange(current: CairnRecord, entries: readonly ChangeEntry[], change: string): CairnRecord {
  const entry = entries.find((e) => e.change === change);
  if (!entry) throw new CairnError('E_NOT_FOUND', text('restore_no_change', { change: change.slice(0, 40), title: current.title }));
  if (entry.field === 'record') throw new CairnError('E_VALIDATION', text('restore_not_a_value', { change }));
  return applyChanges(current, [entry], 'before');
}
