// Words the UI uses for the contract's values: review statuses and metadata field names.
import type { EditableField, ReviewStatus } from './contract';
import { statusText, fieldText, changeFieldText } from '../../../electron/common/i18n/labels';
import { say } from './i18n.svelte';

export { statusText, fieldText, changeFieldText };
export const statusLabel = (status: ReviewStatus): string => say(statusText(status));
export const fieldLabel = (field: EditableField): string => say(fieldText(field));
