// Review decisions from the window: which need the review dialog (a name to give, a comment to write,
// proposals to confirm) and which are made at once; the history dialog; the queue's keys.
import { STATUSES_NEEDING_COMMENT, type CairnRecord, type ReviewStatus } from './contract';
import { call } from './api';
import { editor, type SaveOutcome } from './editor.svelte';
import { records } from './records.svelte';
import { settings } from './settings.svelte';
import { toasts } from './toasts.svelte';
import { text } from './i18n.svelte';
import { statusText } from './labels';

class ReviewFlow {
  /** The review dialog: the record and the status the person is setting. */
  dialog = $state<{ record: CairnRecord; status: ReviewStatus } | null>(null);
  /** The record whose history is open. */
  historyFor = $state<string | null>(null);

  /** Whether setting `status` on `record` needs the dialog: a name, a comment or proposals to confirm. */
  needsDialog(record: CairnRecord, status: ReviewStatus): boolean {
    if (status === 'new' || status === 'in-review') return false;
    return settings.name.trim() === '' || STATUSES_NEEDING_COMMENT.includes(status) || (status === 'reviewed' && record.proposed.length > 0);
  }

  /** Sets a status as the person chose it: at once when nothing more is needed, else through the dialog. */
  decide(record: CairnRecord, status: ReviewStatus): void {
    if (record.status === status) return;
    if (this.needsDialog(record, status)) this.dialog = { record, status };
    else void this.apply(record, status, {});
  }

  /** Records the decision; in the review queue the next record comes up. */
  async apply(record: CairnRecord, status: ReviewStatus, options: { comment?: string; confirmProposals?: boolean }): Promise<SaveOutcome> {
    const outcome = await editor.change(() => call('records.review', { id: record.id, status, ...(options.comment?.trim() ? { comment: options.comment.trim() } : {}), ...(options.confirmProposals ? { confirmProposals: true } : {}) }));
    if (outcome.ok) {
      toasts.show(text('review_done', { title: outcome.record.title, status: statusText(status) }));
      if (records.queueMode) await records.refreshAndContinue();
    }
    return outcome;
  }
}

export const review = new ReviewFlow();
