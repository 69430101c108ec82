// The record list as shown: search query, sort order, the matching summaries, and the selected record.
import { LIST_WINDOW_MAX, OPEN_STATUSES, type CairnRecord, type RecordSnippet, type Facets, type QueryProblem, type RecordSummary, type ReviewQueue, type SortField, type SortOrder } from './contract';
import { tick } from 'svelte';
import { call, failure } from './api';
import { summarize } from '../../../electron/common/summary';
import { withEntries, withoutEntry } from './by-id';
import type { Said } from './i18n.svelte';

/** The performance measure of each keystroke answered: from the key to its results on screen (npm run bench -- --suite typing). */
export const KEYSTROKE_MEASURE = 'cairn:keystroke-to-results';
/** Summaries that come with the list; the rest come as their rows come on screen. */
const FIRST_WINDOW = 100;
/** A pause in typing this long (a typist's keys come 100–250 ms apart) and the reader and the rows' snippets catch up with the query (see #follow). */
const READER_FOLLOWS_AFTER_MS = 200;


class RecordsView {
  /** Every record listed, in list order: ids only, light even at 100,000 (raw: not deeply reactive). */
  ids = $state.raw<string[]>([]);
  /**
   * Summaries by id: the list's first window, then those of the rows that came on screen (see
   * wantRows). One not yet fetched shows as a row still loading.
   */
  rows = $state.raw<ReadonlyMap<string, RecordSummary>>(new Map());
  /** Moves on whenever the list or a record in it changes (what follows the archive listens to it). */
  version = $state(0);
  /** Rows fetched since the list was last asked for (older ones are shown, and asked for again). */
  #fresh = new Set<string>();
  #rowsWanted = new Set<string>();
  /** Rows asked for and not answered yet (not asked again meanwhile). */
  #rowsAsked = new Set<string>();
  #rowsTimer: ReturnType<typeof setTimeout> | undefined;
  /** Moves on when the archive changes (reset): answers for the one before are dropped. */
  #epoch = 0;
  /** How many records the archive holds, whatever the search. */
  archiveTotal = $state(0);
  /** The text in the search box; the list follows it after a short pause. */
  query = $state('');
  /** The query the current items answer. */
  shownQuery = $state('');
  /** A sort the person chose by clicking a column; null means the default (relevance or date). */
  sort = $state<SortOrder | null>(null);
  loaded = $state(false);
  /** A list request for a new query is on its way (the first search of a large archive can take a moment). */
  searching = $state(false);
  listError = $state<Said | null>(null);
  /** The Refine panel is open: the list comes with its facets (counts that follow the query). */
  facetsOpen = $state(false);
  facets = $state.raw<Facets | null>(null);
  /** What is wrong with the query being typed, and where; the list keeps the last answer meanwhile. */
  queryProblem = $state.raw<(QueryProblem & { query: string }) | null>(null);
  /**
   * The query the reader highlights: the list's, once the reader has caught up with it (while a query
   * is typed, the reader follows when typing pauses: see #follow).
   */
  readerQuery = $state('');
  selectedId = $state<string | null>(null);
  selected = $state.raw<CairnRecord | null>(null);
  /**
   * Records picked together (Ctrl+click, Shift+click, Shift+arrows, Ctrl+A) for one change to all of
   * them; empty when only the open record is selected. The open record is always among them.
   */
  picked = $state.raw<ReadonlySet<string>>(new Set());
  /** Where a Shift+click or Shift+arrow range starts. */
  #anchor: string | null = null;
  /** Snippets of the rows shown, for the query the list answers (asked for as rows come on screen). */
  snippets = $state.raw<ReadonlyMap<string, RecordSnippet>>(new Map());
  #snippetsFor = '';
  #snippetWanted = new Set<string>();
  #snippetTimer: ReturnType<typeof setTimeout> | undefined;
  selectedError = $state<Said | null>(null);
  /** The review queue: only records still needing review (with the search, if any), and how far it has come. */
  queueMode = $state(false);
  queue = $state.raw<Pick<ReviewQueue, 'done' | 'total'> | null>(null);
  /** Only records dated in this year or month (a timeline bar was clicked); null for all. */
  period = $state<string | null>(null);

  #listSeq = 0;
  #getSeq = 0;
  /** A list request for what is typed is on its way; another keystroke meanwhile waits for it (then the newest text goes). */
  #typing: Promise<void> | null = null;
  #typedAgain = false;
  /** When the text now in the box was typed, and the keystrokes not answered on screen yet (for the keystroke measure). */
  #typedAt = 0;
  #keystrokes: number[] = [];
  #measured = 0;
  /** The reader's catching up with a typed query, waiting for typing to pause. */
  #following: ReturnType<typeof setTimeout> | undefined;
  /** Whether the reader has yet to catch up with the query typed: the list then shows its best hits from the top. */
  following = $state(false);

  get selectedIndex(): number {
    return this.selectedId ? this.ids.indexOf(this.selectedId) : -1;
  }

  /** How many records the list holds. */
  get count(): number {
    return this.ids.length;
  }

  /** The sort in effect, as the column headers show it. */
  get effectiveSort(): SortOrder {
    return this.sort ?? (this.shownQuery.trim() ? { field: 'relevance', direction: 'desc' } : { field: 'date', direction: 'asc' });
  }

  /**
   * Updates the search text; the list follows at once. While an answer is on its way, further
   * keystrokes wait for it, and then only the newest text is asked: no pause for a slow typist, no
   * queue of stale questions for a fast one, and an older answer never replaces a newer one.
   */
  setQuery(text: string): void {
    this.query = text;
    this.#typedAt = performance.now();
    this.#keystrokes.push(this.#typedAt);
    if (this.#typing) {
      this.#typedAgain = true;
      return;
    }
    this.#typing = this.#askTyped();
  }

  async #askTyped(): Promise<void> {
    try {
      do {
        this.#typedAgain = false;
        const typedAt = this.#typedAt;
        const asked = this.query;
        await this.refresh({ typed: true });
        // The answer is on screen once the rows are drawn: every keystroke up to the one that asked is
        // answered then (those typed while an answer was on its way were folded into this question).
        if (this.shownQuery === asked || this.queryProblem?.query === asked.trim()) {
          await tick();
          const now = performance.now();
          const answered = this.#keystrokes.filter((t) => t <= typedAt);
          this.#keystrokes = this.#keystrokes.filter((t) => t > typedAt);
          // A day's typing stays a few thousand entries (the bench reads them; nothing else keeps them).
          if ((this.#measured += answered.length) > 5000) {
            performance.clearMeasures(KEYSTROKE_MEASURE);
            this.#measured = answered.length;
          }
          for (const start of answered) performance.measure(KEYSTROKE_MEASURE, { start, end: now, detail: { query: asked, found: this.ids.length } });
        }
      } while (this.#typedAgain);
    } finally {
      this.#typing = null;
    }
  }

  /** Opens or closes the Refine panel (the list is asked again, with or without its facets). */
  setFacetsOpen(open: boolean): void {
    this.facetsOpen = open;
    if (!open) this.facets = null;
    void this.refresh();
  }

  /** Sets the query at once (a facet clicked), without the typing pause. */
  runQuery(text: string): void {
    this.query = text;
    void this.refresh();
  }

  clearQuery(): void {
    if (this.query === '' && this.shownQuery === '') return;
    this.query = '';
    void this.refresh();
  }

  sortBy(field: SortField): void {
    const current = this.effectiveSort;
    const direction = current.field === field && current.direction === 'asc' ? 'desc' : 'asc';
    this.sort = { field, direction };
    void this.refresh();
  }

  resetSort(): void {
    this.sort = null;
    void this.refresh();
  }

  /**
   * Reloads the list for the current query and sort. Answers to older requests are dropped.
   * Keeps the selection when it is still listed, otherwise selects `select` or the first row (for a
   * query typed anew, `typed`, the first row once typing pauses: see #follow).
   */
  async refresh(options: { select?: string; typed?: boolean } = {}): Promise<void> {
    // Anything but typing (a sort, a facet, an edit) comes after the reader has caught up with what was typed.
    if (!options.typed) this.catchUp();
    const seq = ++this.#listSeq;
    const query = this.query;
    this.searching = query.trim() !== '' && query !== this.shownQuery;
    try {
      const filter = { ...(this.queueMode ? { statuses: [...OPEN_STATUSES] } : {}), ...(this.period ? { period: this.period } : {}) };
      const [list, queue] = await Promise.all([
        call('records.list', { query: query.trim() || undefined, sort: this.sort ?? undefined, ...filter, ...(this.facetsOpen ? { facets: true } : {}), limit: FIRST_WINDOW }),
        this.queueMode ? call('review.queue', { query: query.trim() || undefined }) : Promise.resolve(null),
      ]);
      if (seq !== this.#listSeq) return;
      this.searching = false;
      // A query that cannot be read (a quote not closed yet, an unknown field): said under the box;
      // the list stays as the last query that could be read left it, so typing a phrase never blanks it.
      const problem = list.problem ?? queue?.problem;
      if (problem) {
        this.queryProblem = { ...problem, query: query.trim() };
        this.loaded = true;
        return;
      }
      this.queryProblem = null;
      // Typing another query opens its best hit once typing pauses, the list showing it from the top
      // meanwhile (a space typed while the reader has yet to catch up goes on waiting with it).
      // Clearing the search, a facet or a saved search clicked, an edit, a sort or a filter keep the
      // record open where the list now has it, and so does typing while records are picked together
      // (the one open stays among them).
      const typedAnew = options.typed === true && query.trim() !== '' && (query.trim() !== this.shownQuery.trim() || this.following) && this.picked.size === 0;
      this.facets = list.facets ?? null;
      this.queue = queue && { done: queue.done, total: queue.total };
      this.ids = list.ids;
      // Rows fetched before stay on screen until they are fetched again (no flicker after an edit). A
      // query typed anew starts from its own first rows (shown from the top): the rows of every
      // earlier keystroke are not copied along with each new one.
      this.rows = typedAnew ? new Map(list.items.map((r) => [r.id, r])) : withEntries(this.rows, list.items);
      this.#fresh = new Set(list.items.map((r) => r.id));
      this.#rowsWanted.clear();
      this.version++;
      // The rows ask again for their snippets: the records (or the query) may have changed.
      this.snippets = new Map();
      this.#snippetsFor = query.trim();
      this.shownQuery = query;
      if (!query.trim() && !this.queueMode && !this.period) this.archiveTotal = list.total;
      this.listError = null;
      this.loaded = true;
      const wanted = options.select ?? (typedAnew ? null : this.selectedId);
      const keep = wanted && list.ids.includes(wanted) ? wanted : (list.ids[0] ?? null);
      // Records picked together stay picked while the list still shows them.
      if (this.picked.size) {
        const listed = new Set(list.ids);
        const still = [...this.picked].filter((id) => listed.has(id));
        this.picked = still.length > 1 ? new Set(still) : new Set();
      }
      if (typedAnew) this.#follow(keep);
      else {
        this.#stopFollowing();
        this.readerQuery = query.trim();
        if (keep !== this.selectedId || (keep && !this.selected) || options.select) this.#open(keep);
      }
    } catch (e) {
      if (seq !== this.#listSeq) return;
      this.searching = false;
      this.listError = failure(e);
      this.loaded = true;
    }
  }

  /** Selects a record and loads it in full for the reader and the details pane. */
  select(id: string | null, how: 'only' | 'toggle' | 'range' = 'only'): void {
    // Picking with Ctrl or Shift starts from the record the reader would have open.
    if (how !== 'only') this.catchUp();
    this.#pick(id, how);
    // Opening it ends any catching up (see #open), with the list's query highlighted.
    this.readerQuery = this.shownQuery.trim();
    this.#open(id);
  }

  /**
   * While a query is typed, the list answers every key, and the reader (the best hit opened, its
   * words highlighted) follows once typing pauses: opening a record, asking for its highlights and
   * laying out its text for each key, only for the next key to replace it, delayed the lists the
   * person is watching. The open record stays open meanwhile, and what is done to it is done to it.
   */
  #follow(best: string | null): void {
    this.#stopFollowing();
    this.following = true;
    this.#caughtUp = () => {
      this.readerQuery = this.shownQuery.trim();
      if (best === null || this.ids.includes(best)) {
        if (best !== this.selectedId || (best && !this.selected)) this.#open(best);
      }
    };
    this.#following = setTimeout(() => this.catchUp(), READER_FOLLOWS_AFTER_MS);
  }

  /** What the reader does to catch up with the query typed (see #follow), still to be done. */
  #caughtUp: (() => void) | null = null;

  /** The reader catches up with the query typed now, not after the pause (the keyboard went to the list, a row was moved to). */
  catchUp(): void {
    const caughtUp = this.#caughtUp;
    this.#stopFollowing();
    caughtUp?.();
  }

  #stopFollowing(): void {
    clearTimeout(this.#following);
    this.#following = undefined;
    this.#caughtUp = null;
    this.following = false;
  }

  /** The records a change to "the selected records" means: those picked, else none. */
  get pickedIds(): string[] {
    return this.ids.filter((id) => this.picked.has(id));
  }

  /**
   * Asks (after a moment, in one call) for the summaries of rows now on screen that were not fetched
   * since the list was last asked for: scrolling 100,000 hits fetches only the rows seen.
   */
  wantRows(ids: readonly string[]): void {
    for (const id of ids) if (!this.#fresh.has(id) && !this.#rowsAsked.has(id)) this.#rowsWanted.add(id);
    if (this.#rowsWanted.size === 0) return;
    clearTimeout(this.#rowsTimer);
    this.#rowsTimer = setTimeout(() => void this.#fetchRows(), 16);
  }

  async #fetchRows(): Promise<void> {
    const ids = [...this.#rowsWanted].slice(0, LIST_WINDOW_MAX);
    if (ids.length === 0) return;
    for (const id of ids) {
      this.#rowsWanted.delete(id);
      this.#rowsAsked.add(id);
    }
    const seq = this.#listSeq;
    const epoch = this.#epoch;
    let retry = false;
    try {
      const got = await call('records.summaries', { ids });
      if (epoch !== this.#epoch) return;
      if (seq === this.#listSeq) {
        for (const r of got) this.#fresh.add(r.id);
        this.rows = withEntries(this.rows, got);
      } else {
        // Asked before the list was asked again: shown where the new list has not brought the row,
        // and asked for once more (a change may be newer).
        const older = got.filter((r) => !this.#fresh.has(r.id));
        for (const r of older) this.#rowsWanted.add(r.id);
        this.rows = withEntries(this.rows, older);
      }
    } catch {
      // The row stays as it was (or loading), and is asked for again in a moment.
      if (epoch === this.#epoch) for (const id of ids) this.#rowsWanted.add(id);
      retry = true;
    } finally {
      for (const id of ids) this.#rowsAsked.delete(id);
    }
    if (this.#rowsWanted.size > 0 && epoch === this.#epoch) {
      clearTimeout(this.#rowsTimer);
      this.#rowsTimer = setTimeout(() => void this.#fetchRows(), retry ? 1000 : 16);
    }
  }

  /**
   * Asks (after a moment, in one call) for the snippets of rows now on screen that have none yet;
   * while a query is being typed, once typing pauses, as the reader does (see #follow).
   */
  wantSnippets(ids: readonly string[]): void {
    const query = this.shownQuery.trim();
    if (!query) return;
    if (query !== this.#snippetsFor) {
      this.#snippetsFor = query;
      this.snippets = new Map();
      this.#snippetWanted.clear();
    }
    for (const id of ids) if (!this.snippets.has(id)) this.#snippetWanted.add(id);
    if (this.#snippetWanted.size === 0) return;
    clearTimeout(this.#snippetTimer);
    this.#snippetTimer = setTimeout(() => void this.#fetchSnippets(query), this.following ? READER_FOLLOWS_AFTER_MS : 40);
  }

  async #fetchSnippets(query: string): Promise<void> {
    const ids = [...this.#snippetWanted].slice(0, 200);
    for (const id of ids) this.#snippetWanted.delete(id);
    try {
      const got = await call('records.snippets', { query, ids });
      // A newer query's rows are not given an older query's snippets.
      if (query !== this.#snippetsFor) return;
      this.snippets = withEntries(this.snippets, got);
    } catch {
      // A row without its snippet still shows its title, date and place.
    }
    if (this.#snippetWanted.size > 0 && query === this.#snippetsFor) void this.#fetchSnippets(query);
  }

  /** Picks every record the list shows (Ctrl+A). */
  pickAll(): void {
    this.picked = new Set(this.ids);
  }

  clearPicked(): void {
    this.picked = new Set();
    this.#anchor = this.selectedId;
  }

  #pick(id: string | null, how: 'only' | 'toggle' | 'range'): void {
    if (!id || how === 'only') {
      this.picked = new Set();
      this.#anchor = id;
      return;
    }
    if (how === 'toggle') {
      const before = this.picked.size ? [...this.picked] : this.selectedId ? [this.selectedId] : [];
      const next = before.includes(id) ? before.filter((x) => x !== id) : [...before, id];
      this.picked = next.length > 1 ? new Set(next) : new Set();
      this.#anchor = id;
      return;
    }
    const anchor = this.#anchor ?? this.selectedId;
    const from = anchor ? this.ids.indexOf(anchor) : -1;
    const to = this.ids.indexOf(id);
    if (from < 0 || to < 0) return this.#pick(id, 'only');
    const [a, b] = from < to ? [from, to] : [to, from];
    this.picked = b > a ? new Set(this.ids.slice(a, b + 1)) : new Set();
  }

  #open(id: string | null): void {
    this.#stopFollowing();
    const seq = ++this.#getSeq;
    this.selectedId = id;
    this.selectedError = null;
    if (!id) {
      this.selected = null;
      return;
    }
    if (this.selected?.id !== id) this.selected = null;
    call('records.get', { id }).then(
      (record) => {
        if (seq === this.#getSeq) this.selected = record;
      },
      (e: unknown) => {
        if (seq === this.#getSeq) this.selectedError = failure(e);
      },
    );
  }

  /** Shows the review queue (records still needing review) or the whole list again. */
  setQueueMode(on: boolean): void {
    this.queueMode = on;
    if (!on) this.queue = null;
    void this.refresh();
  }

  /** Narrows the list to records dated in a year ("2018") or month ("2018-04"); null shows all. */
  setPeriod(period: string | null): void {
    this.period = period;
    void this.refresh();
  }

  /**
   * After a change that may take the selected record out of the list (a decision in the queue):
   * reloads, and selects the record that took its place, so the person goes on with the next.
   */
  async refreshAndContinue(): Promise<void> {
    const index = this.selectedIndex;
    const id = this.selectedId;
    await this.refresh();
    if (!id || this.ids.length === 0) return;
    // Gone from the queue (decided): the next one took its row. Still in it (needs work): go on past it.
    if (!this.ids.includes(id)) this.move(0, Math.min(index, this.ids.length - 1));
    else this.move(1);
  }

  /** Moves the selection by `delta` rows (clamped), or to an absolute row with `to`; `extend` picks the rows on the way (Shift). */
  move(delta: number, to?: number, extend = false): void {
    if (this.ids.length === 0) return;
    // From the best hit of a query just typed, as if the reader had caught up with it already.
    this.catchUp();
    const from = this.selectedIndex;
    const target = to ?? (from < 0 ? 0 : from + delta);
    const index = Math.max(0, Math.min(this.ids.length - 1, target));
    const id = this.ids[index];
    if (id && id !== this.selectedId) this.select(id, extend ? 'range' : 'only');
  }

  /** Puts a changed record everywhere it shows, without reordering the list under the person's hands. */
  replace(record: CairnRecord): void {
    if (this.selected?.id === record.id) this.selected = record;
    if (this.snippets.has(record.id)) this.snippets = withoutEntry(this.snippets, record.id);
    if (this.ids.includes(record.id)) {
      this.rows = withEntries(this.rows, [summarize(record)]);
      this.version++;
    }
  }

  reset(): void {
    this.#keystrokes = [];
    this.#listSeq++;
    this.#getSeq++;
    clearTimeout(this.#rowsTimer);
    // The reader catching up with a query typed in the archive before, or its rows' snippets: not in this one.
    this.#stopFollowing();
    this.readerQuery = '';
    clearTimeout(this.#snippetTimer);
    this.#snippetWanted.clear();
    this.#snippetsFor = '';
    this.snippets = new Map();
    this.#epoch++;
    this.ids = [];
    this.rows = new Map();
    this.#fresh = new Set();
    this.#rowsWanted.clear();
    this.version++;
    this.query = '';
    this.shownQuery = '';
    this.sort = null;
    this.loaded = false;
    this.listError = null;
    this.selectedId = null;
    this.selected = null;
    this.picked = new Set();
    this.#anchor = null;
    this.archiveTotal = 0;
    this.queueMode = false;
    this.queue = null;
    this.period = null;
  }
}

export const records = new RecordsView();
