// Answers to recent queries, kept until anything in the archive changes. The list, its rows'
// snippets and the reader's highlights ask the same query one after another, and a query of one or
// two letters ("a", "un") is asked again at the start of nearly every query typed: it finds most of
// an archive (19,961 of 20,000 records for "a"), which took 30–60 ms each time at 20,000 records.

/** Queries this short (their text trimmed) are kept apart, and more of them: they start every query typed. */
export const SHORT_QUERY = 2;

export interface KeptSizes {
  /** The most recently used answers kept, beside the short ones. */
  recent: number;
  /**
   * The most recently used answers to short queries kept. Each may hold nearly every record: twelve
   * such at 20,000 records held 43 MB (measured after a full collection); typing the bench's 56
   * queries leaves 5.5 MB held.
   */
  short: number;
}

export class KeptAnswers<T> {
  #at = Number.NaN;
  #recent = new Map<string, T>();
  #short = new Map<string, T>();

  constructor(private readonly sizes: KeptSizes = { recent: 8, short: 12 }) {}

  /** The answer to `query` at the archive's change count `at`: the one kept, or `run`'s (then kept). */
  get(at: number, query: string, run: () => T): T {
    if (at !== this.#at) {
      this.#at = at;
      this.#recent = new Map();
      this.#short = new Map();
    }
    const short = query.trim().length <= SHORT_QUERY;
    const kept = short ? this.#short : this.#recent;
    const known = kept.get(query);
    if (known !== undefined) {
      // The most recently used goes last: the first is the one to let go.
      kept.delete(query);
      kept.set(query, known);
      return known;
    }
    const answer = run();
    if (kept.size >= (short ? this.sizes.short : this.sizes.recent)) kept.delete(kept.keys().next().value!);
    kept.set(query, answer);
    return answer;
  }
}
