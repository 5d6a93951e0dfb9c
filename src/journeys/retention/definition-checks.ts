/**
 * Turning a definition from a request body or CLI flags into a checked value, with errors that
 * name the field and say what it should be.
 * @module
 */

import type { Static, TSchema } from '@sinclair/typebox';
import { Value, ValueErrorType } from '@sinclair/typebox/value';
import { instantMs } from '../instant.ts';

/**
 * The input when it fits the schema; otherwise a `RangeError` naming the first wrong field, e.g.
 * `retention definition: interval must be one of "day", "week", "month" (got "year")`.
 */
export function checkedAgainstSchema<T extends TSchema>(schema: T, input: unknown, what: string): Static<T> {
  const problem = Value.Errors(schema, input).First();
  if (problem === undefined) return input as Static<T>;
  const field = problem.path === '' ? 'the definition' : problem.path.slice(1).replaceAll('/', '.');
  if (problem.type === ValueErrorType.ObjectRequiredProperty)
    throw new RangeError(`${what}: ${field} is required`);
  if (problem.type === ValueErrorType.ObjectAdditionalProperties) {
    throw new RangeError(`${what}: ${field} is not a field of this definition`);
  }
  const got = problem.value === undefined ? 'nothing' : JSON.stringify(problem.value);
  throw new RangeError(`${what}: ${field} ${expectation(problem.schema, problem.message)} (got ${got})`);
}

function expectation(schema: TSchema, message: string): string {
  const options = (schema.anyOf as TSchema[] | undefined)?.map((option) => option.const);
  if (options?.every((option) => typeof option === 'string')) {
    return `must be one of ${options.map((option) => JSON.stringify(option)).join(', ')}`;
  }
  if (schema.type === 'integer' && (schema.minimum !== undefined || schema.maximum !== undefined)) {
    return `must be a whole number from ${schema.minimum ?? '-∞'} to ${schema.maximum ?? '∞'}`;
  }
  return `is wrong: ${message.charAt(0).toLowerCase()}${message.slice(1)}`;
}

/**
 * A date (`2026-01-01`, midnight UTC) or an ISO instant with its offset, as a `Date`; a
 * `RangeError` naming the field otherwise (an instant without offset would depend on the server).
 */
export function parseInstant(value: string, field: string, what: string): Date {
  const ms = instantMs(value);
  if (Number.isNaN(ms)) {
    throw new RangeError(
      `${what}: ${field} must be a date (2026-01-31) or an instant with its offset (2026-01-31T08:00:00Z) (got ${JSON.stringify(value)})`,
    );
  }
  return new Date(ms);
}

/** `from` and `to` as dates, `to` strictly after `from`. */
export function parseRange(from: string, to: string, what: string): { from: Date; to: Date } {
  const range = { from: parseInstant(from, 'from', what), to: parseInstant(to, 'to', what) };
  if (range.to.getTime() <= range.from.getTime()) {
    throw new RangeError(`${what}: to (${to}) must come after from (${from})`);
  }
  return range;
}
