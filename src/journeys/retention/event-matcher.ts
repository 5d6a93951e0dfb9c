/**
 * Which `journey_events` rows count: a purchase, a return, an activity. A matcher lists accepted
 * values per column; an event matches when every listed column holds one of its values.
 * @module
 */
import { type Static, Type } from '@sinclair/typebox';
import type { SqlDialect } from '../sql/dialect.ts';
import { literal } from '../sql/dialect.ts';
import type { JourneyEvent } from '../sql/journey-events.ts';

/**
 * What an event must be to match. Values of one column are alternatives (OR), columns combine
 * (AND); `withStage` keeps only events mapped to a journey stage. `{}` matches every event.
 */
export interface EventMatcher {
  action?: string[];
  touchpoint?: string[];
  stage?: string[];
  channel?: string[];
  event?: string[];
  withStage?: boolean;
}

const matchedColumns = ['action', 'touchpoint', 'stage', 'channel', 'event'] as const;

const Values = Type.Union([
  Type.String({ minLength: 1 }),
  Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
]);

/** The matcher as a request or a flag gives it: each column takes one value or a list. */
export const EventMatcherSchema = Type.Object(
  {
    action: Type.Optional(Values),
    touchpoint: Type.Optional(Values),
    stage: Type.Optional(Values),
    channel: Type.Optional(Values),
    event: Type.Optional(Values),
    withStage: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export type EventMatcherInput = Static<typeof EventMatcherSchema>;

/** The matcher with every column as a list (what the engines and builders take). */
export function eventMatcher(input: EventMatcherInput): EventMatcher {
  const matcher: EventMatcher = {};
  for (const column of matchedColumns) {
    const values = input[column];
    if (values !== undefined) matcher[column] = typeof values === 'string' ? [values] : [...values];
  }
  if (input.withStage !== undefined) matcher.withStage = input.withStage;
  return matcher;
}

/**
 * Whether the event matches.
 * @example matchesEvent(event, { action: ['order_completed'], channel: ['web', 'app'] })
 */
export function matchesEvent(event: JourneyEvent, matcher: EventMatcher): boolean {
  if (matcher.withStage === true && event.stage === null) return false;
  for (const column of matchedColumns) {
    const values = matcher[column];
    if (values === undefined) continue;
    const value = event[column];
    if (value === null || !values.includes(value)) return false;
  }
  return true;
}

/**
 * The SQL condition equal to `matchesEvent`, on the columns of `journey_events` (optionally
 * qualified by `alias`); `TRUE` for the empty matcher.
 * @example eventMatcherSql('duckdb', { action: ['order_completed'] }) // "action IN ('order_completed')"
 */
export function eventMatcherSql(dialect: SqlDialect, matcher: EventMatcher, alias?: string): string {
  const qualified = (column: string) => (alias === undefined ? column : `${alias}.${column}`);
  const conditions: string[] = [];
  if (matcher.withStage === true) conditions.push(`${qualified('stage')} IS NOT NULL`);
  for (const column of matchedColumns) {
    const values = matcher[column];
    if (values === undefined) continue;
    const list = values.map((value) => literal(dialect, value)).join(', ');
    conditions.push(`${qualified(column)} IN (${list})`);
  }
  return conditions.length === 0 ? 'TRUE' : conditions.join(' AND ');
}
