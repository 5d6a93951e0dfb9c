/**
 * The shift radar end to end on a store: series in SQL, changes found, the periods either side measured
 * in SQL per breakdown, and the ranked findings.
 * @module
 */
import type { Store } from '../../store/port.ts';
import { breakdownSource, type ProfileBreakdown, profileValueSource } from '../sources/breakdown.ts';
import { journeySource } from '../sources/journey-source.ts';
import type { SqlStatement } from '../sql/dialect.ts';
import {
  parseShiftRadarDefinition,
  type ShiftRadarDefinitionBody,
  type ShiftRadarSettings,
} from './definition.ts';
import { findShifts } from './detect/find-shifts.ts';
import type { DetectedShift } from './detect/group-changes.ts';
import { type WatchAlert, watchSeries } from './detect/watch-series.ts';
import { compareChannelMix, compareRate } from './findings/compare-customers.ts';
import { compareDistribution, compareJourneys } from './findings/compare-journeys.ts';
import { compareLevel } from './findings/compare-levels.ts';
import type { Comparison, Finding } from './findings/finding.ts';
import { type MeasuredBreakdown, type Thresholds, valueBasisOf } from './findings/measured.ts';
import { type ComparedChange, rankFindings } from './findings/rank-findings.ts';
import { measureShifts } from './measure/measure-shifts.ts';
import { type ComparedPeriods, periodsAround } from './measure/periods.ts';
import { seriesCatalogue } from './series/catalogue.ts';
import { readSeries, weeklySums } from './series/read-series.ts';
import { buildSeriesQuery, type DayRange } from './series/series-query.ts';
import { DAY_MS, epochMs } from './sql-parts.ts';

type Db = Pick<Store, 'dialect' | 'query'>;

/** Where the profile side of a run comes from: breakdown groups and values. */
export interface RadarProfiles {
  /** The (profile_id, breakdown) SELECT of a breakdown; without it findings are not broken down. */
  breakdown?: (by: ProfileBreakdown) => SqlStatement;
  /** The (profile_id, clv) SELECT; without it customers are valued by their past 12 months' revenue. */
  values?: SqlStatement;
}

/** What a run found. */
export interface ShiftRadarReport {
  range: { from: string; to: string };
  penalty: string;
  /** Shifts found by PELT (empty when periods were given), each with the series that moved. */
  shifts: {
    date: string;
    seriesCount: number;
    changes: { series: string; key: string; date: string; levelBefore: number; levelAfter: number }[];
  }[];
  /** Changes undone within the persistence days (campaigns, survey waves): reported, not measured. */
  pulses: { series: string; key: string; from: string; to: string }[];
  /** Alerts the online detector would have raised on the weekly series. */
  alerts: (Omit<WatchAlert, 'raisedAt' | 'changeAt'> & { raisedAt: string; changeAt: string | null })[];
  findings: Finding[];
  thresholds: Thresholds;
}

const iso = (ms: number) => new Date(ms).toISOString();
const breakdownName = (b: ProfileBreakdown) => (b.kind === 'trait' ? `trait:${b.trait}` : b.kind);

/**
 * Runs the radar for a workspace of a store whose `journey_events` is materialised (see
 * `ensureJourneyEvents`): breakdowns and values from the workspace's profiles.
 *
 * @example
 * const report = await runShiftRadar(store, { workspace: 'default' });
 * for (const f of report.findings.filter((f) => f.material)) console.log(f.summary.en);
 */
export function runShiftRadar(
  db: Db,
  options: ShiftRadarDefinitionBody & { workspace: string },
): Promise<ShiftRadarReport> {
  const { workspace, ...definition } = options;
  return runShiftRadarOn(db, journeySource(db.dialect, workspace), definition, {
    breakdown: (by) => breakdownSource(db.dialect, workspace, by),
    values: profileValueSource(db.dialect, workspace),
  });
}

/**
 * Runs the radar over any `journey_events` SELECT: daily series, changes (weekly PELT dated to the day,
 * BOCPD alerts on weekly sums), the periods either side of each shift (or the given ones) measured per
 * breakdown, and the findings gated and ranked.
 */
export async function runShiftRadarOn(
  db: Db,
  source: SqlStatement,
  definition: unknown,
  profiles: RadarProfiles = {},
): Promise<ShiftRadarReport> {
  const settings = parseShiftRadarDefinition(definition);
  const span = await dataSpan(db, source);
  const range = settings.range ?? span;
  const seriesQuery = buildSeriesQuery(source, range, settings.series, db.dialect);
  const rows = await db.query(seriesQuery.sql, seriesQuery.params);
  const series = readSeries(rows, range, settings.series);
  const { shifts, pulses } = settings.periods ? { shifts: [], pulses: [] } : findShifts(series, settings);
  const compared = comparedPeriods(settings, shifts, range);
  const groupsOf = profiles.breakdown;
  const breakdowns = groupsOf
    ? settings.breakdowns.map((b) => ({ name: breakdownName(b), statement: groupsOf(b) }))
    : [];
  const measured = await measureShifts(db, source, {
    periods: compared.map((c) => c.periods),
    breakdowns,
    values: profiles.values,
    series: settings.series,
    historyFrom: span.from,
  });
  const changes: ComparedChange[] = compared.map(({ since, periods, shift }, i) => {
    const m = measured[i] ?? [];
    return {
      since,
      periods,
      comparisons: compareAll(levelsToCompare(shift, m), periods, m, settings.thresholds),
      primaryBreakdown: m[0]?.breakdown ?? 'all',
      valueBasis: valueBasisOf(m),
      positionsSearched: shift ? Math.max(1, Math.floor((range.to - range.from) / (7 * DAY_MS))) : 1,
    };
  });
  return {
    range: { from: iso(range.from), to: iso(range.to) },
    penalty: shifts[0]?.changes[0]?.penalty ?? settings.penalty.kind,
    shifts: shifts.map((s) => ({
      date: iso(s.date),
      seriesCount: s.seriesCount,
      changes: s.changes.map((c) => ({
        series: c.series,
        key: c.key,
        date: iso(c.date),
        levelBefore: c.levelBefore,
        levelAfter: c.levelAfter,
      })),
    })),
    pulses: pulses.map((p) => ({ ...p, from: iso(p.from), to: iso(p.to) })),
    alerts: series
      .flatMap((s) => watchSeries(weeklySums(s)))
      .map((a) => ({
        ...a,
        raisedAt: iso(a.raisedAt),
        changeAt: a.changeAt === null ? null : iso(a.changeAt),
      })),
    findings: rankFindings(changes, settings.thresholds),
    thresholds: settings.thresholds,
  };
}

/** The periods to compare: the given ones, or windows either side of each shift, never across another. */
function comparedPeriods(settings: ShiftRadarSettings, shifts: readonly DetectedShift[], range: DayRange) {
  if (settings.periods)
    return [{ since: settings.periods.after.from, periods: settings.periods, shift: null }];
  // two weeks at least: a fortnightly newsletter must fall in each period
  return shifts
    .map((shift, i) => {
      const limits = { from: shifts[i - 1]?.date ?? range.from, to: shifts[i + 1]?.date ?? range.to };
      const periods = periodsAround(shift.date, settings, limits);
      return { since: shift.date, periods, shift };
    })
    .filter(
      ({ periods }) =>
        periods.before.to - periods.before.from >= 14 * DAY_MS &&
        periods.after.to - periods.after.from >= 14 * DAY_MS,
    );
}

/**
 * The count series whose level is compared: those that moved at the shift (a share or an amount stands for
 * the counts behind it: a channel's share for its orders, revenue for orders), or every count series and
 * key measured when the periods were given.
 */
export function levelsToCompare(
  shift: DetectedShift | null,
  measured: readonly MeasuredBreakdown[],
): { name: string; key: string }[] {
  const counted = (name: string) => seriesCatalogue.find((s) => s.name === name)?.perCustomer !== undefined;
  const stand: Record<string, string> = { channel_share: 'orders_by_channel', revenue: 'orders' };
  const pairs = shift
    ? shift.changes.map((c) => ({ name: stand[c.series] ?? c.series, key: c.key }))
    : (measured[0]?.seriesCustomers ?? []).map((r) => ({ name: r.series, key: r.key }));
  const seen = new Map(pairs.filter((p) => counted(p.name)).map((p) => [`${p.name}\u0000${p.key}`, p]));
  return [...seen.values()];
}

/** Every comparison of one pair of periods. */
export function compareAll(
  levels: readonly { name: string; key: string }[],
  periods: ComparedPeriods,
  measured: readonly MeasuredBreakdown[],
  thresholds: Thresholds,
): Comparison[] {
  return [
    compareChannelMix(measured, thresholds),
    compareRate(measured, 'conversion', thresholds),
    compareRate(measured, 'contact_rate', thresholds),
    compareJourneys(measured, thresholds),
    compareDistribution(measured, 'basket', thresholds),
    compareDistribution(measured, 'hours_to_convert', thresholds),
    ...levels.map((s) => compareLevel(s, periods, measured, thresholds)),
  ].filter((c): c is Comparison => c !== null);
}

async function dataSpan(db: Db, source: SqlStatement): Promise<DayRange> {
  const ms = epochMs(db.dialect);
  const [row] = await db.query(
    `WITH journey_events AS (${source.sql}) SELECT min(${ms}) AS first, max(${ms}) AS last FROM journey_events`,
    source.params,
  );
  const first = Number(row?.first);
  const last = Number(row?.last);
  if (!Number.isFinite(first) || !Number.isFinite(last))
    throw new RangeError('there are no journey events to watch');
  return { from: first, to: last + 1 };
}
