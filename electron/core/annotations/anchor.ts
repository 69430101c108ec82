// Anchoring of annotated passages in a record's plain text (W3C text quote + position selectors) that survives corrections.
import search from 'approx-string-match';

export interface TextQuote { exact: string; prefix: string; suffix: string }
export interface TextPosition { start: number; end: number }
export type AnchorMethod = 'position' | 'quote' | 'fuzzy' | 'orphaned';
export interface Anchored { position: TextPosition | null; method: AnchorMethod }

/** Context characters kept on each side of a quote. */
export const QUOTE_CONTEXT = 32;
/** Quotes shorter than this are never matched approximately: a short word that is gone must not land on other words. */
export const FUZZY_MIN_LENGTH = 8;
/** Share of the quote's length that may differ in an approximate match. */
export const FUZZY_ERROR_RATE = 0.25;
/**
 * Lowest weighted score (quote 50, prefix 20, suffix 20, nearness 2, as Hypothesis weighs them) a fuzzy match needs.
 * A corrected passage in its own context scores about 0.9–1.0; a look-alike sentence elsewhere scores about 0.6–0.8
 * (quote ≈ 0.8, at most one side of its context intact). 0.8 is what the worst quote allowed (0.75) earns with about
 * four fifths of both context sides intact. FUZZY_MIN_CONTEXT and the check for a cut-out passage do the rest.
 */
export const FUZZY_THRESHOLD = 0.8;
/** Lowest similarity of the weaker context side (prefix or suffix) for a fuzzy match: both sides must still be there. */
export const FUZZY_MIN_CONTEXT = 0.5;

const WEIGHT = { quote: 50, prefix: 20, suffix: 20, position: 2 } as const;
const WEIGHT_TOTAL = WEIGHT.quote + WEIGHT.prefix + WEIGHT.suffix + WEIGHT.position;
/** Similarity given to an empty context (the quote touched the text's edge) when the match is not at that edge. */
const EDGE_NEUTRAL = 0.5;
/** Share of prefix + suffix that may differ where they are found joined after the passage was cut out. */
const JOIN_ERROR_RATE = 0.1;
/** A noncharacter, absent from real text, used to pin context matches to a window's end. */
const ANCHOR_PIN = '\uFFFF';

const ORPHANED: Anchored = { position: null, method: 'orphaned' };

/** The quote selector for text.slice(start, end): exact plus up to QUOTE_CONTEXT characters of prefix and suffix. */
export function quoteAt(text: string, start: number, end: number): TextQuote {
  const s = clampIndex(text, Math.min(start, end));
  const e = clampIndex(text, Math.max(start, end));
  let from = Math.max(0, s - QUOTE_CONTEXT);
  if (splitsSurrogatePair(text, from)) from += 1;
  let to = Math.min(text.length, e + QUOTE_CONTEXT);
  if (splitsSurrogatePair(text, to)) to -= 1;
  return { exact: text.slice(s, e), prefix: text.slice(from, s), suffix: text.slice(e, to) };
}

/**
 * Where the quote sits in `text` now: at the hint if it still reads the same, else at the exact occurrence whose
 * context fits best, else at a close enough approximate match, else nowhere (an empty quote is always orphaned).
 * Positions never split a surrogate pair or a base character from its combining marks.
 */
export function anchor(text: string, quote: TextQuote, hint: TextPosition | null): Anchored {
  const { exact } = quote;
  if (exact === '') return ORPHANED;
  const validHint = hint !== null && isValidPosition(text, hint) ? hint : null;
  if (validHint && text.slice(validHint.start, validHint.end) === exact) {
    return { position: snapPosition(text, validHint), method: 'position' };
  }
  const start = bestExactOccurrence(text, quote, validHint);
  if (start !== null) return { position: snapPosition(text, { start, end: start + exact.length }), method: 'quote' };
  const fuzzy = bestFuzzyMatch(text, quote, validHint);
  if (fuzzy) {
    const position = snapPosition(text, fuzzy);
    // Found through its context, with every word as it was (only the text right beside it changed): not approximate.
    return { position, method: text.slice(position.start, position.end) === exact ? 'quote' : 'fuzzy' };
  }
  return ORPHANED;
}

/** The n-th (1-based) occurrence of `exact` in text, or null; used by `cairn annotate ID --quote TEXT --occurrence N`. */
export function findOccurrence(text: string, exact: string, occurrence: number): TextPosition | null {
  if (!Number.isInteger(occurrence) || occurrence < 1) return null;
  const start = occurrences(text, exact)[occurrence - 1];
  return start === undefined ? null : snapPosition(text, { start, end: start + exact.length });
}

/** Every occurrence start of `exact` in text, overlapping ones included. */
export function occurrences(text: string, exact: string): number[] {
  const starts: number[] = [];
  if (exact === '') return starts;
  for (let i = text.indexOf(exact); i !== -1; i = text.indexOf(exact, i + 1)) starts.push(i);
  return starts;
}

/** Widens a position so that it splits neither a surrogate pair nor a base character from its combining marks. */
export function snapPosition(text: string, position: TextPosition): TextPosition {
  let start = clampIndex(text, Math.min(position.start, position.end));
  let end = clampIndex(text, Math.max(position.start, position.end));
  for (;;) {
    if (splitsSurrogatePair(text, start)) start -= 1;
    else if (start > 0 && isMarkAt(text, start)) start = previousCodePointStart(text, start);
    else break;
  }
  for (;;) {
    if (splitsSurrogatePair(text, end)) end += 1;
    else if (end < text.length && isMarkAt(text, end)) end += codePointLength(text, end);
    else break;
  }
  return { start, end };
}

/**
 * Characters of context that must agree on each side (or all of that side, when the quote has less) before an exact
 * occurrence is taken for the passage. Without this, words whose own occurrence was deleted would land on the same
 * words elsewhere: a name deleted from one paragraph must not move to where it is repeated, whatever follows it there.
 */
export const EXACT_MIN_CONTEXT = 4;

/**
 * The exact occurrence whose neighbouring characters agree most with the quote's context; ties go to the one nearest
 * the hint, then to the first. None unless both sides agree on EXACT_MIN_CONTEXT characters (edits right next to the
 * passage are left to the approximate match, which weighs the whole context).
 */
function bestExactOccurrence(text: string, quote: TextQuote, hint: TextPosition | null): number | null {
  let best: number | null = null;
  let bestScore = -1;
  let bestDistance = Infinity;
  for (const start of occurrences(text, quote.exact)) {
    const { before, after } = exactContext(text, quote, start);
    if (before < Math.min(EXACT_MIN_CONTEXT, quote.prefix.length) || after < Math.min(EXACT_MIN_CONTEXT, quote.suffix.length)) continue;
    const score = before + after;
    const distance = hint ? Math.abs(start - hint.start) : 0;
    if (score > bestScore || (score === bestScore && distance < bestDistance)) {
      best = start;
      bestScore = score;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * How many characters just before and just after the occurrence agree with the end of the prefix and the start of the
 * suffix.
 */
function exactContext(text: string, quote: TextQuote, start: number): { before: number; after: number } {
  const end = start + quote.exact.length;
  const { prefix, suffix } = quote;
  let before = 0;
  while (before < prefix.length && before < start && prefix[prefix.length - 1 - before] === text[start - 1 - before]) before += 1;
  let after = 0;
  while (after < suffix.length && end + after < text.length && suffix[after] === text[end + after]) after += 1;
  // The text now begins or ends right at the passage (what was around it there was cut away): that side does not disagree.
  if (start === 0) before = Math.max(before, Math.min(EXACT_MIN_CONTEXT, prefix.length));
  if (end === text.length) after = Math.max(after, Math.min(EXACT_MIN_CONTEXT, suffix.length));
  return { before, after };
}

/** Errors an approximate match of a quote this long may have (0: no fuzzy matching). */
function fuzzyMaxErrors(length: number): number {
  if (length < FUZZY_MIN_LENGTH) return 0;
  return Math.max(1, Math.floor(length * FUZZY_ERROR_RATE));
}

interface Candidate { start: number; end: number; errors: number }
/** A scored fuzzy candidate; `contextCost` is the edit cost of prefix and suffix around it, in characters. */
interface Scored { start: number; end: number; score: number; weakerContext: number; contextCost: number }

/**
 * The best approximate match, or null unless it scores at least FUZZY_THRESHOLD, keeps at least FUZZY_MIN_CONTEXT of
 * both its prefix and suffix, and its context fits better than the prefix and suffix found joined (the passage cut out).
 */
function bestFuzzyMatch(text: string, quote: TextQuote, hint: TextPosition | null): TextPosition | null {
  const { exact } = quote;
  const maxErrors = fuzzyMaxErrors(exact.length);
  if (maxErrors === 0) return null;
  const candidates = new Map<string, Candidate>();
  const add = (offset: number, found: Candidate[]): void => {
    for (const m of found) {
      if (m.end <= m.start) continue;
      const c = { start: m.start + offset, end: m.end + offset, errors: m.errors };
      const key = `${c.start}:${c.end}`;
      const old = candidates.get(key);
      if (!old || old.errors > c.errors) candidates.set(key, c);
    }
  };
  add(0, search(text, exact, maxErrors));
  // The matcher drops a match that costs more than one it found earlier, so look again where the passage should be.
  for (const [from, to] of likelySpans(text, quote, hint, exact.length + maxErrors)) {
    add(from, search(text.slice(from, to), exact, maxErrors));
  }
  let best: Scored | null = null;
  for (const c of candidates.values()) {
    const scored = fuzzyScore(text, quote, c, hint);
    if (!best || scored.score > best.score) best = scored;
  }
  if (!best || best.score < FUZZY_THRESHOLD || best.weakerContext < FUZZY_MIN_CONTEXT) return null;
  const cut = deletionCost(text, quote);
  if (cut !== null && cut <= best.contextCost) return null;
  return { start: best.start, end: best.end };
}

/**
 * Stretches of text (merged, in order) where the passage would sit if its old position or its context is still
 * there: around the hint, after each place the prefix ends, before each place the suffix starts. `span` is the
 * longest a match can be.
 */
function likelySpans(text: string, quote: TextQuote, hint: TextPosition | null, span: number): [number, number][] {
  const spans: [number, number][] = [];
  if (hint) spans.push([hint.start - span, hint.end + span]);
  for (const m of contextMatches(text, quote.prefix)) spans.push([m.end - span, m.end + span]);
  for (const m of contextMatches(text, quote.suffix)) spans.push([m.start - span, m.start + span]);
  spans.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [a, b] of spans) {
    const from = Math.max(0, a);
    const to = Math.min(text.length, b);
    const last = merged[merged.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else if (from < to) merged.push([from, to]);
  }
  return merged;
}

/** Where a context side (long enough to mean anything) still appears, approximately. */
function contextMatches(text: string, context: string): Candidate[] {
  const maxErrors = fuzzyMaxErrors(context.length);
  return maxErrors === 0 ? [] : search(text, context, maxErrors);
}

/** Hypothesis-style weighted score in [0, 1] of a candidate: quote similarity, prefix and suffix similarity, nearness to the hint. */
function fuzzyScore(text: string, quote: TextQuote, c: Candidate, hint: TextPosition | null): Scored {
  const quoteScore = Math.max(0, 1 - c.errors / quote.exact.length);
  const prefix = quote.prefix === ''
    ? edgeContext(c.start === 0)
    : endAnchoredMatch(text.slice(Math.max(0, c.start - contextWindow(quote.prefix)), c.start), quote.prefix);
  const suffix = quote.suffix === ''
    ? edgeContext(c.end === text.length)
    : endAnchoredMatch(reverseString(text.slice(c.end, c.end + contextWindow(quote.suffix))), reverseString(quote.suffix));
  const positionScore = hint ? 1 - Math.abs(c.start - hint.start) / Math.max(1, text.length) : 1;
  const raw = WEIGHT.quote * quoteScore + WEIGHT.prefix * prefix.similarity + WEIGHT.suffix * suffix.similarity
    + WEIGHT.position * positionScore;
  return {
    start: c.start,
    end: c.end,
    score: raw / WEIGHT_TOTAL,
    weakerContext: Math.min(prefix.similarity, suffix.similarity),
    contextCost: prefix.cost + suffix.cost,
  };
}

interface ContextMatch { similarity: number; cost: number }

/** An empty context side (the quote touched the text's edge): full marks at that edge, neutral elsewhere. */
function edgeContext(atEdge: boolean): ContextMatch {
  return atEdge ? { similarity: 1, cost: 0 } : { similarity: EDGE_NEUTRAL, cost: 1 };
}

/** How much text to compare with a context side: its length plus room for insertions. */
function contextWindow(context: string): number {
  return context.length + Math.ceil(context.length * FUZZY_ERROR_RATE);
}

/**
 * Edit distance between `pattern` and the best-fitting end of `window`, and the similarity it implies (one minus that
 * cost over the pattern's length). A run of sentinels longer than the pattern, appended to both, pins the match to the
 * window's end: any alignment that skips the sentinels costs more than one that keeps them.
 */
function endAnchoredMatch(window: string, pattern: string): ContextMatch {
  const pin = ANCHOR_PIN.repeat(pattern.length + 1);
  const pinned = window + pin;
  let cost = pattern.length;
  for (const m of search(pinned, pattern + pin, pattern.length)) {
    if (m.end === pinned.length) cost = Math.min(cost, m.errors);
  }
  return { similarity: Math.max(0, 1 - cost / pattern.length), cost };
}

/**
 * Edit cost of the quote's prefix running straight into its suffix somewhere in the text (the passage cut out), or
 * null when that does not happen nearly verbatim. Needs enough context to mean anything; an empty side must then sit
 * at the text's edge.
 */
function deletionCost(text: string, quote: TextQuote): number | null {
  const { prefix, suffix, exact } = quote;
  const joined = joinContext(prefix, suffix);
  if (joined.length < 2 * FUZZY_MIN_LENGTH) return null;
  // Fewer errors than half the passage, so that a passage still standing between its context cannot match.
  const maxErrors = Math.min(Math.floor(joined.length * JOIN_ERROR_RATE), Math.ceil(exact.length / 2) - 1);
  if (maxErrors < 0) return null;
  let best: number | null = null;
  for (const m of search(text, joined, maxErrors)) {
    const cost = m.errors + (prefix === '' ? m.start : 0) + (suffix === '' ? text.length - m.end : 0);
    if (cost <= maxErrors && (best === null || cost < best)) best = cost;
  }
  return best;
}

/** Prefix and suffix as they read once the passage between them is cut out, with one run of whitespace at the seam. */
function joinContext(prefix: string, suffix: string): string {
  const head = prefix.replace(/\s+$/u, '');
  const tail = suffix.replace(/^\s+/u, '');
  if (prefix === '') return tail;
  if (suffix === '') return head;
  const seam = prefix.slice(head.length) || suffix.slice(0, suffix.length - tail.length);
  return head + seam + tail;
}

function isValidPosition(text: string, p: TextPosition): boolean {
  return Number.isInteger(p.start) && Number.isInteger(p.end) && p.start >= 0 && p.start <= p.end && p.end <= text.length;
}

function clampIndex(text: string, i: number): number {
  return Number.isNaN(i) ? 0 : Math.min(Math.max(0, Math.trunc(i)), text.length);
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** Whether offset i falls between the two halves of a surrogate pair. */
function splitsSurrogatePair(text: string, i: number): boolean {
  return i > 0 && i < text.length && isLowSurrogate(text.charCodeAt(i)) && isHighSurrogate(text.charCodeAt(i - 1));
}

const MARK = /^\p{M}/u;

function isMarkAt(text: string, i: number): boolean {
  const cp = text.codePointAt(i);
  return cp !== undefined && MARK.test(String.fromCodePoint(cp));
}

function codePointLength(text: string, i: number): number {
  const cp = text.codePointAt(i);
  return cp !== undefined && cp > 0xffff ? 2 : 1;
}

function previousCodePointStart(text: string, i: number): number {
  return splitsSurrogatePair(text, i - 1) ? i - 2 : i - 1;
}

function reverseString(s: string): string {
  return Array.from(s).reverse().join('');
}
