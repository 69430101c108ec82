// Words for the contract's values (review statuses, field names), shared by the window, the CLI
// and the core's messages, so that each is named the same way everywhere.
import type { BackupReason, EditableField, EntityKind, LocalText, ReviewStatus } from '../../contract';
import { text, type MessageKey } from './text';

const STATUS_KEYS = {
  new: 'status_new',
  'in-review': 'status_in_review',
  reviewed: 'status_reviewed',
  'needs-work': 'status_needs_work',
  rejected: 'status_rejected',
} as const satisfies Record<ReviewStatus, MessageKey>;

const FIELD_KEYS = {
  title: 'field_title',
  date: 'field_date',
  place: 'field_place',
  identifier: 'field_identifier',
  creator: 'field_creator',
  publisher: 'field_publisher',
  type: 'field_type',
  language: 'field_language',
  derivedFrom: 'field_derived_from',
  rights: 'field_rights',
  description: 'field_description',
} as const satisfies Record<EditableField, MessageKey>;

/** Names for the other things a change-log entry can be about. */
const CHANGE_FIELD_KEYS = {
  status: 'field_status',
  tags: 'field_tags',
  proposed: 'field_proposed',
  record: 'field_record',
  text: 'field_text',
  annotations: 'field_annotations',
  notes: 'field_notes',
  entities: 'field_entities',
  entity: 'field_entity',
  encoding: 'field_encoding',
} as const satisfies Record<string, MessageKey>;

const KIND_KEYS = {
  person: 'entity_kind_person',
  organization: 'entity_kind_organization',
  place: 'entity_kind_place',
} as const satisfies Record<EntityKind, MessageKey>;

const BACKUP_REASON_KEYS = {
  daily: 'backup_reason_daily',
  manual: 'backup_reason_manual',
  bulk: 'backup_reason_bulk',
  migration: 'backup_reason_migration',
  restore: 'backup_reason_restore',
} as const satisfies Record<BackupReason, MessageKey>;

/** Why a backup was taken, in words. */
export const backupReasonText = (reason: BackupReason): LocalText => text(BACKUP_REASON_KEYS[reason] ?? 'backup_reason_manual');
export const entityKindText = (kind: EntityKind): LocalText => text(KIND_KEYS[kind]);
export const statusText = (status: ReviewStatus): LocalText => text(STATUS_KEYS[status]);
export const fieldText = (field: EditableField): LocalText => text(FIELD_KEYS[field]);

/** The name of what a change-log entry changed; an unknown field (a newer Cairn's) is shown as it is. */
export function changeFieldText(field: string): LocalText | string {
  if (field in FIELD_KEYS) return fieldText(field as EditableField);
  if (field in CHANGE_FIELD_KEYS) return text(CHANGE_FIELD_KEYS[field as keyof typeof CHANGE_FIELD_KEYS]);
  return field;
}
