import { describe, expect, it } from 'vitest';
import type { SqlStatement } from '../../sql/dialect.ts';
import { sqlDialects } from '../../sql/dialect.ts';
import { fixtureSource, runOnClickHouse, runOnDuckDb } from '../../testing/engines.ts';
import { FIXTURE_START, handWrittenEvents, randomEvents } from '../test-fixtures.ts';
import type { NamedBreakdown } from './batch-parts.ts';
import { channelTableOf, customersBySeriesOf, distributionsOf, transitionsOf } from './period-engine.ts';
import {
  channelTableByPeriod,
  customersBySeries,
  distributionsByPeriod,
  transitionsByPeriod,
} from './period-sql.ts';
import { periodsAround } from './periods.ts';
import {
  readByShift,
  readCellFacts,
  readDistributions,
  readSeriesCustomers,
  readTransitions,
} from './read-measurements.ts';

const DAY = 86_400_000;
const periods = {
  before: { from: FIXTURE_START, to: FIXTURE_START + DAY },
  after: { from: FIXTURE_START + DAY, to: FIXTURE_START + 3 * DAY },
};
// sums of values may differ in the last bits with the order they are added in
const sorted = <T>(rows: T[]) =>
  rows
    .map((r) => JSON.stringify(r, (_, v) => (typeof v === 'number' ? Math.round(v * 1e6) / 1e6 : v)))
    .sort();

describe('the periods either side of a change', () => {
  it('leaves a gap at the change and clips to the limits', () => {
    const date = FIXTURE_START + 40 * DAY;
    expect(periodsAround(date)).toEqual({
      before: { from: date - 31 * DAY, to: date - 3 * DAY },
      after: { from: date + 3 * DAY, to: date + 31 * DAY },
    });
    // clipped to 11 days before (date − 12 … date − 1) and 9 after, then cut to whole weeks away from the change
    const clipped = periodsAround(
      date,
      { windowDays: 14, gapDays: 1 },
      { from: date - 12 * DAY, to: date + 9 * DAY },
    );
    expect(clipped).toEqual({
      before: { from: date - 8 * DAY, to: date - DAY },
      after: { from: date + DAY, to: date + 8 * DAY },
    });
  });
});

describe('measuring two periods on plain events (hand-solved)', () => {
  const query = {
    periods,
    clvOf: new Map<string, number | null>([
      ['a', 100],
      ['c', 30],
    ]),
  };

  it('counts each customer once, by the channel they ordered in most', () => {
    // day 0: a browsed and ordered on the web, b ordered in a shop, c browsed only;
    // days 1–2: a came back and asked for help, b asked for help and ordered in a shop, c browsed and ordered in the app
    expect(sorted(channelTableOf(handWrittenEvents, query))).toEqual(
      sorted([
        {
          period: 'before',
          cell: 'all',
          orderChannel: 'web',
          browsed: true,
          bought: true,
          contacted: false,
          customers: 1,
          value: 100,
          valuedByRevenue: 0,
        },
        {
          period: 'before',
          cell: 'all',
          orderChannel: 'store',
          browsed: false,
          bought: true,
          contacted: false,
          customers: 1,
          value: 0,
          valuedByRevenue: 1,
        },
        {
          period: 'before',
          cell: 'all',
          orderChannel: '',
          browsed: true,
          bought: false,
          contacted: false,
          customers: 1,
          value: 30,
          valuedByRevenue: 0,
        },
        {
          period: 'after',
          cell: 'all',
          orderChannel: '',
          browsed: false,
          bought: false,
          contacted: true,
          customers: 1,
          value: 100,
          valuedByRevenue: 0,
        },
        {
          period: 'after',
          cell: 'all',
          orderChannel: 'store',
          browsed: false,
          bought: true,
          contacted: true,
          customers: 1,
          value: 0,
          valuedByRevenue: 1,
        },
        {
          period: 'after',
          cell: 'all',
          orderChannel: 'app',
          browsed: true,
          bought: true,
          contacted: false,
          customers: 1,
          value: 30,
          valuedByRevenue: 0,
        },
      ]),
    );
  });

  it('counts the stage-to-stage steps of each journey', () => {
    // before: a discover→consider→buy, b buy, c discover; after: a come_back→get_help, b get_help→buy, c discover→buy
    const steps = Object.fromEntries(
      transitionsOf(handWrittenEvents, query).map((t) => [`${t.period} ${t.from}>${t.to}`, t.journeys]),
    );
    expect(steps).toEqual({
      'before (start)>discover': 2,
      'before discover>consider': 1,
      'before consider>buy': 1,
      'before buy>(conversion)': 2,
      'before (start)>buy': 1,
      'before discover>(null)': 1,
      'after (start)>come_back': 1,
      'after come_back>get_help': 1,
      'after get_help>(null)': 1,
      'after (start)>get_help': 1,
      'after get_help>buy': 1,
      'after buy>(conversion)': 2,
      'after (start)>discover': 1,
      'after discover>buy': 1,
    });
  });

  it('counts baskets in whole euros and hours to convert', () => {
    // baskets 40 and 60, then 25.5 and 10; a browsed at 9:00 and ordered at 11:00, c browsed at 10:00 and ordered at 11:00
    const rows = distributionsOf(handWrittenEvents, query).map(
      (d) => `${d.period} ${d.measure} ${d.value}×${d.observations}`,
    );
    expect(rows.sort()).toEqual(
      [
        'after basket 10×1',
        'after basket 25×1',
        'after hours_to_convert 1×1',
        'before basket 40×1',
        'before basket 60×1',
        'before hours_to_convert 2×1',
      ].sort(),
    );
  });
});

describe('customers of each count series', () => {
  it('counts customers, their active days and the customer base', () => {
    const later = {
      before: periods.before,
      after: { from: FIXTURE_START + 2 * DAY, to: FIXTURE_START + 3 * DAY },
    };
    const rows = customersBySeriesOf(handWrittenEvents, { periods: later }, [
      'orders_by_channel',
      'contacts',
    ]);
    const pick = (period: string, series: string, key: string) => {
      const row = rows.find((r) => r.period === period && r.series === series && r.key === key);
      return row && [row.customers, row.activeDays, row.activeDaysSquared];
    };
    // day 0: a ordered on the web and b in a shop; day 2: b ordered in a shop again, a opened a chat
    expect(pick('before', 'orders_by_channel', 'store')).toEqual([1, 1, 1]);
    expect(pick('after', 'orders_by_channel', 'store')).toEqual([1, 1, 1]);
    expect(pick('after', 'contacts', 'chat')).toEqual([1, 1, 1]);
    // the base of day 2 is everyone seen on days 0 and 1 (a, b, c); nobody was seen before day 0
    expect(pick('after', '(customer_base)', '')).toEqual([3, 3, 3]);
    expect(pick('before', '(customer_base)', '')).toBeUndefined();
  });

  it("counts each customer's days, not their events", () => {
    const order = handWrittenEvents[2] as (typeof handWrittenEvents)[number];
    const busy = [0, 0, 1, 5].map((day) => ({ ...order, ts: FIXTURE_START + day * DAY + 3_600_000 }));
    const week = { from: FIXTURE_START, to: FIXTURE_START + 7 * DAY };
    const rows = customersBySeriesOf(
      busy,
      { periods: { before: week, after: { from: week.to, to: week.to + DAY } } },
      ['orders'],
    );
    // four orders on days 0, 0, 1 and 5: one customer, three active days, 3² = 9
    const orders = rows.filter((r) => r.series === 'orders');
    expect(orders.map((r) => [r.customers, r.activeDays, r.activeDaysSquared])).toEqual([[1, 3, 9]]);
  });
});

const half: SqlStatement = {
  sql: "SELECT DISTINCT profile_id, CASE WHEN profile_id < 'p2' THEN 'low' ELSE 'high' END AS breakdown FROM fixture_events",
  params: {},
};
// only the profiles ending in 1 have a group: the others are in '(none)'
const ones: SqlStatement = {
  sql: "SELECT DISTINCT profile_id, 'one' AS breakdown FROM fixture_events WHERE profile_id LIKE '%1'",
  params: {},
};
const values: SqlStatement = {
  sql: "SELECT DISTINCT profile_id, CASE WHEN profile_id < 'p15' THEN NULL ELSE 10.5 END AS clv FROM fixture_events",
  params: {},
};
const breakdowns = [
  { name: 'half', statement: half },
  { name: 'ones', statement: ones },
];

describe('measuring the periods of several shifts in SQL', () => {
  it('writes the statements of each dialect', () => {
    const query = { periods: [periods], breakdowns: [breakdowns[0] as NamedBreakdown], values };
    expect(sqlDialects.map((d) => channelTableByPeriod(fixtureSource, query, d).sql)).toMatchSnapshot();
    expect(sqlDialects.map((d) => transitionsByPeriod(fixtureSource, query, d).sql)).toMatchSnapshot();
    expect(sqlDialects.map((d) => distributionsByPeriod(fixtureSource, query, d).sql)).toMatchSnapshot();
    expect(
      sqlDialects.map((d) => customersBySeries(fixtureSource, query, undefined, d).sql),
    ).toMatchSnapshot();
  });

  it.each([
    ['duckdb', runOnDuckDb],
    ['clickhouse', runOnClickHouse],
  ] as const)('gives the plain computation of each shift and breakdown on %s', async (dialect, run) => {
    const random = randomEvents(5, 500, 60);
    // the second shift's before period overlaps the first one's after period
    const shifts = [
      {
        before: { from: FIXTURE_START + 20 * DAY, to: FIXTURE_START + 35 * DAY },
        after: { from: FIXTURE_START + 38 * DAY, to: FIXTURE_START + 60 * DAY },
      },
      {
        before: { from: FIXTURE_START + 30 * DAY + 3_600_000, to: FIXTURE_START + 45 * DAY },
        after: { from: FIXTURE_START + 47 * DAY, to: FIXTURE_START + 58 * DAY + 7_200_000 },
      },
    ];
    const profiles = [...new Set(random.map((e) => e.profileId))];
    const cells = {
      half: new Map(profiles.map((p) => [p, p < 'p2' ? 'low' : 'high'])),
      ones: new Map(profiles.filter((p) => p.endsWith('1')).map((p) => [p, 'one'])),
    };
    const clvOf = new Map(profiles.map((p) => [p, p < 'p15' ? null : 10.5]));
    const cases = [
      { events: handWrittenEvents, query: { periods: [periods] }, plain: [{ periods }], names: ['all'] },
      {
        events: random,
        // the data said to begin on day 10: each shift's bases look back only that far, alike
        query: { periods: shifts, breakdowns, values, historyFrom: FIXTURE_START + 10 * DAY },
        plain: shifts.flatMap((p) => [
          { periods: p, cellOf: cells.half, clvOf, historyFrom: FIXTURE_START + 10 * DAY },
          { periods: p, cellOf: cells.ones, clvOf, historyFrom: FIXTURE_START + 10 * DAY },
        ]),
        names: ['half', 'ones'],
      },
    ];
    for (const { events, query, plain, names } of cases) {
      const facts = readByShift(
        await run(events, channelTableByPeriod(fixtureSource, query, dialect)),
        readCellFacts,
      );
      const steps = readByShift(
        await run(events, transitionsByPeriod(fixtureSource, query, dialect)),
        readTransitions,
      );
      const samples = readByShift(
        await run(events, distributionsByPeriod(fixtureSource, query, dialect)),
        readDistributions,
      );
      const counted = readByShift(
        await run(events, customersBySeries(fixtureSource, query, undefined, dialect)),
        readSeriesCustomers,
      );
      query.periods.forEach((_, shift) => {
        names.forEach((name, b) => {
          const expected = plain[shift * names.length + b] as (typeof plain)[number];
          const label = `${dialect} shift ${shift} ${name}`;
          expect(facts(shift, name).length, label).toBeGreaterThan(0);
          expect(sorted(facts(shift, name)), label).toEqual(sorted(channelTableOf(events, expected)));
          expect(sorted(steps(shift, name)), label).toEqual(sorted(transitionsOf(events, expected)));
          expect(sorted(samples(shift, name)), label).toEqual(sorted(distributionsOf(events, expected)));
          expect(sorted(counted(shift, name)), label).toEqual(sorted(customersBySeriesOf(events, expected)));
        });
      });
    }
  });
});
