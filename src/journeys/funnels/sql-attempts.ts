/**
 * The SQL common to every funnel statement: from `journey_events` to `best`, one row per profile
 * in the funnel holding its best attempt (`profile_id`, entry `channel`, `reach`, and `t1`…`tn`,
 * the epoch milliseconds each step was reached, NULL past `reach`). It follows `attempts.ts` and
 * `engine.ts` step for step: one pass keeps the events that match a step or an exclusion (all
 * events for strict funnels), then each step is a window or an equality join, never a scan per attempt.
 * @module
 */
import type { SqlDialect, SqlStatement } from '../sql/dialect.ts';
import type { FunnelDefinition } from './definition.ts';
import { attemptsByOrder } from './sql-orders.ts';
import { bitSet, epochMs, hasBit, listHas, listWhere, matcherCondition, wholeNumber } from './sql-parts.ts';

/**
 * The `WITH …` chain ending in the `best` relation, and its parameters (the source's included).
 * The caller appends its own final SELECT.
 */
export function bestAttemptsChain(
  source: SqlStatement,
  definition: FunnelDefinition,
  dialect: SqlDialect,
): SqlStatement {
  const params: SqlStatement['params'] = { ...source.params };
  const d = dialect;
  const n = definition.steps.length;
  const stepConditions = definition.steps.map((step) => matcherCondition(d, step.match));
  const exclusionConditions = definition.exclusions.map((exclusion) => matcherCondition(d, exclusion.match));
  const prune: string[] = [];
  if (definition.enteredFrom !== null) {
    params.entered_from = definition.enteredFrom;
    prune.push(`ts >= ${timestampFrom(d, 'entered_from', -1)}`);
  }
  if (definition.enteredTo !== null) {
    params.entered_to = definition.enteredTo;
    params.events_until = definition.enteredTo + definition.windowMs;
    prune.push(`ts <= ${timestampFrom(d, 'events_until', 1)}`);
  }
  if (definition.order !== 'strict')
    prune.push(`(${[...stepConditions, ...exclusionConditions].join(' OR ')})`);
  const exclusionColumn =
    exclusionConditions.length > 0 ? `,\n    ${bitSet(exclusionConditions)} AS excluded_by` : '';
  // The entry's channel is read by the channel breakdown only; otherwise the column is not scanned.
  const channel = definition.breakdown === 'channel' ? 'channel' : `'' AS channel`;
  const tagged = `tagged AS (
  SELECT profile_id, ${channel}, ${epochMs(d, 'ts')} AS t,
    ${bitSet(stepConditions)} AS mask${exclusionColumn}
  FROM journey_events${prune.length > 0 ? `\n  WHERE ${prune.join('\n    AND ')}` : ''}
)`;
  const entryRange = [
    ...(definition.enteredFrom !== null ? [`t >= ${wholeNumber(d, 'entered_from')}`] : []),
    ...(definition.enteredTo !== null ? [`t < ${wholeNumber(d, 'entered_to')}`] : []),
  ];
  const ctes = [
    `journey_events AS (${source.sql})`,
    tagged,
    ...attemptsByOrder(d, definition, entryRange),
    ...(definition.exclusions.length > 0 ? [excludedCte(d, definition)] : []),
    scoredCte(d, definition),
    bestCte(d, n),
  ];
  return { sql: `WITH ${ctes.join(',\n')}`, params };
}

/**
 * Each profile's best attempt, the furthest reach then the earliest entry, as one hash aggregate:
 * the attempt with the largest `reach · 2³² − pos` (a profile has far fewer than 2³² events, so
 * the key stays positive and orders by reach, then position). A window ranking the attempts sorted
 * them all: about three times as long over the benchmark's 1.5 M attempts. The attempt
 * is taken whole, as a struct (DuckDB) or tuple (ClickHouse): both engines' arg-max skip a NULL
 * argument, so a step time taken on its own would come from another attempt.
 */
function bestCte(d: SqlDialect, n: number): string {
  const fields = ['channel', 'reach', ...Array.from({ length: n }, (_, i) => `t${i + 1}`)];
  const key = 'reach * 4294967296 - pos';
  const chosen =
    d === 'duckdb'
      ? `arg_max({${fields.map((f) => `'${f}': ${f}`).join(', ')}}, ${key})`
      : `argMax(tuple(${fields.join(', ')}), ${key})`;
  const columns = fields.map((f, i) =>
    d === 'duckdb' ? `struct_extract(b, '${f}') AS ${f}` : `tupleElement(b, ${i + 1}) AS ${f}`,
  );
  return `best AS (
  SELECT profile_id, ${columns.join(', ')}
  FROM (SELECT profile_id, ${chosen} AS b FROM scored GROUP BY profile_id) AS chosen
)`;
}

/** An instant bound as epoch ms, widened by `marginMs` so the coarse prune never drops an event. */
function timestampFrom(dialect: SqlDialect, name: string, marginMs: number): string {
  const ms = `${wholeNumber(dialect, name)} ${marginMs < 0 ? '-' : '+'} ${Math.abs(marginMs)}`;
  return dialect === 'duckdb' ? `to_timestamp((${ms}) / 1000)` : `fromUnixTimestamp64Milli(${ms})`;
}

function excludedCte(d: SqlDialect, definition: FunnelDefinition): string {
  const lists = definition.exclusions.map(
    (_, e) => `${listWhere(d, 't', hasBit(d, 'excluded_by', e))} AS x${e + 1}`,
  );
  return `excluded AS (
  SELECT profile_id, ${lists.join(', ')}
  FROM tagged
  WHERE excluded_by <> 0
  GROUP BY profile_id
)`;
}

function scoredCte(d: SqlDialect, definition: FunnelDefinition): string {
  const n = definition.steps.length;
  const reach = [
    '1',
    ...Array.from({ length: n - 1 }, (_, i) => `(CASE WHEN a.t${i + 2} IS NOT NULL THEN 1 ELSE 0 END)`),
  ];
  const kept = definition.exclusions.map(
    ({ fromStep, toStep }, e) =>
      `NOT (a.t${fromStep} IS NOT NULL AND ${listHas(d, `x.x${e + 1}`, `v > a.t${fromStep} AND v < coalesce(a.t${toStep}, a.deadline)`)})`,
  );
  const join = kept.length > 0 ? '\n  LEFT JOIN excluded AS x ON a.profile_id = x.profile_id' : '';
  return `scored AS (
  SELECT a.profile_id AS profile_id, a.pos AS pos, a.channel AS channel,
    ${Array.from({ length: n }, (_, i) => `a.t${i + 1} AS t${i + 1}`).join(', ')},
    ${reach.join(' + ')} AS reach
  FROM attempts AS a${join}${kept.length > 0 ? `\n  WHERE ${kept.join('\n    AND ')}` : ''}
)`;
}
