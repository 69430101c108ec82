// Exporting the records shown (all of them, or the current search) as a JSON file.
import { call, failure } from './api';
import { text } from './i18n.svelte';
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
        toasts.show(text('export_cancelled'));
        return;
      }
      toasts.show(text('export_done', { count: result.count, target: result.savedTo ?? result.fileName }));
    } catch (e) {
      toasts.error(text('export_failed', { reason: failure(e) }));
    } finally {
      this.running = false;
    }
  }
}

export const exporter = new Exporter();
