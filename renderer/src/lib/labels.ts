// Words the UI uses for the contract's values: review statuses and metadata field names.
import type { EditableField, ReviewStatus } from './contract';
import { say, text, type LocalText, type MessageKey } from './i18n.svelte';

const STATUS_KEYS = {
  new: 'status_new',
  'in-review': 'status_in_review',
  reviewed: 'status_reviewed',
  rejected: 'status_rejected',
} as const satisfies Record<ReviewStatus, MessageKey>;

const FIELD_KEYS = {
  title: 'field_title',
  date: 'field_date',
  place: 'field_place',
  identifier: 'field_identifier',
  creator: 'field_creator',
  language: 'field_language',
  description: 'field_description',
} as const satisfies Record<EditableField, MessageKey>;

export const statusText = (status: ReviewStatus): LocalText => text(STATUS_KEYS[status]);
export const statusLabel = (status: ReviewStatus): string => say(statusText(status));
export const fieldText = (field: EditableField): LocalText => text(FIELD_KEYS[field]);
export const fieldLabel = (field: EditableField): string => say(fieldText(field));
