import { describe, expect, it } from 'vitest';
import { formatReading, HybridClock, parseReading, wallTimeOf } from './hlc';

describe('hybrid logical clock', () => {
  it('ticks in order even when the wall clock stands still or goes back', () => {
    let wall = Date.parse('2026-11-23T10:00:00.000Z');
    const clock = new HybridClock('a1', () => wall);
    const first = clock.tick();
    const second = clock.tick();
    wall -= 60_000; // the machine's clock is set back a minute
    const third = clock.tick();
    wall += 120_000;
    const fourth = clock.tick();
    expect([first, second, third, fourth]).toEqual([...[first, second, third, fourth]].sort());
    expect(new Set([first, second, third, fourth]).size).toBe(4);
    expect(third.startsWith('2026-11-23T10:00:00.000Z-0002')).toBe(true);
    expect(wallTimeOf(fourth)).toBe('2026-11-23T10:01:00.000Z');
  });

  it('orders the changes of two copies: a copy that saw the other one ticks after it, whatever its own clock says', () => {
    const fast = new HybridClock('fast', () => Date.parse('2026-11-23T12:00:00.000Z'));
    const slow = new HybridClock('slow', () => Date.parse('2026-11-23T09:00:00.000Z'));
    const onFast = fast.tick();
    const onSlowBefore = slow.tick();
    expect(onSlowBefore < onFast).toBe(true);
    slow.observe(onFast);
    const onSlowAfter = slow.tick();
    expect(onSlowAfter > onFast).toBe(true);
    expect(parseReading(onSlowAfter)).toMatchObject({ replica: 'slow', counter: 1 });
  });

  it('continues after the newest reading an archive holds, across a restart', () => {
    const held = formatReading({ wall: Date.parse('2030-01-01T00:00:00.000Z'), counter: 7, replica: 'a1' });
    const clock = new HybridClock('a1', () => Date.parse('2026-01-01T00:00:00.000Z'), held);
    expect(clock.tick() > held).toBe(true);
  });

  it('reads back what it writes and refuses what is not a reading', () => {
    const reading = { wall: Date.parse('2026-11-23T10:00:00.123Z'), counter: 300, replica: 'r-9' };
    expect(parseReading(formatReading(reading))).toEqual(reading);
    expect(parseReading('yesterday')).toBeNull();
    expect(parseReading('2026-11-23T10:00:00.123Z-zz00-r')).toBeNull();
  });
});
