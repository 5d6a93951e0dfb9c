/**
 * The measurement statements computed on plain events: the reference their SQL is tested against, and
 * what the radar uses on events held in memory.
 * @module
 */

import type { JourneyEvent } from '../../sql/journey-events.ts';
import { BROWSING_STAGES, selectSeries } from '../series/catalogue.ts';
import { DAY_MS } from '../sql-parts.ts';
import { baseLookback } from './batch-parts.ts';
import { CUSTOMER_BASE } from './period-sql.ts';
import { type ComparedPeriods, checkPeriods } from './periods.ts';
import type {
  CellFacts,
  DistributionRow,
  PeriodName,
  SeriesCustomers,
  TransitionRow,
} from './read-measurements.ts';

/** The plain counterpart of `MeasureQuery`: breakdown cells and CLVs by profile. */
export interface PlainMeasureQuery {
  periods: ComparedPeriods;
  cellOf?: ReadonlyMap<string, string>;
  clvOf?: ReadonlyMap<string, number | null>;
  historyDays?: number;
  /** When the data begins: see `MeasureQuery.historyFrom`. */
  historyFrom?: number;
}

const isOrder = (e: JourneyEvent) => e.action === 'order_completed';
const browses = (e: JourneyEvent) => (BROWSING_STAGES as readonly string[]).includes(e.stage ?? '');

function periodOf(periods: ComparedPeriods, ts: number): PeriodName | null {
  if (ts >= periods.before.from && ts < periods.before.to) return 'before';
  if (ts >= periods.after.from && ts < periods.after.to) return 'after';
  return null;
}

/** Each customer's events in each period, in time order (ties by stage name, as the SQL orders them). */
function journeys(events: readonly JourneyEvent[], query: PlainMeasureQuery) {
  checkPeriods(query.periods);
  const byCustomer = new Map<string, { period: PeriodName; profileId: string; events: JourneyEvent[] }>();
  for (const e of events) {
    const period = periodOf(query.periods, e.ts);
    if (!period) continue;
    const id = `${period}\u0000${e.profileId}`;
    const journey = byCustomer.get(id) ?? { period, profileId: e.profileId, events: [] };
    byCustomer.set(id, journey);
    journey.events.push(e);
  }
  for (const j of byCustomer.values())
    j.events.sort((a, b) => a.ts - b.ts || (a.stage ?? '').localeCompare(b.stage ?? ''));
  return [...byCustomer.values()];
}

function tally<T extends object>(map: Map<string, T>, key: string, fresh: () => T): T {
  const found = map.get(key);
  if (found) return found;
  const made = fresh();
  map.set(key, made);
  return made;
}

/** Each customer's value, CLV or else past revenue, and whether it came from past revenue. */
function valuer(events: readonly JourneyEvent[], query: PlainMeasureQuery) {
  const historyFrom = query.periods.before.from - (query.historyDays ?? 365) * DAY_MS;
  const pastRevenue = new Map<string, number>();
  for (const e of events)
    if (isOrder(e) && e.revenue !== null && e.ts >= historyFrom && e.ts < query.periods.before.from)
      pastRevenue.set(e.profileId, (pastRevenue.get(e.profileId) ?? 0) + e.revenue);
  return (profileId: string) => {
    const clv = query.clvOf?.get(profileId) ?? null;
    return { value: clv ?? pastRevenue.get(profileId) ?? 0, byRevenue: clv === null };
  };
}

const cellOf = (query: PlainMeasureQuery, profileId: string) =>
  query.cellOf ? (query.cellOf.get(profileId) ?? '(none)') : 'all';

/** The rows of `channelTableByPeriod`, from plain events. */
export function channelTableOf(events: readonly JourneyEvent[], query: PlainMeasureQuery): CellFacts[] {
  const worthOf = valuer(events, query);
  const cells = new Map<string, CellFacts>();
  for (const j of journeys(events, query)) {
    const orders = new Map<string, number>();
    for (const e of j.events) if (isOrder(e)) orders.set(e.channel, (orders.get(e.channel) ?? 0) + 1);
    const [orderChannel] = [...orders].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0] ?? [''];
    const facts = {
      period: j.period,
      cell: cellOf(query, j.profileId),
      orderChannel,
      browsed: j.events.some(browses),
      bought: orders.size > 0,
      contacted: j.events.some((e) => e.stage === 'get_help'),
    };
    const key = JSON.stringify(facts);
    const row = tally(cells, key, () => ({ ...facts, customers: 0, value: 0, valuedByRevenue: 0 }));
    const { value, byRevenue } = worthOf(j.profileId);
    row.customers++;
    row.value += value;
    if (byRevenue) row.valuedByRevenue++;
  }
  return [...cells.values()];
}

/** The rows of `customersBySeries`, from plain events. */
export function customersBySeriesOf(
  events: readonly JourneyEvent[],
  query: PlainMeasureQuery,
  names?: readonly string[],
): SeriesCustomers[] {
  const worthOf = valuer(events, query);
  const counted = selectSeries(names).filter((s) => s.perCustomer);
  const rows = new Map<string, SeriesCustomers>();
  const count = (period: PeriodName, profileId: string, series: string, key: string, days: number) => {
    const cell = cellOf(query, profileId);
    const row = tally(rows, [period, cell, series, key].join('\u0000'), () => ({
      period,
      cell,
      series,
      key,
      customers: 0,
      value: 0,
      valuedByRevenue: 0,
      activeDays: 0,
      activeDaysSquared: 0,
    }));
    const { value, byRevenue } = worthOf(profileId);
    row.customers++;
    row.value += value;
    if (byRevenue) row.valuedByRevenue++;
    row.activeDays += days;
    row.activeDaysSquared += days * days;
  };
  for (const j of journeys(events, query))
    for (const s of counted) {
      const days = new Map<string, Set<number>>();
      for (const e of j.events) {
        if (!s.perCustomer?.test(e)) continue;
        const key = s.perCustomer.keyOf(e);
        days.set(key, (days.get(key) ?? new Set<number>()).add(Math.floor(e.ts / DAY_MS)));
      }
      for (const [key, active] of days) count(j.period, j.profileId, s.name, key, active.size);
    }
  const lookback = baseLookback(query, query.periods.before.from);
  for (const period of ['before', 'after'] as const) {
    const start = query.periods[period].from;
    const base = new Set(
      events.filter((e) => e.ts >= start - lookback && e.ts < start).map((e) => e.profileId),
    );
    for (const profileId of base) count(period, profileId, CUSTOMER_BASE, '', 1);
  }
  return [...rows.values()];
}

/** The rows of `transitionsByPeriod`, from plain events. */
export function transitionsOf(events: readonly JourneyEvent[], query: PlainMeasureQuery): TransitionRow[] {
  const steps = new Map<string, TransitionRow>();
  for (const j of journeys(events, query)) {
    const stages: string[] = [];
    for (const e of j.events)
      if (e.stage !== null && e.stage !== stages[stages.length - 1]) stages.push(e.stage);
    if (stages.length === 0) continue;
    const cell = cellOf(query, j.profileId);
    const path = ['(start)', ...stages, stages.includes('buy') ? '(conversion)' : '(null)'];
    for (let i = 1; i < path.length; i++) {
      const [from, to] = [path[i - 1] as string, path[i] as string];
      const key = [j.period, cell, from, to].join('\u0000');
      tally(steps, key, () => ({ period: j.period, cell, from, to, journeys: 0 })).journeys++;
    }
  }
  return [...steps.values()];
}

/** The rows of `distributionsByPeriod`, from plain events. */
export function distributionsOf(
  events: readonly JourneyEvent[],
  query: PlainMeasureQuery,
): DistributionRow[] {
  const counts = new Map<string, DistributionRow>();
  const add = (period: PeriodName, cell: string, measure: DistributionRow['measure'], value: number) =>
    tally(counts, [period, cell, measure, value].join('\u0000'), () => ({
      period,
      cell,
      measure,
      value,
      observations: 0,
    })).observations++;
  for (const j of journeys(events, query)) {
    const cell = cellOf(query, j.profileId);
    for (const e of j.events)
      if (isOrder(e) && e.revenue !== null) add(j.period, cell, 'basket', Math.floor(e.revenue));
    const firstBrowse = j.events.find(browses)?.ts;
    if (firstBrowse === undefined) continue;
    const firstOrder = j.events.find((e) => isOrder(e) && e.ts >= firstBrowse)?.ts;
    if (firstOrder !== undefined)
      add(j.period, cell, 'hours_to_convert', Math.floor((firstOrder - firstBrowse) / 3_600_000));
  }
  return [...counts.values()];
}
