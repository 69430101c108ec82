// Exporting the records shown (all of them, or the current search) as a JSON file.
import { ApiError, call } from './api';
import { records } from './records.svelte';
import { toasts } from './toasts.svelte';

class Exporter {
  running = $state(false);

  async exportShown(): Promise<void> {
    if (this.running) return;
    this.running = true;
    const query = records.shownQuery.trim();
    try {
      const result = await call('export.records', { format: 'json', query: query || undefined });
      if (result.cancelled || (result.savedTo === null && !result.downloadUrl)) {
        toasts.show('Export cancelled.');
        return;
      }
      const noun = result.count === 1 ? 'record' : 'records';
      toasts.show(`Exported ${result.count} ${noun} to ${result.savedTo ?? result.fileName}.`);
    } catch (e) {
      toasts.error(`Export failed: ${e instanceof ApiError ? e.message : String(e)}`);
    } finally {
      this.running = false;
    }
  }
}

export const exporter = new Exporter();
