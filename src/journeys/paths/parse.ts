/**
 * Reading an analysis definition that came from a request body or CLI flags: checked against its
 * TypeBox schema, defaults filled in, and the first thing wrong named by its field.
 * @module
 */

import type { Static, TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { SqlValue } from '../../store/port.ts';
import { instantMs } from '../instant.ts';

/**
 * Checks `raw` against `schema` and answers it with the schema's defaults filled in; throws a
 * `RangeError` naming the first wrong field (`paths definition: /depth must be <= 20`).
 * @example parseWithSchema(PathsDefinitionSchema, { depth: 4 }, 'paths definition')
 */
export function parseWithSchema<T extends TSchema>(schema: T, raw: unknown, what: string): Static<T> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    throw new RangeError(`${what}: must be an object`);
  const filled = Value.Default(schema, structuredClone(raw));
  const problem = Value.Errors(schema, filled).First();
  if (problem) {
    const field = problem.path === '' ? '(definition)' : problem.path.slice(1).replaceAll('/', '.');
    throw new RangeError(`${what}: ${field} ${problem.message.toLowerCase()}`);
  }
  return filled as Static<T>;
}

/** An ISO 8601 date-time read into a `Date`, or a `RangeError` naming the field. */
export function parseInstant(what: string, field: string, value: string | undefined): Date | null {
  if (value === undefined) return null;
  const time = instantMs(value);
  if (Number.isNaN(time))
    throw new RangeError(
      `${what}: ${field} must be an ISO 8601 date or date-time, got "${value.slice(0, 40)}"`,
    );
  return new Date(time);
}

/** Rejects a range whose end is not after its start. */
export function checkRange(what: string, from: Date | null, to: Date | null): void {
  if (from !== null && to !== null && to.getTime() <= from.getTime())
    throw new RangeError(`${what}: to must be after from`);
}

/**
 * Merges the parameters of the statements a builder nests into its own, refusing a name used twice
 * with different values (the nested SELECT would silently read the wrong value).
 */
export function mergeParams(...groups: Record<string, SqlValue>[]): Record<string, SqlValue> {
  const merged: Record<string, SqlValue> = {};
  for (const group of groups)
    for (const [name, value] of Object.entries(group)) {
      if (name in merged && !sameValue(merged[name], value))
        throw new RangeError(`SQL parameter "${name}" is bound twice with different values`);
      merged[name] = value;
    }
  return merged;
}

function sameValue(a: unknown, b: unknown): boolean {
  return a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;
}
