/**
 * The WHERE conditions both dialects' paths SQL put on `journey_events`: the date range, the item
 * lists, the profiles restriction, and that the step has an item.
 * @module
 */
import type { SqlValue } from '../../store/port.ts';
import { literal, param, type SqlDialect, type SqlStatement } from '../sql/dialect.ts';
import type { PathsDefinition } from './definition.ts';

/** The conditions (to be AND-ed) and the parameters they bind. */
export function pathFilters(
  definition: PathsDefinition,
  dialect: SqlDialect,
  profiles?: SqlStatement,
): { conditions: string[]; params: Record<string, SqlValue> } {
  const column = definition.item;
  const instant = (name: string) =>
    dialect === 'duckdb' ? `CAST($${name} AS TIMESTAMPTZ)` : param(dialect, name, 'DateTime64(3)');
  const list = (items: readonly string[]) => items.map((item) => literal(dialect, item)).join(', ');
  const conditions = [`${column} IS NOT NULL`];
  const params: Record<string, SqlValue> = {};
  if (definition.from) {
    conditions.push(`ts >= ${instant('paths_from')}`);
    params.paths_from = definition.from;
  }
  if (definition.to) {
    conditions.push(`ts < ${instant('paths_to')}`);
    params.paths_to = definition.to;
  }
  if (definition.include) conditions.push(`${column} IN (${list(definition.include)})`);
  if (definition.exclude.length > 0) conditions.push(`${column} NOT IN (${list(definition.exclude)})`);
  if (profiles) conditions.push(`profile_id IN (SELECT profile_id FROM (${profiles.sql}) AS chosen)`);
  return { conditions, params };
}
