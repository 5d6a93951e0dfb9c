import { describe, expect, it } from 'vitest';
import type { CellFacts, SeriesCustomers } from '../measure/read-measurements.ts';
import { compareChannelMix, compareRate } from './compare-customers.ts';
import { compareDistribution, compareJourneys } from './compare-journeys.ts';
import { compareLevel, customerDaysTest } from './compare-levels.ts';
import type { Comparison } from './finding.ts';
import { holmAdjust } from './holm.ts';
import type { MeasuredBreakdown, Thresholds } from './measured.ts';
import { rankFindings } from './rank-findings.ts';

const thresholds: Thresholds = {
  alpha: 0.05,
  cramersV: 0.1,
  relativeChange: 0.1,
  kolmogorovSmirnovDistance: 0.1,
  transitionDistance: 0.1,
};
const DAY = 86_400_000;
const periods = { before: { from: 0, to: 28 * DAY }, after: { from: 31 * DAY, to: 59 * DAY } };

function facts(rows: Partial<CellFacts>[]): CellFacts[] {
  return rows.map((r) => ({
    period: 'before',
    cell: 'all',
    orderChannel: '',
    browsed: false,
    bought: false,
    contacted: false,
    customers: 0,
    value: 0,
    valuedByRevenue: 0,
    ...r,
  }));
}
const measured = (m: Partial<MeasuredBreakdown>): MeasuredBreakdown[] => [
  { breakdown: 'segment', facts: [], transitions: [], distributions: [], seriesCustomers: [], ...m },
];

describe('Holm adjustment', () => {
  it('steps down through the sorted p-values', () => {
    // sorted 0.01, 0.03, 0.04: 3 × 0.01 = 0.03, 2 × 0.03 = 0.06, max(0.06, 1 × 0.04) = 0.06
    const adjusted = holmAdjust([0.01, 0.04, 0.03]);
    [0.03, 0.06, 0.06].forEach((p, i) => {
      expect(adjusted[i]).toBeCloseTo(p, 12);
    });
  });
});

describe('channel mix counted per customer', () => {
  // segment A: 30 shop customers, then 10 shop and 10 web; segment B: 20 web, then 30 web
  const rows = facts([
    { cell: 'A', orderChannel: 'store', bought: true, customers: 30, value: 3000 },
    { cell: 'B', orderChannel: 'web', bought: true, customers: 20, value: 2000 },
    { period: 'after', cell: 'A', orderChannel: 'store', bought: true, customers: 10, value: 900 },
    { period: 'after', cell: 'A', orderChannel: 'web', bought: true, customers: 10, value: 900 },
    { period: 'after', cell: 'B', orderChannel: 'web', bought: true, customers: 30, value: 2500 },
  ]);

  it('tests the channel × period table and says which channel moved', () => {
    const mix = compareChannelMix(measured({ facts: rows }), thresholds) as Comparison;
    // [[30, 20], [10, 40]]: expected 20, 30, 20, 30; X² = 2 × (100/20 + 100/30) = 16.667, V = √(16.667/100)
    expect(mix.effectSize).toBeCloseTo(Math.sqrt(16.6667 / 100), 4);
    expect(mix.pValue).toBeCloseTo(4.456e-5, 7);
    // shares store 0.6 → 0.2, web 0.4 → 0.8: PSI = (−0.4)·ln(1/3) + 0.4·ln 2 = 0.71670
    expect(mix.details.populationStabilityIndex).toBeCloseTo(0.7167, 4);
    expect([mix.subject, mix.direction, mix.before, mix.after]).toEqual(['store', 'down', 0.6, 0.2]);
    // A moved by ½(|0.5 − 1| + |0.5 − 0|) = 0.5 of its 3000 of value, B not at all
    expect(mix.cells).toEqual([
      { breakdown: 'segment', cell: 'A', moved: 0.5, value: 3000, customers: 30 },
      { breakdown: 'segment', cell: 'B', moved: 0, value: 2000, customers: 20 },
    ]);
  });

  it('values what moved and gates on effect and evidence', () => {
    const mix = compareChannelMix(measured({ facts: rows }), thresholds) as Comparison;
    const [finding] = rankFindings(
      [
        {
          since: periods.after.from,
          periods,
          comparisons: [mix],
          primaryBreakdown: 'segment',
          valueBasis: 'clv',
          positionsSearched: 1,
        },
      ],
      thresholds,
    );
    // 0.5 × 3000 + 0 × 2000
    expect(finding?.valueAtStake).toBe(1500);
    expect(finding?.material).toBe(true);
    expect(finding?.segmentsMostAffected.map((c) => c.cell)).toEqual(['A']);
    // searched over 2000 positions the same evidence (4.5e-5 × 2000 = 0.09) is no longer enough
    const [searched] = rankFindings(
      [
        {
          since: periods.after.from,
          periods,
          comparisons: [mix],
          primaryBreakdown: 'segment',
          valueBasis: 'clv',
          positionsSearched: 2000,
        },
      ],
      thresholds,
    );
    expect(searched?.pValue).toBeCloseTo(0.0891, 3);
    expect([searched?.material, searched?.reason]).toEqual([false, 'not_significant']);
  });
});

describe('rates counted per customer', () => {
  it('compares the conversion of browsing customers', () => {
    const rows = facts([
      { browsed: true, bought: true, orderChannel: 'web', customers: 30, value: 300 },
      { browsed: true, customers: 70, value: 700 },
      { period: 'after', browsed: true, bought: true, orderChannel: 'web', customers: 15 },
      { period: 'after', browsed: true, customers: 85 },
    ]);
    const conversion = compareRate(measured({ facts: rows }), 'conversion', thresholds) as Comparison;
    // 0.30 → 0.15; pooled 0.225, se = √(0.225 × 0.775 × 0.02) = 0.059055, z = −2.540, p = 0.01108
    expect(conversion.effectSize).toBeCloseTo(-0.5, 12);
    expect(conversion.pValue).toBeCloseTo(0.01108, 4);
    expect(conversion.posteriorProbability).toBeGreaterThan(0.99);
    // the cell moved by |0.15 − 0.30| of the 1000 of value of its browsing customers
    expect(conversion.cells).toEqual([
      { breakdown: 'segment', cell: 'all', moved: 0.15, value: 1000, customers: 100 },
    ]);
  });
});

describe('journeys and distributions', () => {
  it('says in which state the journey changed', () => {
    const step = (period: 'before' | 'after', from: string, to: string, journeys: number) => ({
      period,
      cell: 'all',
      from,
      to,
      journeys,
    });
    const transitions = [
      step('before', '(start)', 'consider', 10),
      step('before', 'consider', '(conversion)', 5),
      step('before', 'consider', '(null)', 5),
      step('after', '(start)', 'consider', 10),
      step('after', 'consider', '(conversion)', 1),
      step('after', 'consider', '(null)', 9),
    ];
    const journeys = compareJourneys(measured({ transitions }), thresholds) as Comparison;
    // consider: [[5, 5], [1, 9]], expected 3, 7, 3, 7: X² = 2 × (4/3 + 4/7) = 3.8095; TV distance 0.4;
    // (start) always leads to consider: distance 0; weighted by 20 journeys each: (0 + 0.4)/2 = 0.2
    expect(journeys.subject).toBe('consider');
    expect(journeys.effectSize).toBeCloseTo(0.2, 12);
    expect((journeys.details as { statistic: number }).statistic).toBeCloseTo(3.8095, 4);
  });

  it('compares baskets by the Kolmogorov–Smirnov distance', () => {
    const row = (period: 'before' | 'after', value: number) => ({
      period,
      cell: 'all',
      measure: 'basket' as const,
      value,
      observations: 1,
    });
    const distributions = [10, 20, 30]
      .map((v) => row('before', v))
      .concat([40, 50, 60].map((v) => row('after', v)));
    const basket = compareDistribution(measured({ distributions }), 'basket', thresholds) as Comparison;
    // no overlap: D = 1; exact p = 2/C(6, 3) = 0.1
    expect([basket.effectSize, basket.before, basket.after, basket.direction]).toEqual([1, 20, 50, 'up']);
    expect(basket.pValue).toBeCloseTo(0.1, 12);
  });
});

describe('level changes on customer-days', () => {
  it('tests rates per base customer with a variance clustered by customer', () => {
    // r = 20/(100 × 10) = 0.02 → 0.04; Var(S) = 40 − 400/100 = 36 and 80 − 1600/100 = 64, over (100 × 10)²:
    // se = √100/1000 = 0.01, z = 0.02/0.01 = 2, p = 2·(1 − Φ(2)) = 0.0455
    const test = customerDaysTest(
      { base: 100, days: 10, sum: 20, squares: 40 },
      { base: 100, days: 10, sum: 40, squares: 80 },
    );
    expect(test.relativeChange).toBeCloseTo(1, 12);
    expect(test.z).toBeCloseTo(2, 12);
    expect(test.pValue).toBeCloseTo(0.0455, 4);
  });

  it('reads the level change of a series against the customer base', () => {
    const row = (
      period: 'before' | 'after',
      series: string,
      customers: number,
      activeDays: number,
      squares: number,
    ): SeriesCustomers => ({
      period,
      cell: 'all',
      series,
      key: series === '(customer_base)' ? '' : 'store',
      customers,
      value: customers * 10,
      valuedByRevenue: 0,
      activeDays,
      activeDaysSquared: squares,
    });
    const seriesCustomers = [
      row('before', '(customer_base)', 200, 200, 200),
      row('after', '(customer_base)', 250, 250, 250),
      row('before', 'orders_by_channel', 40, 56, 84),
      row('after', 'orders_by_channel', 10, 14, 21),
    ];
    const level = compareLevel(
      { name: 'orders_by_channel', key: 'store' },
      periods,
      measured({ seriesCustomers }),
      thresholds,
    ) as Comparison;
    // 56/(200 × 28) = 0.01 → 14/(250 × 28) = 0.002 per base customer a day: −80%; 2 → 0.5 customers a day
    expect(level.effectSize).toBeCloseTo(-0.8, 12);
    expect([level.before, level.after, level.stage, level.direction]).toEqual([2, 0.5, 'buy', 'down']);
  });
});
