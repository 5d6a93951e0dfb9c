import { describe, expect, it } from 'vitest';
import type { JourneyEvent } from '../sql/journey-events.ts';
import { fixtureSource, runOnClickHouse, runOnDuckDb } from '../testing/engines.ts';
import { seededRandom } from '../testing/seeded-random.ts';
import { parseShiftRadarDefinition } from './definition.ts';
import { runShiftRadarOn, type ShiftRadarReport } from './run-shift-radar.ts';
import { event, FIXTURE_START } from './test-fixtures.ts';

const DAY = 86_400_000;
const SHIFT_DAY = 42;

/** 80 customers over 12 weeks; from day 42 shop orders move to the web and calls quadruple. */
function shiftingBusiness(): JourneyEvent[] {
  const rng = seededRandom(21);
  const events: JourneyEvent[] = [];
  for (let c = 0; c < 80; c++)
    for (let day = 0; day < 84; day++) {
      const after = day >= SHIFT_DAY;
      const id = `c${c}`;
      if (rng.uniform() < 0.3) {
        events.push(
          event(id, day, 9, 'web', 'page_viewed', 'discover'),
          event(id, day, 10, 'web', 'product_viewed', 'consider'),
        );
      }
      if (rng.uniform() < 0.08)
        events.push(
          event(
            id,
            day,
            12,
            after ? 'web' : 'store',
            'order_completed',
            'buy',
            20 + Math.floor(rng.uniform() * 80),
          ),
        );
      if (rng.uniform() < (after ? 0.04 : 0.01))
        events.push(event(id, day, 15, 'call_centre', 'ticket_opened', 'get_help'));
    }
  return events;
}

const engines = [
  ['duckdb', runOnDuckDb],
  ['clickhouse', runOnClickHouse],
] as const;

describe('running the radar', () => {
  const events = shiftingBusiness();

  it.each(engines)('finds and explains a shift on %s', async (dialect, run) => {
    const db = { dialect, query: (sql: string, params = {}) => run(events, { sql, params }) } as never;
    const report: ShiftRadarReport = await runShiftRadarOn(db, fixtureSource, { maximumShifts: 1 });
    expect(report.shifts).toHaveLength(1);
    expect(
      Math.abs(Date.parse(report.shifts[0]?.date as string) - (FIXTURE_START + SHIFT_DAY * DAY)),
    ).toBeLessThanOrEqual(3 * DAY);
    const material = report.findings.filter((f) => f.material);
    const mix = material.find((f) => f.kind === 'channel_mix');
    expect([mix?.subject, mix?.before, mix?.after]).toEqual(['store', 1, 0]);
    expect(material.some((f) => f.kind === 'level' && f.metric === 'contacts' && f.direction === 'up')).toBe(
      true,
    );
    // without valuations every customer is valued by past revenue
    expect(report.findings.every((f) => f.valueBasis === 'past_revenue')).toBe(true);
  });

  it('gives the same findings on both engines for given periods', async () => {
    const definition = {
      periods: {
        before: {
          from: new Date(FIXTURE_START + 14 * DAY).toISOString(),
          to: new Date(FIXTURE_START + 42 * DAY).toISOString(),
        },
        after: {
          from: new Date(FIXTURE_START + 42 * DAY).toISOString(),
          to: new Date(FIXTURE_START + 70 * DAY).toISOString(),
        },
      },
    };
    const reports = await Promise.all(
      engines.map(([dialect, run]) =>
        runShiftRadarOn(
          { dialect, query: (sql: string, params = {}) => run(events, { sql, params }) } as never,
          fixtureSource,
          definition,
        ),
      ),
    );
    const [duck, click] = reports.map((r) =>
      r.findings.map((f) => [f.kind, f.metric, f.subject, f.effectSize, f.pValue, f.valueAtStake]),
    );
    expect(click?.length).toBe(duck?.length);
    for (const [i, row] of (duck ?? []).entries())
      for (const [j, cell] of row.entries()) {
        const other = (click?.[i] ?? [])[j];
        if (typeof cell === 'number') expect(other as number).toBeCloseTo(cell, 9);
        else expect(other).toBe(cell);
      }
  });
});

describe('the radar definition', () => {
  it('fills in the stated defaults', () => {
    const settings = parseShiftRadarDefinition({});
    expect(settings.penalty).toEqual({ kind: 'mbic' });
    expect(settings.thresholds).toEqual({
      alpha: 0.05,
      cramersV: 0.1,
      relativeChange: 0.1,
      kolmogorovSmirnovDistance: 0.1,
      transitionDistance: 0.1,
    });
    expect([
      settings.windowDays,
      settings.gapDays,
      settings.minimumSegmentWeeks,
      settings.persistenceDays,
      settings.maximumShifts,
    ]).toEqual([28, 3, 2, 28, 5]);
    expect(settings.breakdowns).toEqual([{ kind: 'segment' }, { kind: 'value_tier' }]);
  });

  it('names the field at fault', () => {
    expect(() => parseShiftRadarDefinition({ thresholds: { cramersV: 2 } })).toThrow(/thresholds\.cramersV/);
    expect(() => parseShiftRadarDefinition({ series: ['sales'] })).toThrow(/series\.0/);
    expect(() =>
      parseShiftRadarDefinition({ range: { from: 'yesterday', to: '2026-01-01T00:00:00Z' } }),
    ).toThrow(/range\.from is not an ISO 8601 date-time/);
    expect(() => parseShiftRadarDefinition({ colour: 'red' })).toThrow(/shift radar definition/);
  });
});
