// Words the UI uses for the contract's values: review statuses and metadata field names.
import type { EditableField, EntityKind, ReviewStatus } from './contract';
import { statusText, fieldText, changeFieldText } from '../../../electron/common/i18n/labels';
import { m, say } from './i18n.svelte';

export { statusText, fieldText, changeFieldText };
export const statusLabel = (status: ReviewStatus): string => say(statusText(status));
export const fieldLabel = (field: EditableField): string => say(fieldText(field));
/** The heading for entities of a kind, e.g. "People" (plural by count). */
export const entityKindLabel = (kind: EntityKind, count: number): string =>
  ({ person: m.entity_heading_person, organization: m.entity_heading_organization, place: m.entity_heading_place })[kind]({ count });
