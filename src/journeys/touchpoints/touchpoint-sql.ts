/**
 * A touchpoint mapping compiled into SQL expressions over a stored event (`events.channel`,
 * `events.type`, `events.name`, `events.properties`), computing what `mapEvent` computes.
 * @module
 */
import { literal, type SqlDialect } from '../sql/dialect.ts';
import { type CompiledRule, compileRules } from './compiled-rules.ts';
import type { TouchpointMapping } from './mapping.ts';
import { matchesAnySql } from './patterns.ts';
import { snakeCaseSql } from './slug.ts';

/** The SQL expressions of the mapped columns (the table's columns qualified by its name). */
export interface TouchpointSql {
  /** VARCHAR / String: the action. */
  action: string;
  /** VARCHAR / Nullable(String): the stage. */
  stage: string;
  /** VARCHAR / String: the event's name, else its type. */
  event: string;
}

/**
 * The action, stage and event name of a stored event as SQL expressions: one CASE per column,
 * its branches the rules that set that column, in order.
 * @example
 * const { action, stage } = touchpointSql('duckdb', defaultTouchpointMapping);
 * const sql = `SELECT ${action} AS action, ${stage} AS stage FROM events`;
 */
export function touchpointSql(
  dialect: SqlDialect,
  mapping: TouchpointMapping,
  table = 'events',
): TouchpointSql {
  const column = (name: string) => `${table}.${name}`;
  const rules = compileRules(mapping.rules);
  const branches = (pick: (rule: CompiledRule) => string | undefined) =>
    rules.flatMap((rule) => {
      const value = pick(rule);
      return value === undefined ? [] : [`WHEN ${conditionSql(dialect, rule, column)} THEN ${value}`];
    });
  const actionBranches = branches((r) =>
    r.rule.action === undefined ? undefined : literal(dialect, r.rule.action),
  );
  const stageBranches = branches((r) => {
    const stage = r.rule.stage;
    return stage === undefined ? undefined : stage === null ? 'NULL' : literal(dialect, stage);
  });
  const name = snakeCaseSql(dialect, column('name'));
  const fallback = `coalesce(nullif(${name}, ''), ${column('type')})`;
  const defaultAction = `CASE WHEN ${column('type')} IN ('page', 'screen') THEN 'view_' ELSE '' END || ${fallback}`;
  const noStage = dialect === 'duckdb' ? 'NULL::VARCHAR' : 'CAST(NULL AS Nullable(String))';
  return {
    action: caseOf(actionBranches, defaultAction),
    stage: caseOf(stageBranches, noStage),
    event: `coalesce(${column('name')}, ${column('type')})`,
  };
}

/**
 * The order's revenue as SQL, given the action's expression: `properties.revenue`, else
 * `properties.total`, when they are numbers and the action is a purchase action; NULL otherwise.
 */
export function revenueSql(
  dialect: SqlDialect,
  mapping: TouchpointMapping,
  action: string,
  table = 'events',
): string {
  if (mapping.purchaseActions.length === 0) {
    return dialect === 'duckdb' ? 'NULL::DOUBLE' : 'CAST(NULL AS Nullable(Float64))';
  }
  const purchases = mapping.purchaseActions.map((a) => literal(dialect, a)).join(', ');
  const amount = (key: string) =>
    dialect === 'duckdb'
      ? `CASE WHEN json_type(${table}.properties, '$.${key}') IN ('BIGINT', 'UBIGINT', 'DOUBLE') THEN (${table}.properties ->> '$.${key}')::DOUBLE END`
      : `if(JSONType(${table}.properties, '${key}') IN ('Int64', 'UInt64', 'Double'), JSONExtractFloat(${table}.properties, '${key}'), NULL)`;
  return `CASE WHEN ${action} IN (${purchases}) THEN coalesce(${amount('revenue')}, ${amount('total')}) END`;
}

function caseOf(branches: string[], otherwise: string): string {
  if (branches.length === 0) return otherwise;
  return `CASE\n    ${branches.join('\n    ')}\n    ELSE ${otherwise} END`;
}

function conditionSql(dialect: SqlDialect, rule: CompiledRule, column: (name: string) => string): string {
  const conditions: string[] = [];
  if (rule.channel) conditions.push(matchesAnySql(dialect, rule.channel, column('channel')));
  if (rule.type) conditions.push(matchesAnySql(dialect, rule.type, column('type')));
  if (rule.event) conditions.push(matchesAnySql(dialect, rule.event, column('name')));
  for (const [name, patterns] of rule.properties) {
    // Property names were validated as identifiers, so they are safe in a JSON path.
    const text =
      dialect === 'duckdb'
        ? `(json_type(${column('properties')}, '$.${name}') = 'VARCHAR' AND ${matchesAnySql(dialect, patterns, `(${column('properties')} ->> '$.${name}')`)})`
        : `(JSONType(${column('properties')}, '${name}') = 'String' AND ${matchesAnySql(dialect, patterns, `JSONExtractString(${column('properties')}, '${name}')`)})`;
    conditions.push(text);
  }
  return conditions.join(' AND ');
}
