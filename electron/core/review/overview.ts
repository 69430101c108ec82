// The state of a collection at a glance: counts by status and by reviewer, proposals still
// unconfirmed, and a timeline of records per year or month stacked by status.
import { REVIEW_STATUSES, type CairnRecord, type ReviewOverview, type ReviewStatus } from '../../contract';

const zero = () => Object.fromEntries(REVIEW_STATUSES.map((s) => [s, 0])) as Record<ReviewStatus, number>;
const collator = new Intl.Collator(undefined, { sensitivity: 'base' });

export function reviewOverview(records: Iterable<CairnRecord>): ReviewOverview {
  const byStatus = zero();
  const reviewers = new Map<string, { name: string; count: number; byStatus: Partial<Record<ReviewStatus, number>> }>();
  const unconfirmed = { records: 0, values: 0 };
  const dated: { year: string; month: string | null; status: ReviewStatus }[] = [];
  let total = 0;
  let undated = 0;
  for (const r of records) {
    total++;
    byStatus[r.status]++;
    if (r.proposed.length > 0) {
      unconfirmed.records++;
      unconfirmed.values += r.proposed.length;
    }
    const mark = r.review;
    if (mark && mark.status === r.status && mark.by.name && r.status !== 'new') {
      const entry = reviewers.get(mark.by.name) ?? { name: mark.by.name, count: 0, byStatus: {} };
      entry.count++;
      entry.byStatus[r.status] = (entry.byStatus[r.status] ?? 0) + 1;
      reviewers.set(mark.by.name, entry);
    }
    const m = r.date ? /^(\d{4})(?:-(\d{2}))?/.exec(r.date) : null;
    if (m) dated.push({ year: m[1]!, month: m[2] ? `${m[1]}-${m[2]}` : null, status: r.status });
    else undated++;
  }
  const years = dated.map((d) => Number(d.year));
  const span = years.length ? Math.max(...years) - Math.min(...years) : 0;
  const granularity = dated.length > 0 && dated.every((d) => d.month) && span < 3 ? 'month' : 'year';
  const bars = new Map<string, Record<ReviewStatus, number>>();
  for (const d of dated) {
    const period = granularity === 'month' ? d.month! : d.year;
    const bar = bars.get(period) ?? zero();
    bar[d.status]++;
    bars.set(period, bar);
  }
  return {
    total,
    byStatus,
    byReviewer: [...reviewers.values()].sort((a, b) => b.count - a.count || collator.compare(a.name, b.name)),
    unconfirmed,
    granularity,
    timeline: [...bars.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([period, counts]) => ({ period, byStatus: counts })),
    undated,
  };
}
