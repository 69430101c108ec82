// The index words a record matched, for its snippet and the reader's highlights: asked for the few
// records shown, but found for every record a query finds (20,000 for a short prefix). So a record's
// words are a list only where that costs nothing (one word matched, a list shared by every such
// record); otherwise they are put together when asked: the words of a prefix that matched several
// longer words, or of two parts of a query (AND, OR, spellings), joined in their order.

/** A record's matched words: a list, or one made when asked (see termsOf). */
export type Terms = readonly string[] | LaterTerms;

export interface LaterTerms {
  /** The words, in the order they matched (repeats kept: see uniqueTerms). */
  list(): readonly string[];
}

/** The words as a list (made now when they were put off). */
export function termsOf(terms: Terms): readonly string[] {
  return isList(terms) ? terms : terms.list();
}

/** `a`'s words, then `b`'s (none copied now). */
export function joinTerms(a: Terms, b: Terms): Terms {
  if (isList(b) && b.length === 0) return a;
  if (isList(a) && a.length === 0) return b;
  return new JoinedTerms(a, b);
}

/** The words as a list, each once (where it first came). */
export function uniqueTerms(terms: Terms): readonly string[] {
  const list = termsOf(terms);
  if (list.length < 2) return list;
  const once = new Set(list);
  return once.size < list.length ? [...once] : list;
}

class JoinedTerms implements LaterTerms {
  constructor(
    private readonly a: Terms,
    private readonly b: Terms,
  ) {}

  list(): readonly string[] {
    return [...termsOf(this.a), ...termsOf(this.b)];
  }
}

const isList = (terms: Terms): terms is readonly string[] => Array.isArray(terms);
