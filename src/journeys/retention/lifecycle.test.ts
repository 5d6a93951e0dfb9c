import { describe, expect, it } from 'vitest';
import { lifecycle } from './lifecycle.ts';
import { parseLifecycleDefinition } from './lifecycle-schema.ts';
import { cohortHistory, journeyEvent } from './retention-fixture.ts';

/** [new, returning, resurrecting, dormant] per interval of the only group. */
function series(result: ReturnType<typeof lifecycle>) {
  return result.groups[0]?.periods.map((p) => [p.start, p.new, p.returning, p.resurrecting, p.dormant]);
}

describe('lifecycle', () => {
  const monthly = parseLifecycleDefinition({ interval: 'month', from: '2026-01-01', to: '2026-05-01' });

  it('classifies every profile month by month', () => {
    // Active months (every fixture event has a stage): a Jan Mar; b Dec Jan Feb Apr; c Dec Jan;
    // d Feb Mar; e Feb; f Jan; g Jan. Created: b and c in December, the others in their first month.
    // Jan: new a f g; returning b c. Feb: new d e; returning b; dormant a c f g.
    // Mar: returning d; resurrecting a; dormant b e. Apr: resurrecting b; dormant a d.
    expect(series(lifecycle(cohortHistory, monthly))).toEqual([
      ['2026-01-01', 3, 2, 0, 0],
      ['2026-02-01', 2, 1, 0, -4],
      ['2026-03-01', 0, 1, 1, -2],
      ['2026-04-01', 0, 0, 1, -2],
    ]);
  });

  it('gives dormant profiles as a positive count too, and the active total', () => {
    const february = lifecycle(cohortHistory, monthly).groups[0]?.periods[1];
    expect([february?.dormantCount, february?.active]).toEqual([4, 3]);
  });

  it('dates creation from the first event of any kind, not the first activity', () => {
    const purchases = parseLifecycleDefinition({
      interval: 'month',
      activity: { action: 'order_completed' },
      from: '2026-01-01',
      to: '2026-05-01',
    });
    // Only orders are activity. b was created by a December page view, so its first order in
    // January resurrects it; f (page views only) never counts; c bought in December: returning.
    // Jan: new a g; returning c; resurrecting b. Feb: new d e; dormant a b c g.
    // Mar: returning d; resurrecting a; dormant e. Apr: resurrecting b; dormant a d.
    expect(series(lifecycle(cohortHistory, purchases))).toEqual([
      ['2026-01-01', 2, 1, 1, 0],
      ['2026-02-01', 2, 0, 0, -4],
      ['2026-03-01', 0, 1, 1, -1],
      ['2026-04-01', 0, 0, 1, -2],
    ]);
  });

  it('snaps the range to ISO weeks across a year boundary', () => {
    const events = [
      journeyEvent('x', '2025-12-28T23:59:00Z', 'web', 'page_viewed'), // Sunday, week of 22 Dec
      journeyEvent('x', '2026-01-04T12:00:00Z', 'web', 'page_viewed'), // Sunday, week of 29 Dec
      journeyEvent('y', '2026-01-05T00:00:00Z', 'web', 'page_viewed'), // Monday, week of 5 Jan
      journeyEvent('z', '2026-01-01T00:00:00Z', 'email', 'email_sent', null), // creates z, no activity
      journeyEvent('z', '2026-01-06T00:00:00Z', 'web', 'page_viewed'),
    ];
    const weekly = parseLifecycleDefinition({ from: '2025-12-31', to: '2026-01-07' });
    // Week of 29 Dec: x returning (active the week before). Week of 5 Jan: y new; z was created
    // the week before by an e-mail sent (not activity): resurrecting; x dormant.
    expect(series(lifecycle(events, weekly))).toEqual([
      ['2025-12-29', 0, 1, 0, 0],
      ['2026-01-05', 1, 0, 1, -1],
    ]);
  });

  it('splits the series by breakdown value and fills empty intervals with zeros', () => {
    const result = lifecycle(cohortHistory, monthly, [{ profileId: 'b', breakdown: 'vip' }]);
    expect(result.groups.map((group) => group.breakdown)).toEqual(['vip', null]);
    // b alone: returning Jan and Feb, dormant Mar, resurrecting Apr.
    expect(
      result.groups[0]?.periods.map((p) => [p.new, p.returning, p.resurrecting, p.dormantCount]),
    ).toEqual([
      [0, 1, 0, 0],
      [0, 1, 0, 0],
      [0, 0, 0, 1],
      [0, 0, 1, 0],
    ]);
  });
});
