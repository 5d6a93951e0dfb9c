import { describe, expect, it } from 'vitest';
import { retention } from './retention.ts';
import { cohortHistory, journeyEvent } from './retention-fixture.ts';
import { parseRetentionDefinition } from './retention-schema.ts';

const byPurchase = parseRetentionDefinition({ from: '2026-01-01', to: '2026-03-01', maxPeriods: 3 });

/** [returned, rollingReturned] per period of a cohort. */
function grid(cohort: { periods: { returned: number; rollingReturned: number }[] } | undefined) {
  return cohort?.periods.map((cell) => [cell.returned, cell.rollingReturned]);
}

describe('retention by first purchase', () => {
  const result = retention(cohortHistory, byPurchase);
  const [january, february] = result.groups[0]?.cohorts ?? [];

  it('keeps the profiles whose first purchase ever falls in the range', () => {
    // a, b, g first bought in January; d, e in February; c first bought in December, f never.
    expect(result.groups.map((group) => group.breakdown)).toEqual([null]);
    expect([january?.start, january?.size, february?.start, february?.size]).toEqual([
      '2026-01-01',
      3,
      '2026-02-01',
      2,
    ]);
  });

  it('counts recurring and rolling returns of the January cohort', () => {
    // a returns in Jan (0) and Mar (2); b in Apr (3); g's second order shares its first's
    // millisecond, so it is not a return. Rolling: a's last return is 2, b's is 3 → 2, 2, 2, 1.
    expect(grid(january)).toEqual([
      [1, 2],
      [0, 2],
      [1, 2],
      [1, 1],
    ]);
    expect(january?.periods[0]?.share).toBeCloseTo(1 / 3, 12);
    expect(january?.periods[3]?.rollingShare).toBeCloseTo(1 / 3, 12);
  });

  it('stops the February cohort where the data ends', () => {
    // The latest event is in April: February's periods are 0 (Feb), 1 (Mar), 2 (Apr). d's order
    // 40 minutes after its first crosses into March: period 1.
    expect(grid(february)).toEqual([
      [0, 1],
      [1, 1],
      [0, 0],
    ]);
    expect(february?.periods[1]?.share).toBe(0.5);
  });

  it('sums the cohorts that reached each period', () => {
    // Periods 0–2: January (3) and February (2) → returned 1+0, 0+1, 1+0 of 5; rolling 2+1, 2+1,
    // 2+0 of 5. Period 3: January alone, 1 of 3 (rolling 1 of 3).
    const all = result.groups[0]?.allCohorts;
    expect(all?.map((cell) => [cell.size, cell.returned, cell.rollingReturned])).toEqual([
      [5, 1, 3],
      [5, 1, 3],
      [5, 1, 2],
      [3, 1, 1],
    ]);
    expect(all?.map((cell) => cell.share)).toEqual([0.2, 0.2, 0.2, 1 / 3]);
    expect(all?.map((cell) => cell.rollingShare)).toEqual([0.6, 0.6, 0.4, 1 / 3]);
  });

  it('leaves out returns beyond maxPeriods, from rolling counts too', () => {
    const short = retention(cohortHistory, { ...byPurchase, maxPeriods: 2 });
    // b's April order is period 3: with maxPeriods 2 only a returns (periods 0 and 2).
    expect(grid(short.groups[0]?.cohorts[0])).toEqual([
      [1, 1],
      [0, 1],
      [1, 1],
    ]);
  });
});

describe('retention by first contact', () => {
  it('starts at the first event of any kind and counts any later event', () => {
    const definition = parseRetentionDefinition({
      cohortBy: 'first_contact',
      returnEvent: {},
      from: '2026-01-01',
      to: '2026-03-01',
      maxPeriods: 3,
    });
    const [january, february] = retention(cohortHistory, definition).groups[0]?.cohorts ?? [];
    // First events: a 5 Jan, f 3 Jan, g 31 Jan (January); d 28 Feb, e 10 Feb (February); b and c
    // began in December. a comes back 20 Jan (0) and 3 Mar (2); f and g never after their start.
    expect(january?.size).toBe(3);
    expect(grid(january)).toEqual([
      [1, 1],
      [0, 1],
      [1, 1],
      [0, 0],
    ]);
    expect(grid(february)).toEqual([
      [0, 1],
      [1, 1],
      [0, 0],
    ]);
  });
});

describe('retention per breakdown value', () => {
  it('splits the cohorts by the profile value, profiles without one last', () => {
    const breakdown = [
      { profileId: 'a', breakdown: 'gold' },
      { profileId: 'b', breakdown: 'silver' },
      { profileId: 'd', breakdown: 'gold' },
      { profileId: 'e', breakdown: 'silver' },
      { profileId: 'e', breakdown: 'zinc' },
    ];
    const result = retention(cohortHistory, byPurchase, breakdown);
    // e has two values: the smallest, silver, counts. g has none.
    expect(result.groups.map((group) => [group.breakdown, group.cohorts.map((c) => c.size)])).toEqual([
      ['gold', [1, 1]],
      ['silver', [1, 1]],
      [null, [1]],
    ]);
    expect(grid(result.groups[1]?.cohorts[0])).toEqual([
      [0, 1],
      [0, 1],
      [0, 1],
      [1, 1],
    ]);
  });
});

describe('retention by week', () => {
  it('numbers ISO weeks across a year boundary', () => {
    const events = [
      journeyEvent('x', '2025-12-28T23:00:00Z', 'web', 'order_completed'), // Sunday: week of Mon 22 Dec
      journeyEvent('x', '2025-12-29T01:00:00Z', 'web', 'order_completed'), // Monday: next week
      journeyEvent('x', '2026-01-05T00:00:00Z', 'web', 'order_completed'), // Monday: two weeks later
    ];
    const definition = parseRetentionDefinition({
      interval: 'week',
      from: '2025-12-01',
      to: '2026-01-01',
      maxPeriods: 5,
    });
    const [cohort] = retention(events, definition).groups[0]?.cohorts ?? [];
    expect(cohort?.start).toBe('2025-12-22');
    expect(grid(cohort)).toEqual([
      [0, 1],
      [1, 1],
      [1, 1],
    ]);
  });
});
