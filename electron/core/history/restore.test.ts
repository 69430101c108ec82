import { describe, expect, it } from 'vitest';
import { parseMoment } from './restore';

describe('moments a person types', () => {
  it('reads a date as the end of that day, local time, and a date and time as given', () => {
    expect(parseMoment('2026-11-20')).toBe(new Date(2026, 10, 20, 23, 59, 59, 999).getTime());
    expect(parseMoment('2026-11-20T14:30')).toBe(new Date(2026, 10, 20, 14, 30).getTime());
    expect(parseMoment('2026-11-20T14:30:00Z')).toBe(Date.parse('2026-11-20T14:30:00Z'));
  });

  it('refuses what is not a moment', () => {
    for (const bad of ['', 'yesterday', '20/11/2026', '2026-13-45T99:99']) expect(() => parseMoment(bad), bad).toThrow(/not a moment/);
  });
});
