import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeShift, resolveDemoOptions } from '../src/demo/index.ts';
import { rebuildIdentity } from '../src/identity/store/index.ts';
import type { Finding } from '../src/journeys/shift-radar/index.ts';
import { runShiftRadar, runShiftRadarOn, type ShiftRadarReport } from '../src/journeys/shift-radar/index.ts';
import { ensureJourneyEvents } from '../src/journeys/sources/index.ts';
import { fixtureSource } from '../src/journeys/testing/engines.ts';
import { openDuckDBStore } from '../src/store/duckdb/duckdb-store.ts';
import type { Store } from '../src/store/port.ts';
import { refreshCustomerValues } from '../src/value/index.ts';
import { storeDemoWithTruth } from './support/demo-store.ts';
import { temporaryDataDir } from './support/panorama.ts';
import { demoJourneyEvents } from './support/shift-demo-events.ts';
import { openFixtureDb } from './support/shift-fixture-db.ts';

const DAY = 86_400_000;
const end = new Date('2026-11-01');
/** Enough customers for the shift's smaller effects (contacts) to clear the gate after every correction. */
const customers = 1000;

const material = (report: ShiftRadarReport) => report.findings.filter((f) => f.material);
const days = (a: string, b: string) => Math.abs(Date.parse(a) - Date.parse(b)) / DAY;

/** Channels a material finding says moved, with the direction: the subject of a level, every channel of a mix. */
function channelMoves(findings: readonly Finding[]): Set<string> {
  const moves = new Set<string>();
  for (const f of findings) {
    if (f.kind === 'level' && ['orders_by_channel', 'active_customers'].includes(f.metric))
      moves.add(`${f.subject} ${f.direction}`);
    if (f.kind === 'channel_mix')
      for (const c of f.details.channels as { channel: string; before: number; after: number }[])
        moves.add(`${c.channel} ${c.after > c.before ? 'up' : 'down'}`);
  }
  return moves;
}

describe('the shift radar on the demo business', () => {
  const data = temporaryDataDir();
  let store: Store;
  let report: ShiftRadarReport;
  const truth = describeShift(resolveDemoOptions({ customers, seed: 11, end }));

  beforeAll(async () => {
    store = await openDuckDBStore(data.dir);
    await storeDemoWithTruth(store, { customers, seed: 11, end });
    await rebuildIdentity(store);
    await refreshCustomerValues(store, 'default', { asOf: end });
    await ensureJourneyEvents(store, 'default');
    report = await runShiftRadar(store, { workspace: 'default' });
    const found = report.shifts.map((s) => `${s.date.slice(0, 10)} (${s.seriesCount} series)`).join(', ');
    console.info(
      `store-backed run, ${customers} customers: truth ${truth.date.slice(0, 10)}; shifts ${found}`,
    );
    for (const f of material(report).slice(0, 12)) console.info(`  ${f.summary.en}`);
  }, 240_000);

  afterAll(async () => {
    await store?.close();
    data.remove();
  });

  it('finds the shift within 3 days of its true date', () => {
    const nearest = Math.min(...report.shifts.map((s) => days(s.date, truth.date)));
    expect(nearest).toBeLessThanOrEqual(3);
    expect(material(report).some((f) => days(f.since, truth.date) <= 3)).toBe(true);
  });

  it('names the shifted channels: shop orders down, web and app up', () => {
    const atShift = material(report).filter((f) => days(f.since, truth.date) <= 3);
    const moves = channelMoves(atShift);
    for (const move of ['store down', 'web up', 'app up']) expect(moves).toContain(move);
  });

  it('names the shifted stages: buy, and get_help or discover', () => {
    const stages = new Set(
      material(report)
        .filter((f) => days(f.since, truth.date) <= 3)
        .map((f) => f.stage),
    );
    expect(stages).toContain('buy');
    expect(stages.has('get_help') || stages.has('discover')).toBe(true);
    const truthStages = truth.stages.map((s) => s.stage);
    for (const stage of ['buy', 'discover']) expect(truthStages).toContain(stage);
  });

  it('weighs every finding by customer value and ranks the biggest value at stake first', () => {
    const found = material(report);
    expect(found.length).toBeGreaterThan(0);
    for (let i = 1; i < found.length; i++)
      expect((found[i - 1] as Finding).valueAtStake).toBeGreaterThanOrEqual(
        (found[i] as Finding).valueAtStake,
      );
    expect(
      found.every((f) => f.valueAtStake >= 0 && f.summary.fr.length > 0 && f.summary.en.length > 0),
    ).toBe(true);
    // the store holds valuations, so findings are valued by CLV (past revenue stands in where CLV is missing)
    expect(found.every((f) => f.valueBasis !== 'past_revenue')).toBe(true);
    // broken down by the workspace's RFM segments and value tiers
    const breakdowns = new Set(found.flatMap((f) => f.segmentsMostAffected.map((c) => c.breakdown)));
    expect([...breakdowns].sort()).toEqual(['segment', 'value_tier']);
  });

  it('raises no finding above the default thresholds on the year before the shift, and dates the shift, over several seeds', async () => {
    const lines: string[] = [];
    for (const seed of [1, 2, 3]) {
      const events = demoJourneyEvents({ customers, seed, end });
      const truthAt = describeShift(resolveDemoOptions({ customers, seed, end })).date;
      const db = await openFixtureDb(events);
      try {
        const whole = await runShiftRadarOn(db, fixtureSource, {});
        const nearest = whole.shifts.reduce((a, b) =>
          days(b.date, truthAt) < days(a.date, truthAt) ? b : a,
        );
        const quiet = await runShiftRadarOn(db, fixtureSource, {
          range: {
            from: new Date(end.getTime() - 730 * DAY).toISOString(),
            to: new Date(Date.parse(truthAt) - 7 * DAY).toISOString(),
          },
        });
        const alarms = material(quiet);
        lines.push(
          `seed ${seed}: truth ${truthAt.slice(0, 10)}, detected ${nearest.date.slice(0, 10)}; ` +
            `before it: ${quiet.shifts.length} changes measured, ${alarms.length} false alarms`,
        );
        for (const f of alarms) console.info(`  false alarm, seed ${seed}: ${f.summary.en}`);
        expect(days(nearest.date, truthAt)).toBeLessThanOrEqual(3);
        expect(alarms).toEqual([]);
      } finally {
        db.close();
      }
    }
    console.info(lines.join('\n'));
  }, 180_000);
});
