// Why a record of an export was not brought in, as a sentence (the CLI and the window say the same).
import type { SkippedRecord } from '../contract';
import { text, type LocalText } from './i18n/text';

/** The sentence for one skipped record; `short` shortens ids as the door shows them. */
export function skippedText(s: SkippedRecord, short: (id: string) => string = (id) => id): LocalText {
  const params = { title: s.title, id: short(s.id) };
  switch (s.reason) {
    case 'here':
      return text('bring_in_skipped_here', params);
    case 'other-version':
      return text('bring_in_skipped_other', params);
    case 'copy':
      return text('bring_in_skipped_copy', { ...params, here: short(s.here) });
  }
}
