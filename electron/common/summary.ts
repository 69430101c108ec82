// A record's row in the list, made the same way by the core (records.list) and by the window
// (after a save), so the two never disagree about what a row shows.
import type { CairnRecord, RecordSummary } from '../contract';

export function summarize(r: CairnRecord): RecordSummary {
  return { id: r.id, rev: r.rev, title: r.title, date: r.date, place: r.place, status: r.status, tags: r.tags, proposed: r.proposed.length, updatedAt: r.updatedAt };
}
