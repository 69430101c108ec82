// `cairn stats`: counts that tell the state of an archive at a glance.
import { REVIEW_STATUSES, EDITABLE_FIELDS, type EditableField, type ReviewStatus } from '../../contract';
import type { Archive } from '../../core/archive';
import { EXIT_OK, printJson, printLine } from '../cli-io';
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
}

export function archiveStats(archive: Archive): ArchiveStats {
  const info = archive.info();
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
  };
}

export const statsCommand: Command = {
  name: 'stats',
  summary: 'count records by status, dates, tags and unconfirmed proposals',
  synopsis: '',
  options: {},
  async run(ctx) {
    return withArchive(ctx, 'read', async (archive) => {
      const s = archiveStats(archive);
      if (ctx.json) {
        printJson(ctx.io.stdout, s);
        return EXIT_OK;
      }
      const proposals = EDITABLE_FIELDS.filter((f) => s.proposedFields[f]).map((f) => `${f} ${s.proposedFields[f]}`);
      const lines = [
        `Archive:    ${s.archive.name} (${s.archive.path}, format version ${s.archive.formatVersion})`,
        `Records:    ${s.records}`,
        `By status:  ${REVIEW_STATUSES.map((st) => `${st} ${s.byStatus[st]}`).join(', ')}`,
        `With date:  ${s.withDate}`,
        `Tags:       ${s.tags} distinct`,
        `Proposals:  ${proposals.length ? `${proposals.join(', ')} (records whose importer-proposed value nobody has confirmed yet)` : 'none'}`,
      ];
      if (s.problems) lines.push(`Problems:   ${s.problems} ${s.problems === 1 ? 'file' : 'files'} Cairn could not read, read only in part, or will not change (see the warnings above)`);
      for (const line of lines) printLine(ctx.io.stdout, line);
      return EXIT_OK;
    });
  },
};
