// `cairn stats`: counts that tell the state of an archive at a glance.
import { REVIEW_STATUSES, EDITABLE_FIELDS, type EditableField, type ReviewOverview, type ReviewStatus } from '../../contract';
import type { Archive } from '../../core/archive';
import { text } from '../../common/i18n/text';
import { formatNumber } from '../../common/i18n/dates';
import { EXIT_OK, printJson, printLine, say } from '../cli-io';
import type { Command } from '../command';
import { withArchive } from '../open-archive';

export interface ArchiveStats {
  records: number;
  /** Distinct tags in use. */
  tags: number;
  byStatus: Record<ReviewStatus, number>;
  withDate: number;
  /** Per field, how many records still carry an importer's unconfirmed proposal for it. */
  proposedFields: Partial<Record<EditableField, number>>;
  /** Problems with files in the archive folder: not read, read in part, or records Cairn will not change until a person acts. */
  problems: number;
  archive: { path: string; name: string; formatVersion: number };
  /** Who made the current review decisions, most first. */
  reviewers: ReviewOverview['byReviewer'];
  /** Records per year (or month), stacked by status, as the window's overview draws them. */
  timeline: { granularity: ReviewOverview['granularity']; bars: ReviewOverview['timeline']; undated: number };
}

export function archiveStats(archive: Archive): ArchiveStats {
  const info = archive.info();
  const overview = archive.overview();
  const byStatus = Object.fromEntries(REVIEW_STATUSES.map((s) => [s, 0])) as Record<ReviewStatus, number>;
  const proposedFields: Partial<Record<EditableField, number>> = {};
  let withDate = 0;
  for (const summary of archive.list().items) {
    const record = archive.get(summary.id);
    byStatus[record.status]++;
    if (record.date) withDate++;
    for (const f of record.proposed) proposedFields[f] = (proposedFields[f] ?? 0) + 1;
  }
  return {
    records: info.recordCount,
    tags: archive.tags().length,
    byStatus,
    withDate,
    proposedFields,
    problems: info.problems.length,
    archive: { path: info.path, name: info.name, formatVersion: info.formatVersion },
    reviewers: overview.byReviewer,
    timeline: { granularity: overview.granularity, bars: overview.timeline, undated: overview.undated },
  };
}

export const statsCommand: Command = {
  name: 'stats',
  summary: 'cli_stats_summary',
  synopsis: '',
  options: {},
  async run(ctx) {
    return withArchive(ctx, 'read', async (archive) => {
      const s = archiveStats(archive);
      if (ctx.json) {
        printJson(ctx.io.stdout, s);
        return EXIT_OK;
      }
      const io = ctx.io;
      const number = (n: number) => formatNumber(n, io.locale);
      const proposals = EDITABLE_FIELDS.filter((f) => s.proposedFields[f]).map((f) => `${f} ${number(s.proposedFields[f] ?? 0)}`);
      const rows: [string, string][] = [
        [say(io, text('archive_caption')), say(io, text('cli_stats_archive', { name: s.archive.name, path: s.archive.path, version: String(s.archive.formatVersion) }))],
        [say(io, text('list_records')), number(s.records)],
        [say(io, text('cli_stats_by_status')), REVIEW_STATUSES.map((st) => `${st} ${number(s.byStatus[st])}`).join(', ')],
        [say(io, text('cli_stats_with_date')), number(s.withDate)],
        [say(io, text('tags_label')), say(io, text('cli_stats_distinct_tags', { count: s.tags }))],
        [say(io, text('cli_stats_proposals')), proposals.length ? say(io, text('cli_stats_proposals_value', { fields: proposals.join(', ') })) : say(io, text('cli_none'))],
      ];
      rows.push([say(io, text('cli_stats_reviewers')), s.reviewers.length ? s.reviewers.map((r) => `${r.name} ${number(r.count)}`).join(', ') : say(io, text('cli_none'))]);
      const bars = s.timeline.bars.map((b) => `${b.period} ${number(REVIEW_STATUSES.reduce((sum, st) => sum + b.byStatus[st], 0))}`);
      rows.push([say(io, text('cli_stats_timeline')), say(io, text('cli_stats_timeline_value', { bars: bars.join(', ') || say(io, text('cli_none')), undated: s.timeline.undated }))]);
      if (s.problems) rows.push([say(io, text('cli_stats_problems')), say(io, text('cli_stats_problems_value', { count: s.problems }))]);
      const width = Math.max(...rows.map(([label]) => label.length)) + 2;
      for (const [label, value] of rows) printLine(io.stdout, `${`${label}:`.padEnd(width)}${value}`);
      return EXIT_OK;
    });
  },
};
