// The rules a status change keeps: a decision needs a named person, "needs work" and "rejected" say
// why, and a record is marked reviewed only with every importer proposal confirmed.
import { DECISION_STATUSES, OPEN_STATUSES, STATUSES_NEEDING_COMMENT, type CairnRecord, type RecordSummary, type ReviewQueue } from '../../contract';
import { text } from '../../common/i18n/text';
import { statusText } from '../../common/i18n/labels';
import { CairnError } from '../errors';

/** Refuses a status change that breaks a rule; `after` is the record as the change would leave it. */
export function checkStatusChange(before: CairnRecord, after: CairnRecord, comment: string | undefined, person: string): void {
  if (before.status === after.status) return;
  const status = after.status;
  if (DECISION_STATUSES.includes(status) && person.trim() === '') {
    throw new CairnError('E_NEEDS_NAME', text('review_needs_name', { status: statusText(status) }));
  }
  if (STATUSES_NEEDING_COMMENT.includes(status) && !comment?.trim()) {
    throw new CairnError('E_VALIDATION', text('review_needs_comment', { status: statusText(status), title: after.title }));
  }
  if (status === 'reviewed' && after.proposed.length > 0) {
    throw new CairnError('E_UNCONFIRMED', text('review_unconfirmed', { title: after.title, count: after.proposed.length, fields: after.proposed.join(', ') }));
  }
  const proposedLinks = (after.entities ?? []).filter((l) => l.proposed).length;
  if (status === 'reviewed' && proposedLinks > 0) {
    throw new CairnError('E_UNCONFIRMED', text('review_unconfirmed_entities', { title: after.title, count: proposedLinks }));
  }
}


/** The review queue over the records a filter finds (already in queue order). */
export function reviewQueue(found: readonly RecordSummary[]): ReviewQueue {
  const items = found.filter((r) => OPEN_STATUSES.includes(r.status));
  return { total: found.length, done: found.length - items.length, items };
}
