/**
 * The series the radar watches. Each entry says what it counts, in SQL and in plain TypeScript (the
 * reference the SQL is tested against), so a new series (sentiment, contact reasons, once the listening
 * work puts them in journey_events) is one more entry here.
 * @module
 */
import type { SqlDialect } from '../../sql/dialect.ts';
import { asDouble } from '../sql-parts.ts';

/** How a series is modelled: counts (Poisson), shares of trials (binomial), amounts (normal). */
export type SeriesKind = 'count' | 'share' | 'amount';

/** One event of the range, with the index of its day (0 = the range's first day). */
export interface BucketedEvent {
  profileId: string;
  bucket: number;
  channel: string;
  action: string;
  stage: string | null;
  revenue: number | null;
}

/** One value of one series on one day; `trials` is 0 except for shares. */
export interface SeriesRow {
  series: string;
  key: string;
  bucket: number;
  value: number;
  trials: number;
}

/** A series the radar can watch. */
export interface SeriesDefinition {
  name: string;
  kind: SeriesKind;
  description: string;
  /** What the key names: one series per channel, per stage, or a single series. */
  keyedBy: 'channel' | 'stage' | 'none';
  /** A SELECT over the CTE `bucketed` answering (series, key, bucket, value, trials). */
  sql?(dialect: SqlDialect): string;
  /**
   * Or: a filtered aggregate, computed with every other aggregate keyed the same way in one pass over the
   * events (`value`), with the count of the events it reads (`present`, a row is answered when it is > 0)
   * and the condition on the events it reads (`where`: events matching none of a pass's are not read).
   */
  aggregate?(dialect: SqlDialect): { value: string; present: string; where: string };
  /** The same rows from plain events. */
  compute?(events: readonly BucketedEvent[]): SeriesRow[];
  /** Or: rows computed from the rows of the series named in `from`. */
  derive?: { from: readonly string[]; compute(rows: readonly SeriesRow[]): SeriesRow[] };
  /**
   * For counts: which events make a customer count in this series, so that a level change can be tested
   * on customers rather than on events (one busy customer is not a trend). Its key is the series' `keyedBy`.
   */
  perCustomer?: {
    whereSql: string;
    test(e: EventFields): boolean;
    keyOf(e: EventFields): string;
  };
}

/** The fields of an event a series filters and keys on. */
export type EventFields = Pick<BucketedEvent, 'channel' | 'action' | 'stage' | 'revenue'>;

const ORDER = 'order_completed';
/** Stages where a customer is shopping around, the denominator of conversion. */
export const BROWSING_STAGES = ['discover', 'consider'] as const;
const BROWSES_SQL = `stage IN (${BROWSING_STAGES.map((s) => `'${s}'`).join(', ')})`;
const isOrder = (e: EventFields) => e.action === ORDER;
const browses = (e: EventFields) => (BROWSING_STAGES as readonly string[]).includes(e.stage ?? '');

interface Aggregation {
  name: string;
  kind: SeriesKind;
  description: string;
  keyedBy: 'channel' | 'stage' | 'none';
  where: { sql: string; test: (e: EventFields) => boolean };
  measure: 'events' | 'customers' | 'revenue';
}

/** A series of events, distinct customers or revenue per day (and per key), filtered. */
function aggregation(a: Aggregation): SeriesDefinition {
  const where = a.where.sql;
  const filtered = {
    duckdb: {
      events: `count(*) FILTER (WHERE ${where})`,
      customers: `count(DISTINCT profile_id) FILTER (WHERE ${where})`,
      revenue: `sum(revenue) FILTER (WHERE ${where})`,
    },
    clickhouse: {
      events: `countIf(${where})`,
      customers: `uniqExactIf(profile_id, ${where})`,
      revenue: `sumIf(revenue, ${where})`,
    },
  };
  const keyOf = (e: EventFields) => (a.keyedBy === 'none' ? '' : (e[a.keyedBy] ?? ''));
  return {
    name: a.name,
    kind: a.kind,
    description: a.description,
    keyedBy: a.keyedBy,
    ...(a.kind === 'count' ? { perCustomer: { whereSql: a.where.sql, test: a.where.test, keyOf } } : {}),
    aggregate: (dialect) => ({
      value: asDouble(filtered[dialect][a.measure]),
      present: filtered[dialect].events,
      where,
    }),
    compute: (events) => {
      const cells = new Map<string, { key: string; bucket: number; value: number; seen: Set<string> }>();
      for (const e of events) {
        if (!a.where.test(e) || (a.measure === 'revenue' && e.revenue === null)) continue;
        const key = keyOf(e);
        const id = `${key}\u0000${e.bucket}`;
        const cell = cells.get(id) ?? { key, bucket: e.bucket, value: 0, seen: new Set<string>() };
        cells.set(id, cell);
        if (a.measure === 'events') cell.value++;
        else if (a.measure === 'revenue') cell.value += e.revenue as number;
        else cell.seen.add(e.profileId);
      }
      return [...cells.values()].map((c) => ({
        series: a.name,
        key: c.key,
        bucket: c.bucket,
        value: a.measure === 'customers' ? c.seen.size : c.value,
        trials: 0,
      }));
    },
  };
}

const ordersWhere = { sql: `action = '${ORDER}'`, test: isOrder };

/** Every series the radar knows, in the order it reports them. */
export const seriesCatalogue: readonly SeriesDefinition[] = [
  aggregation({
    name: 'orders',
    kind: 'count',
    description: 'orders completed per day, all channels',
    keyedBy: 'none',
    where: ordersWhere,
    measure: 'events',
  }),
  aggregation({
    name: 'revenue',
    kind: 'amount',
    description: 'revenue of the orders completed per day',
    keyedBy: 'none',
    where: ordersWhere,
    measure: 'revenue',
  }),
  aggregation({
    name: 'orders_by_channel',
    kind: 'count',
    description: 'orders completed per day in each channel',
    keyedBy: 'channel',
    where: ordersWhere,
    measure: 'events',
  }),
  {
    name: 'channel_share',
    kind: 'share',
    description: "each channel's share of the day's orders",
    keyedBy: 'channel',
    derive: { from: ['orders', 'orders_by_channel'], compute: channelShares },
  },
  aggregation({
    name: 'active_customers',
    kind: 'count',
    description:
      'customers with an event at some journey stage per day in each channel (not identifies nor e-mails sent)',
    keyedBy: 'channel',
    where: { sql: 'stage IS NOT NULL', test: (e) => e.stage !== null },
    measure: 'customers',
  }),
  aggregation({
    name: 'contacts',
    kind: 'count',
    description: 'requests for help (stage get_help) per day in each channel',
    keyedBy: 'channel',
    where: { sql: "stage = 'get_help'", test: (e) => e.stage === 'get_help' },
    measure: 'events',
  }),
  aggregation({
    name: 'stage_customers',
    kind: 'count',
    // customers, not events: one session fires a burst of page views, which would read as a change
    description: 'customers per day reaching each journey stage (about the sessions that reach it)',
    keyedBy: 'stage',
    where: { sql: 'stage IS NOT NULL', test: (e) => e.stage !== null },
    measure: 'customers',
  }),
  {
    name: 'conversion',
    kind: 'share',
    description: 'share of the customers browsing (discover or consider) on a day who ordered that day',
    keyedBy: 'none',
    sql: () =>
      `SELECT 'conversion' AS series, '' AS key, bucket, ${asDouble('sum(bought)')} AS value, ` +
      `${asDouble('count(*)')} AS trials FROM (SELECT bucket, profile_id, ` +
      `max(CASE WHEN action = '${ORDER}' THEN 1 ELSE 0 END) AS bought FROM bucketed WHERE ${BROWSES_SQL} OR action = '${ORDER}' GROUP BY bucket, profile_id ` +
      `HAVING max(CASE WHEN ${BROWSES_SQL} THEN 1 ELSE 0 END) = 1) ` +
      'AS browsers GROUP BY bucket',
    compute: conversionRows,
  },
];

function channelShares(rows: readonly SeriesRow[]): SeriesRow[] {
  const totals = new Map<number, number>();
  const counts = new Map<string, Map<number, number>>();
  for (const r of rows) {
    if (r.series === 'orders') totals.set(r.bucket, r.value);
    if (r.series !== 'orders_by_channel') continue;
    const days = counts.get(r.key) ?? new Map<number, number>();
    counts.set(r.key, days.set(r.bucket, r.value));
  }
  // a day with orders but none in a channel is a share of 0 out of that day's orders, not a missing point
  return [...counts].flatMap(([key, days]) =>
    [...totals].map(([bucket, trials]) => ({
      series: 'channel_share',
      key,
      bucket,
      value: days.get(bucket) ?? 0,
      trials,
    })),
  );
}

function conversionRows(events: readonly BucketedEvent[]): SeriesRow[] {
  const customers = new Map<string, { bucket: number; browsed: boolean; bought: boolean }>();
  for (const e of events) {
    const id = `${e.bucket}\u0000${e.profileId}`;
    const c = customers.get(id) ?? { bucket: e.bucket, browsed: false, bought: false };
    customers.set(id, c);
    c.browsed ||= browses(e);
    c.bought ||= isOrder(e);
  }
  const days = new Map<number, SeriesRow>();
  for (const c of customers.values()) {
    if (!c.browsed) continue;
    const row = days.get(c.bucket) ?? {
      series: 'conversion',
      key: '',
      bucket: c.bucket,
      value: 0,
      trials: 0,
    };
    days.set(c.bucket, row);
    row.trials++;
    if (c.bought) row.value++;
  }
  return [...days.values()];
}

/** The catalogue entries named, with the entries they derive from; all of them when none are named. */
export function selectSeries(names?: readonly string[]): SeriesDefinition[] {
  if (!names || names.length === 0) return [...seriesCatalogue];
  const unknown = names.filter((n) => !seriesCatalogue.some((s) => s.name === n));
  if (unknown.length > 0)
    throw new RangeError(
      `unknown series ${unknown.join(', ')}; known: ${seriesCatalogue.map((s) => s.name).join(', ')}`,
    );
  const wanted = new Set(names);
  for (const s of seriesCatalogue)
    if (wanted.has(s.name)) for (const f of s.derive?.from ?? []) wanted.add(f);
  return seriesCatalogue.filter((s) => wanted.has(s.name));
}
