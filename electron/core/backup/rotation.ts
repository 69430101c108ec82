// Which backups rotation keeps: the newest of each of the last 7 days that have one, the newest of
// each of the 4 weeks before those, and every backup of the last 24 hours. Pure: the store applies it.
import type { BackupInfo } from '../../contract';

/** How many of each to keep: the newest snapshot of each of the 7 latest days, and of the 4 weeks before them. */
export const KEEP_DAILY = 7;
export const KEEP_WEEKLY = 4;
/** Every snapshot younger than this is kept, whatever the rotation says (the one taken before this morning's bulk edit). */
export const KEEP_ALL_WITHIN_MS = 24 * 3600_000;

/** The local calendar day of a moment, and the Monday that starts its week. */
const dayOf = (iso: string) => {
  const d = new Date(iso);
  return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;
};
const weekOf = (iso: string) => {
  const d = new Date(iso);
  const monday = new Date(d.getFullYear(), d.getMonth(), d.getDate() - ((d.getDay() + 6) % 7));
  return dayOf(monday.toISOString());
};

/** Which snapshots rotation keeps (newest first in, a set of ids out). */
export function snapshotsToKeep(snapshots: readonly BackupInfo[], now: Date): Set<string> {
  const keep = new Set<string>();
  const days: string[] = [];
  const weeks: string[] = [];
  for (const s of snapshots) {
    if (now.getTime() - Date.parse(s.createdAt) < KEEP_ALL_WITHIN_MS) keep.add(s.id);
    const day = dayOf(s.createdAt);
    if (days.includes(day)) continue;
    if (days.length < KEEP_DAILY) {
      days.push(day);
      keep.add(s.id);
      continue;
    }
    days.push(day);
    const week = weekOf(s.createdAt);
    if (weeks.includes(week) || weeks.length >= KEEP_WEEKLY) continue;
    weeks.push(week);
    keep.add(s.id);
  }
  return keep;
}
