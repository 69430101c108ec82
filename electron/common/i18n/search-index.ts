// Why the whole search index is being built (no snapshot yet, one from another version, a damaged
// one), in words for a person: the CLI's warning, the search box's tooltip and the window's toast.
import type { LocalText, SearchIndexInfo } from '../../contract';
import { text } from './text';

export function rebuildText(rebuild: NonNullable<SearchIndexInfo['rebuild']>): LocalText {
  if (rebuild.why === 'missing') return text('search_index_rebuild_missing');
  if (rebuild.why === 'outdated') return text('search_index_rebuild_outdated');
  const problem = rebuild.problem ?? '';
  return rebuild.quarantined
    ? text('search_index_rebuild_damaged', { file: rebuild.file, problem, quarantined: rebuild.quarantined })
    : text('search_index_rebuild_damaged_kept', { file: rebuild.file, problem });
}
