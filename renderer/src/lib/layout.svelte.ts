// Pane widths the person chose by dragging the splitters; remembered in this browser profile.
const STORAGE_KEY = 'cairn.paneWidths';

export const LIMITS = {
  list: { min: 300, max: 900 },
  details: { min: 260, max: 560 },
  /** The reader never gets narrower than this. */
  readerMin: 320,
};

class PaneLayout {
  /** null: the default proportions. */
  list = $state<number | null>(null);
  details = $state(320);

  constructor() {
    try {
      const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as { list?: number | null; details?: number } | null;
      if (saved && (saved.list === null || typeof saved.list === 'number')) this.list = saved.list ?? null;
      if (saved && typeof saved.details === 'number') this.details = saved.details;
    } catch {
      // A damaged setting just means the default layout.
    }
  }

  set(pane: 'list' | 'details', width: number, total: number): void {
    const other = pane === 'list' ? this.details : (this.list ?? 0);
    const limit = LIMITS[pane];
    const clamped = Math.round(Math.max(limit.min, Math.min(limit.max, total - other - LIMITS.readerMin, width)));
    if (pane === 'list') this.list = clamped;
    else this.details = clamped;
    this.#save();
  }

  reset(): void {
    this.list = null;
    this.details = 320;
    this.#save();
  }

  #save(): void {
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify({ list: this.list, details: this.details }));
    } catch {
      // Not being able to remember the layout is harmless.
    }
  }
}

export const layout = new PaneLayout();
