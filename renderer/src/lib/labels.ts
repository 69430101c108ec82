// Words the UI uses for the contract's values: review statuses and metadata field names.
import type { EditableField, ReviewStatus } from './contract';

const STATUS_LABELS: Record<ReviewStatus, string> = {
  new: 'New',
  'in-review': 'In review',
  reviewed: 'Reviewed',
  rejected: 'Rejected',
};

export function statusLabel(status: ReviewStatus): string {
  return STATUS_LABELS[status];
}

export const FIELD_LABELS: Record<EditableField, string> = {
  title: 'Title',
  date: 'Date',
  place: 'Place',
  identifier: 'Identifier',
  creator: 'Creator',
  language: 'Language',
  description: 'Description',
};

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}
