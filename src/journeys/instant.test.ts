import { describe, expect, it } from 'vitest';
import { instantMs } from './instant.ts';

describe('the times journey definitions accept', () => {
  it('reads dates as midnight UTC and instants with their offset', () => {
    expect(instantMs('2026-01-31')).toBe(Date.UTC(2026, 0, 31));
    expect(instantMs('2026-01-31T08:00:00Z')).toBe(Date.UTC(2026, 0, 31, 8));
    expect(instantMs('2026-01-31 09:00+01:00')).toBe(Date.UTC(2026, 0, 31, 8));
    expect(instantMs('2026-01-31T08:00:00.250+0000')).toBe(Date.UTC(2026, 0, 31, 8, 0, 0, 250));
  });

  it('refuses what Date.parse would guess at: no offset, other forms, impossible dates', () => {
    for (const text of ['2026-01-31T08:00', 'January 31, 2026', '31/01/2026', '2026-02-30x', 'yesterday'])
      expect(instantMs(text), text).toBeNaN();
  });
});
