/**
 * What every measurement statement shares: the periods of all the shifts measured at once (each event
 * joined to the periods it falls in by its day, then by its instant, never a range join over all events),
 * the breakdown cells of every breakdown, and each customer's value.
 * @module
 */
import { literal, type SqlDialect, type SqlStatement } from '../../sql/dialect.ts';
import {
  asDouble,
  DAY_MS,
  epochMs,
  inline,
  intDiv,
  Params,
  statementTail,
  withJourneyEvents,
} from '../sql-parts.ts';
import { type ComparedPeriods, checkPeriods } from './periods.ts';

/** One breakdown measured: its name, as rows answer it, and its (profile_id, breakdown) SELECT. */
export interface NamedBreakdown {
  name: string;
  statement: SqlStatement;
}

/** What the measurement statements need besides the source. */
export interface MeasureQuery {
  /** The pairs of periods measured, one per shift; rows answer the index of theirs as `shift`. */
  periods: readonly ComparedPeriods[];
  /**
   * The breakdowns, each giving (profile_id, breakdown) with one row per profile; rows answer their name
   * as `breakdown`, and a customer without a row is in cell '(none)'. Without any, every customer is in
   * the cell `all` of the breakdown `all`.
   */
  breakdowns?: readonly NamedBreakdown[];
  /** A SELECT giving (profile_id, clv); without it, or where clv is NULL, value is past revenue. */
  values?: SqlStatement;
  /** Days of past revenue that stand in for a missing CLV, counted back from the first period; default 365. */
  historyDays?: number;
  /**
   * When the data begins (epoch ms). A period's customer base is everyone seen in the `historyDays`
   * before it; where the data does not reach that far back for a shift's first period, both of its
   * periods look back only as far as the data goes, so that the two bases are counted alike.
   */
  historyFrom?: number;
}

/** How far back a shift's periods look for their customer base: equal for both periods. */
export function baseLookback(
  query: Pick<MeasureQuery, 'historyDays' | 'historyFrom'>,
  beforeFrom: number,
): number {
  const full = (query.historyDays ?? 365) * DAY_MS;
  if (query.historyFrom === undefined) return full;
  return Math.max(0, Math.min(full, beforeFrom - query.historyFrom));
}

/** The name and cell of the breakdown `all`, used when no breakdown is given. */
export const ALL = 'all';

/** The parts a statement is assembled from; `ctes` grow as the statement adds its own. */
export interface Parts {
  dialect: SqlDialect;
  p: Params;
  ctes: string[];
  leading: string[];
  params: SqlStatement['params'];
  /** The join giving the cells of the customer of `alias` (`cc.cell0`…, one per breakdown). */
  cellJoin: (alias: string) => string;
  /** How many breakdowns are measured (the cells of `customer_cells`). */
  breakdownCount: number;
  /** Each period's index (0 = the first shift's before), its shift and its name. */
  periodRows: { index: number; shift: number; period: 'before' | 'after'; from: number; to: number }[];
}

/** `ms` as its day number (days since 1970-01-01 UTC). */
export const dayOf = (dialect: SqlDialect, ms: string) => intDiv(dialect, ms, String(DAY_MS));

/** A table of rows written as UNION ALL of SELECTs, which both engines read alike. */
function rowsTable(rows: readonly string[][], names: readonly string[]): string {
  return rows
    .map((row) => `SELECT ${row.map((v, i) => `${v} AS ${names[i]}`).join(', ')}`)
    .join(' UNION ALL ');
}

/** Expands `[from, to)` rows to one row per day they touch (`day`), for an equality join on the day. */
function daysOf(dialect: SqlDialect, table: string, from: string, to: string): string {
  const days = `range(${dayOf(dialect, from)}, ${dayOf(dialect, `${to} - 1`)} + 1)`;
  return dialect === 'duckdb'
    ? `SELECT *, unnest(${days}) AS day FROM ${table}`
    : `SELECT *, arrayJoin(${days}) AS day FROM ${table}`;
}

/**
 * The periods, the events inside them (`periodised`: shift, period, profile_id, ms, channel, action,
 * stage, revenue; an event in two overlapping periods is there twice) and the breakdown cells.
 */
export function commonParts(query: MeasureQuery, dialect: SqlDialect): Parts {
  if (query.periods.length === 0) throw new RangeError('there are no periods to measure');
  for (const periods of query.periods) checkPeriods(periods);
  const p = new Params(dialect);
  const ms = epochMs(dialect);
  const periodRows = query.periods.flatMap((pair, shift) =>
    (['before', 'after'] as const).map((period, i) => ({
      index: shift * 2 + i,
      shift,
      period,
      from: pair[period].from,
      to: pair[period].to,
    })),
  );
  const table = rowsTable(
    periodRows.map((r) => [
      String(r.index),
      String(r.shift),
      `'${r.period}'`,
      p.bind(`s${r.shift}_${r.period}_from`, r.from, 'Int64'),
      p.bind(`s${r.shift}_${r.period}_to`, r.to, 'Int64'),
    ]),
    ['idx', 'shift', 'period', 'period_from', 'period_to'],
  );
  const spanFrom = p.bind('span_from', Math.min(...periodRows.map((r) => r.from)), 'Int64');
  const spanTo = p.bind('span_to', Math.max(...periodRows.map((r) => r.to)), 'Int64');
  const ctes = [
    `periods AS (${table})`,
    `period_days AS (${daysOf(dialect, 'periods', 'period_from', 'period_to')})`,
    `periodised AS ${inline(dialect)}(SELECT d.shift AS shift, d.period AS period, e.profile_id AS profile_id, e.ms AS ms, e.channel AS channel, e.action AS action, e.stage AS stage, e.revenue AS revenue FROM (SELECT profile_id, ${ms} AS ms, channel, action, stage, revenue FROM journey_events WHERE ${ms} >= ${spanFrom} AND ${ms} < ${spanTo}) AS e JOIN period_days AS d ON d.day = ${dayOf(dialect, 'e.ms')} WHERE e.ms >= d.period_from AND e.ms < d.period_to)`,
  ];
  const breakdowns = query.breakdowns ?? [];
  const params: SqlStatement['params'] = {};
  for (const b of breakdowns) Object.assign(params, b.statement.params);
  const names = breakdowns.length > 0 ? breakdowns.map((b) => literal(dialect, b.name)) : [`'${ALL}'`];
  ctes.push(
    `breakdowns AS (${rowsTable(
      names.map((n, i) => [String(i), n]),
      ['idx', 'breakdown'],
    )})`,
  );
  // one row per profile with its cell in each breakdown, so that each customer is joined once
  const pivot = breakdowns.map((_, i) => `max(CASE WHEN k = ${i} THEN cell END) AS cell${i}`).join(', ');
  const leading =
    breakdowns.length > 0
      ? [
          `customer_cells AS (SELECT profile_id, ${pivot} FROM (${breakdowns
            .map(
              (b, i) =>
                `SELECT ${i} AS k, profile_id, CAST(breakdown AS VARCHAR) AS cell FROM (${b.statement.sql}) AS b${i}`,
            )
            .join(' UNION ALL ')}) AS c GROUP BY profile_id)`,
        ]
      : [];
  return {
    dialect,
    p,
    ctes,
    leading,
    params,
    periodRows,
    breakdownCount: breakdowns.length,
    cellJoin: (alias) =>
      breakdowns.length > 0 ? ` LEFT JOIN customer_cells AS cc ON cc.profile_id = ${alias}.profile_id` : '',
  };
}

/** The whole statement: leading CTEs, journey_events, the parts' CTEs and the body. */
export function finish(source: SqlStatement, parts: Parts, body: string): SqlStatement {
  const statement = withJourneyEvents(
    source,
    parts.ctes,
    `${body}${statementTail(parts.dialect)}`,
    parts.p,
    parts.leading,
  );
  return { sql: statement.sql, params: { ...parts.params, ...statement.params } };
}

/**
 * The CTEs and joins that value each customer of a shift: CLV, else their revenue over the `historyDays`
 * before the shift's first period (`past_revenue`, per shift).
 */
export function valueParts(parts: Parts, query: MeasureQuery, alias: string) {
  const { dialect, p } = parts;
  const ms = epochMs(dialect);
  const history = query.periods.map((pair, shift) => ({
    shift,
    from: pair.before.from - (query.historyDays ?? 365) * DAY_MS,
    to: pair.before.from,
  }));
  const table = rowsTable(
    history.map((h) => [
      String(h.shift),
      p.bind(`s${h.shift}_history_from`, h.from, 'Int64'),
      p.bind(`s${h.shift}_history_to`, h.to, 'Int64'),
    ]),
    ['shift', 'history_from', 'history_to'],
  );
  const from = p.bind('history_from', Math.min(...history.map((h) => h.from)), 'Int64');
  const to = p.bind('history_to', Math.max(...history.map((h) => h.to)), 'Int64');
  parts.ctes.push(
    `history_days AS (${daysOf(dialect, `(${table}) AS h`, 'history_from', 'history_to')})`,
    `past_revenue AS (SELECT h.shift AS shift, o.profile_id AS profile_id, sum(o.revenue) AS revenue FROM (SELECT profile_id, ${ms} AS ms, revenue FROM journey_events WHERE action = 'order_completed' AND ${ms} >= ${from} AND ${ms} < ${to}) AS o JOIN history_days AS h ON h.day = ${dayOf(dialect, 'o.ms')} WHERE o.ms >= h.history_from AND o.ms < h.history_to GROUP BY h.shift, o.profile_id)`,
  );
  if (query.values) {
    parts.ctes.push(`customer_values AS (SELECT profile_id, clv FROM (${query.values.sql}) AS v)`);
    Object.assign(parts.params, query.values.params);
  }
  const clv = query.values ? 'v.clv' : 'NULL';
  const joins =
    `${parts.cellJoin(alias)}${query.values ? ` LEFT JOIN customer_values AS v ON v.profile_id = ${alias}.profile_id` : ''}` +
    ` LEFT JOIN past_revenue AS r ON r.shift = ${alias}.shift AND r.profile_id = ${alias}.profile_id`;
  const counts: [string, string][] = [
    ['count(*)', 'customers'],
    [`sum(coalesce(${clv}, r.revenue, 0))`, 'value'],
    [`sum(CASE WHEN ${clv} IS NULL THEN 1 ELSE 0 END)`, 'valued_by_revenue'],
  ];
  return { joins, counts };
}

/** What a statement's rows are made of: per shift, period and cell, some facts and their sums. */
export interface Tally {
  /** FROM and joins; its rows have `shift`, `period` and `profile_id` (under `alias`). */
  from: string;
  alias: string;
  /** Grouped columns (expression, name). */
  facts: [string, string][];
  /** Summed aggregates (aggregate expression, name), answered as doubles. */
  sums: [string, string][];
}

/**
 * The body of a measurement statement: the rows of `tally` aggregated per shift, period, cells of every
 * breakdown and facts (`tallied`), then once per breakdown and cell, which spares joining each customer
 * once per breakdown.
 */
export function tallyBody(parts: Parts, tally: Tally): string {
  const a = tally.alias;
  const cells = Array.from({ length: parts.breakdownCount }, (_, i) => `cc.cell${i}`);
  const groups = [`${a}.shift`, `${a}.period`, ...cells, ...tally.facts.map(([sql]) => sql)];
  parts.ctes.push(
    `tallied AS (SELECT ${[
      `${a}.shift AS shift`,
      `${a}.period AS period`,
      ...cells.map((c, i) => `${c} AS cell${i}`),
      ...tally.facts.map(([sql, name]) => `${sql} AS ${name}`),
      ...tally.sums.map(([sql, name]) => `${sql} AS ${name}`),
    ].join(', ')} FROM ${tally.from} GROUP BY ${groups.join(', ')})`,
  );
  const cell =
    parts.breakdownCount > 0
      ? `coalesce(CASE bd.idx ${cells.map((_, i) => `WHEN ${i} THEN t.cell${i}`).join(' ')} END, '(none)')`
      : `'${ALL}'`;
  const facts = tally.facts.map(([, name]) => `t.${name}`);
  return (
    `SELECT t.shift AS shift, t.period AS period, bd.breakdown AS breakdown, ${cell} AS cell, ${[
      ...facts.map((f, i) => `${f} AS ${tally.facts[i]?.[1]}`),
      ...tally.sums.map(([, name]) => `${asDouble(`sum(t.${name})`)} AS ${name}`),
    ].join(', ')}\n` +
    `FROM tallied AS t CROSS JOIN breakdowns AS bd\n` +
    `GROUP BY t.shift, t.period, bd.breakdown, ${cell}${facts.map((f) => `, ${f}`).join('')}\n` +
    `ORDER BY shift, period, breakdown, cell${tally.facts.map(([, name]) => `, ${name}`).join('')}`
  );
}
