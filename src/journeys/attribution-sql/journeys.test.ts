import { describe, expect, it } from 'vitest';
import { parseAttributionDefinition } from './definition.ts';
import { attributionPaths } from './journeys.ts';
import { handEvents, handRange } from './test-fixtures.ts';

describe('attribution journeys from events', () => {
  it('ends each journey at a conversion, within the lookback, and keeps the unconverted touches', () => {
    // P1 [email, web (web folded)] converts 100; P2 [web] converts 50 (its web at the instant of the
    // order counts, folded); P3 [email] had not converted by day 10; P4 [email] converts 30 (search is
    // 45 days old), then [web] unconverted; P5's two simultaneous orders, no touch: [] with 2
    // conversions and 20; P6 converted before the range and has nothing since.
    expect(attributionPaths(handEvents, parseAttributionDefinition(handRange))).toEqual([
      { channels: [], conversions: 2, nonConversions: 0, revenue: 20 },
      { channels: ['email'], conversions: 1, nonConversions: 1, revenue: 30 },
      { channels: ['email', 'web'], conversions: 1, nonConversions: 0, revenue: 100 },
      { channels: ['web'], conversions: 1, nonConversions: 1, revenue: 50 },
    ]);
  });

  it('keeps repeats and reads touchpoints when asked', () => {
    const definition = parseAttributionDefinition({
      ...handRange,
      item: 'touchpoint',
      collapseRepeats: false,
    });
    const paths = attributionPaths(handEvents, definition);
    expect(paths.map((p) => [p.channels, p.conversions, p.nonConversions])).toEqual([
      [[], 2, 0],
      [['email:email_opened'], 1, 1],
      [['email:email_opened', 'web:page_viewed', 'web:product_viewed'], 1, 0],
      [['web:page_viewed'], 0, 1],
      [['web:page_viewed', 'web:page_viewed'], 1, 0],
    ]);
  });

  it('counts every event as a touch when asked, stageless ones included', () => {
    // P1's identify call (day 1.5, no stage) now sits between its web visits and its order.
    const definition = parseAttributionDefinition({ ...handRange, touches: 'all' });
    const paths = attributionPaths(handEvents, definition);
    expect(paths.find((p) => p.revenue === 100)?.channels).toEqual(['email', 'web', 'crm']);
  });

  it('looks back only as far as asked', () => {
    // 1 day: P1 keeps web (days 1 and 1 h after); P2 only its same-instant web; P4 nothing before its
    // order (email is on day 4, the order on 5: exactly 1 day, kept); the unconverted touches (P3 day
    // 0, P4 day 6) are more than 1 day before the end (day 10).
    const definition = parseAttributionDefinition({ ...handRange, lookbackDays: 1 });
    expect(attributionPaths(handEvents, definition)).toEqual([
      { channels: [], conversions: 2, nonConversions: 0, revenue: 20 },
      { channels: ['email'], conversions: 1, nonConversions: 0, revenue: 30 },
      { channels: ['web'], conversions: 2, nonConversions: 0, revenue: 150 },
    ]);
  });

  it('ends the range just after the latest event when no end is given', () => {
    // Latest event: P3's order on day 12, so P3 [email] converts 75 (its email 12 days before).
    const paths = attributionPaths(handEvents, parseAttributionDefinition({ from: handRange.from }));
    expect(paths.find((p) => p.channels.join() === 'email')).toEqual({
      channels: ['email'],
      conversions: 2,
      nonConversions: 0,
      revenue: 105,
    });
  });
});

describe('attribution definition', () => {
  it('fills in the defaults', () => {
    expect(parseAttributionDefinition({})).toEqual({
      item: 'channel',
      conversion: 'order_completed',
      lookbackDays: 30,
      from: null,
      to: null,
      collapseRepeats: true,
      touches: 'staged',
    });
  });

  it('names the wrong field', () => {
    expect(() => parseAttributionDefinition({ item: 'stage' })).toThrow(/attribution definition: item/);
    expect(() => parseAttributionDefinition({ lookbackDays: 0 })).toThrow(/lookbackDays .*1/);
    expect(() => parseAttributionDefinition({ to: '12/03/2026' })).toThrow(/to must be an ISO 8601/);
    expect(() => parseAttributionDefinition({ window: 3 })).toThrow(/attribution definition/);
    expect(() => parseAttributionDefinition({ touches: 'some' })).toThrow(/attribution definition: touches/);
  });
});
