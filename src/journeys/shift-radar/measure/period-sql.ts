/**
 * The statements that measure the periods either side of every shift at once, per customer and per
 * breakdown cell: the customer facts behind channel mix, conversion and contact rates
 * (`channelTableByPeriod`), the stage-to-stage steps of each customer's journey (`transitionsByPeriod`),
 * order baskets and times to convert (`distributionsByPeriod`), and the customers of each count series
 * (`customersBySeries`). Rows carry the shift's index and the breakdown's name; each statement answers a
 * few thousand rows at most, whatever the number of events.
 * @module
 */
import type { SqlDialect, SqlStatement } from '../../sql/dialect.ts';
import { BROWSING_STAGES, selectSeries } from '../series/catalogue.ts';
import { asDouble, DAY_MS, epochMs } from '../sql-parts.ts';
import {
  baseLookback,
  commonParts,
  dayOf,
  finish,
  type MeasureQuery,
  tallyBody,
  valueParts,
} from './batch-parts.ts';

export type { MeasureQuery, NamedBreakdown } from './batch-parts.ts';

const ORDER = "action = 'order_completed'";
const BROWSING = `stage IN (${BROWSING_STAGES.map((s) => `'${s}'`).join(', ')})`;
/** What identifies one customer's journey in one period of one shift. */
const JOURNEY = 'profile_id, shift, period';

/**
 * Per shift, period, breakdown and cell, customers counted once each by the channel they ordered in most
 * (ties: the first channel by name; '' for those who did not order), whether they browsed (discover or
 * consider), ordered, asked for help, and their summed value: CLV, or past revenue over `historyDays` where
 * CLV is missing (`valued_by_revenue` counts those).
 */
export function channelTableByPeriod(
  source: SqlStatement,
  query: MeasureQuery,
  dialect: SqlDialect,
): SqlStatement {
  const parts = commonParts(query, dialect);
  parts.ctes.push(
    `per_channel AS (SELECT ${JOURNEY}, channel, count(*) AS orders FROM periodised WHERE ${ORDER} GROUP BY ${JOURNEY}, channel)`,
    `main_channel AS (SELECT ${JOURNEY}, channel FROM (SELECT ${JOURNEY}, channel, row_number() OVER (PARTITION BY ${JOURNEY} ORDER BY orders DESC, channel) AS place FROM per_channel) AS ranked WHERE place = 1)`,
    `customers AS (SELECT ${JOURNEY}, max(CASE WHEN ${BROWSING} THEN 1 ELSE 0 END) AS browsed, max(CASE WHEN ${ORDER} THEN 1 ELSE 0 END) AS bought, max(CASE WHEN stage = 'get_help' THEN 1 ELSE 0 END) AS contacted FROM periodised GROUP BY ${JOURNEY})`,
  );
  const { joins, counts } = valueParts(parts, query, 'c');
  const body = tallyBody(parts, {
    from: `customers AS c LEFT JOIN main_channel AS m ON m.shift = c.shift AND m.period = c.period AND m.profile_id = c.profile_id${joins}`,
    alias: 'c',
    facts: [
      ["coalesce(m.channel, '')", 'order_channel'],
      ['c.browsed', 'browsed'],
      ['c.bought', 'bought'],
      ['c.contacted', 'contacted'],
    ],
    sums: counts,
  });
  return finish(source, parts, body);
}

/** The pseudo-series of `customersBySeries` counting each period's customer base. */
export const CUSTOMER_BASE = '(customer_base)';

/**
 * Per shift, period, breakdown, cell, count series and key: the customers with at least one of the series'
 * events in the period, their active days (days with such an event) summed and summed squared, and their
 * summed value. The per-customer counterpart of each count series, which level changes are tested on. The
 * series `(customer_base)` counts the customers with any event in the `historyDays` before each period
 * starts, so that a growing base is not read as a change of behaviour.
 */
export function customersBySeries(
  source: SqlStatement,
  query: MeasureQuery,
  names: readonly string[] | undefined,
  dialect: SqlDialect,
): SqlStatement {
  const parts = commonParts(query, dialect);
  const counted = selectSeries(names).filter((s) => s.perCustomer);
  if (counted.length === 0) throw new RangeError('none of the selected series is a count');
  // one pass flags each customer's days (and channels, stages of the day) with the series they count in
  const keys = (['none', 'channel', 'stage'] as const).filter((k) => counted.some((s) => s.keyedBy === k));
  const grouped = keys.filter((k) => k !== 'none');
  const when = (then: (k: 'channel' | 'stage') => string, otherwise: string) =>
    grouped.length === 0
      ? otherwise
      : `CASE ${grouped.map((k) => `WHEN grouping(${k}) = 0 THEN ${then(k)}`).join(' ')} ELSE ${otherwise} END`;
  const sets = keys.map((k) => `(${JOURNEY}, day${k === 'none' ? '' : `, ${k}`})`).join(', ');
  const flags = counted.map((s, j) => `max(CASE WHEN ${s.perCustomer?.whereSql} THEN 1 ELSE 0 END) AS f${j}`);
  // days without any of the series' events would only make rows no series counts
  const read = [...new Set(counted.map((s) => `(${s.perCustomer?.whereSql})`))].join(' OR ');
  const selects = counted.map(
    (s, j) =>
      `SELECT ${JOURNEY}, '${s.name}' AS series, key, count(*) AS active_days FROM keyed_days WHERE keyed_by = '${s.keyedBy}' AND f${j} = 1 GROUP BY ${JOURNEY}, key`,
  );
  const ms = epochMs(dialect);
  const baseStart = (r: (typeof parts.periodRows)[number]) =>
    r.from - baseLookback(query, query.periods[r.shift]?.before.from ?? r.from);
  // one pass over the events flags, per profile, each period whose base it belongs to
  const bases = parts.periodRows.map(
    (r) =>
      `max(CASE WHEN ms >= ${parts.p.bind(`s${r.shift}_${r.period}_base_from`, baseStart(r), 'Int64')} AND ms < ${parts.p.bind(`s${r.shift}_${r.period}_base_to`, r.from, 'Int64')} THEN 1 ELSE 0 END) AS in${r.index}`,
  );
  const baseFrom = parts.p.bind('base_from', Math.min(...parts.periodRows.map(baseStart)), 'Int64');
  const baseTo = parts.p.bind('base_to', Math.max(...parts.periodRows.map((r) => r.from)), 'Int64');
  const member = `CASE p.idx ${parts.periodRows.map((r) => `WHEN ${r.index} THEN b.in${r.index}`).join(' ')} END`;
  parts.ctes.push(
    `keyed_days AS (SELECT ${JOURNEY}, day, ${when((k) => `'${k}'`, "'none'")} AS keyed_by, ${when((k) => `coalesce(${k}, '')`, "''")} AS key, ${flags.join(', ')} FROM (SELECT ${JOURNEY}, channel, action, stage, ${dayOf(dialect, 'ms')} AS day FROM periodised WHERE ${read}) AS e GROUP BY GROUPING SETS (${sets}))`,
    `bases AS (SELECT profile_id, ${bases.join(', ')} FROM (SELECT profile_id, ${ms} AS ms FROM journey_events WHERE ${ms} >= ${baseFrom} AND ${ms} < ${baseTo}) AS e GROUP BY profile_id)`,
    `counted AS (${selects.join(' UNION ALL ')} UNION ALL SELECT b.profile_id AS profile_id, p.shift AS shift, p.period AS period, '${CUSTOMER_BASE}' AS series, '' AS key, 1 AS active_days FROM bases AS b CROSS JOIN periods AS p WHERE ${member} = 1)`,
  );
  const { joins, counts } = valueParts(parts, query, 's');
  const body = tallyBody(parts, {
    from: `counted AS s${joins}`,
    alias: 's',
    facts: [
      ['s.series', 'series'],
      ['s.key', 'key'],
    ],
    sums: [
      ...counts,
      ['sum(s.active_days)', 'active_days'],
      ['sum(s.active_days * s.active_days)', 'active_days_squared'],
    ],
  });
  return finish(source, parts, body);
}

/**
 * Per shift, period, breakdown and cell, the steps of a first-order chain over stages: each customer's
 * staged events in time order (ties by stage name), consecutive repeats collapsed, from `(start)` to
 * `(conversion)` when the period's journey reached the buy stage, else to `(null)`.
 */
export function transitionsByPeriod(
  source: SqlStatement,
  query: MeasureQuery,
  dialect: SqlDialect,
): SqlStatement {
  const parts = commonParts(query, dialect);
  const window = `PARTITION BY ${JOURNEY} ORDER BY ms, stage`;
  const shift = (fn: 'lag' | 'lead', fallback: string) =>
    dialect === 'duckdb'
      ? `${fn}(stage, 1, '${fallback}') OVER (${window})`
      : `${fn}InFrame(stage, 1, '${fallback}') OVER (${window} ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)`;
  // ClickHouse lets a SELECT alias shadow the column in WHERE, so the filter sits in its own subquery
  const stage = dialect === 'duckdb' ? 'stage' : 'assumeNotNull(stage)';
  parts.ctes.push(
    `staged AS (SELECT ${JOURNEY}, ms, ${stage} AS stage FROM (SELECT * FROM periodised WHERE stage IS NOT NULL) AS s)`,
    // one pass of the window: a run of repeats starts where the previous stage differs (that stage is the
    // step's origin), and the journey ends at its last event, whose stage is the last run's
    `steps AS (SELECT ${JOURNEY}, stage, ${shift('lag', '')} AS previous, ${shift('lead', '')} AS next_state, max(CASE WHEN stage = 'buy' THEN 1 ELSE 0 END) OVER (PARTITION BY ${JOURNEY}) AS reached_buy FROM staged)`,
    `moves AS (SELECT ${JOURNEY}, CASE WHEN previous = '' THEN '(start)' ELSE previous END AS from_state, stage AS to_state FROM steps WHERE previous <> stage UNION ALL SELECT ${JOURNEY}, stage AS from_state, CASE WHEN reached_buy = 1 THEN '(conversion)' ELSE '(null)' END AS to_state FROM steps WHERE next_state = '')`,
  );
  const body = tallyBody(parts, {
    from: `moves AS mv${parts.cellJoin('mv')}`,
    alias: 'mv',
    facts: [
      ['mv.from_state', 'from_state'],
      ['mv.to_state', 'to_state'],
    ],
    sums: [['count(*)', 'journeys']],
  });
  return finish(source, parts, body);
}

/**
 * Per shift, period, breakdown and cell, how many orders had each whole-euro basket (revenue rounded down)
 * and how many customers took each whole number of hours from their first browsing event of the period to
 * their first order after it.
 */
export function distributionsByPeriod(
  source: SqlStatement,
  query: MeasureQuery,
  dialect: SqlDialect,
): SqlStatement {
  const parts = commonParts(query, dialect);
  const hours =
    dialect === 'duckdb'
      ? '(first_order - first_browse) // 3600000'
      : 'intDiv(first_order - first_browse, 3600000)';
  parts.ctes.push(
    `browsers AS (SELECT ${JOURNEY}, min(ms) AS first_browse FROM periodised WHERE ${BROWSING} GROUP BY ${JOURNEY})`,
    `orders AS (SELECT ${JOURNEY}, ms, revenue FROM periodised WHERE ${ORDER})`,
    `converted AS (SELECT b.shift AS shift, b.period AS period, b.profile_id AS profile_id, b.first_browse AS first_browse, min(o.ms) AS first_order FROM browsers AS b JOIN orders AS o ON o.shift = b.shift AND o.period = b.period AND o.profile_id = b.profile_id WHERE o.ms >= b.first_browse GROUP BY b.shift, b.period, b.profile_id, b.first_browse)`,
    `observations AS (SELECT ${JOURNEY}, 'basket' AS measure, ${asDouble('floor(revenue)')} AS value FROM orders WHERE revenue IS NOT NULL UNION ALL SELECT ${JOURNEY}, 'hours_to_convert' AS measure, ${asDouble(hours)} AS value FROM converted)`,
  );
  const body = tallyBody(parts, {
    from: `observations AS o${parts.cellJoin('o')}`,
    alias: 'o',
    facts: [
      ['o.measure', 'measure'],
      ['o.value', 'value'],
    ],
    sums: [['count(*)', 'observations']],
  });
  return finish(source, parts, body);
}
