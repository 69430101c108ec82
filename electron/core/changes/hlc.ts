// A hybrid logical clock: wall time plus a counter, so that the changes made in two copies of an
// archive order correctly even when a machine's clock is wrong or goes back (Kulkarni et al., 2014).
// Its readings are strings that sort as the clock does: "<ISO time>-<counter>-<replica>".

export interface ClockReading {
  /** Milliseconds since the epoch. */
  wall: number;
  counter: number;
  replica: string;
}

const COUNTER_WIDTH = 4;
const MAX_COUNTER = 16 ** COUNTER_WIDTH - 1;
const READING = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)-([0-9a-f]{4})-([A-Za-z0-9_-]{1,64})$/;

export function formatReading(r: ClockReading): string {
  return `${new Date(r.wall).toISOString()}-${r.counter.toString(16).padStart(COUNTER_WIDTH, '0')}-${r.replica}`;
}

/** Reads a clock string back; null when it is not one. */
export function parseReading(s: string): ClockReading | null {
  const m = READING.exec(s);
  if (!m) return null;
  const wall = Date.parse(m[1]!);
  if (Number.isNaN(wall)) return null;
  return { wall, counter: parseInt(m[2]!, 16), replica: m[3]! };
}

/** The wall time of a clock string as ISO 8601 (its first part). */
export const wallTimeOf = (clock: string): string => clock.slice(0, 24);

export class HybridClock {
  readonly replica: string;
  #now: () => number;
  #last: ClockReading;

  /** `now` is passed in so that tests never sleep; `last` is the newest reading this archive holds. */
  constructor(replica: string, now: () => number = Date.now, last?: string | null) {
    this.replica = replica;
    this.#now = now;
    this.#last = (last && parseReading(last)) || { wall: 0, counter: 0, replica };
  }

  /** The machine's own clock, as it is (not held back by readings from later times). */
  wallNow(): number {
    return this.#now();
  }

  /** A new reading, later than every reading this clock has made or seen. */
  tick(): string {
    const wall = Math.max(this.#now(), this.#last.wall);
    const counter = wall === this.#last.wall ? this.#last.counter + 1 : 0;
    this.#last = counter > MAX_COUNTER ? { wall: wall + 1, counter: 0, replica: this.replica } : { wall, counter, replica: this.replica };
    return formatReading(this.#last);
  }

  /** Takes in a reading from another copy (an exchange), so the next tick orders after it. */
  observe(clock: string): void {
    const seen = parseReading(clock);
    if (!seen) return;
    if (seen.wall > this.#last.wall || (seen.wall === this.#last.wall && seen.counter > this.#last.counter)) {
      this.#last = { wall: seen.wall, counter: seen.counter, replica: this.replica };
    }
  }
}
