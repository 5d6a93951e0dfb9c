/**
 * The lifecycle definition as an API request body or CLI flags give it, and its checked form.
 * @module
 */
import { type Static, Type } from '@sinclair/typebox';
import { checkedAgainstSchema, parseRange } from './definition-checks.ts';
import { EventMatcherSchema, eventMatcher } from './event-matcher.ts';
import { IntervalSchema } from './intervals.ts';
import type { LifecycleDefinition } from './lifecycle.ts';

export const LifecycleDefinitionSchema = Type.Object(
  {
    interval: Type.Optional(IntervalSchema),
    activity: Type.Optional(EventMatcherSchema),
    from: Type.String({ description: 'start of the series, inclusive (snapped to its interval)' }),
    to: Type.String({ description: 'end of the series, exclusive (snapped to its interval)' }),
  },
  { additionalProperties: false },
);

export type LifecycleDefinitionInput = Static<typeof LifecycleDefinitionSchema>;

/**
 * The checked lifecycle definition with its defaults: weekly, activity = events with a journey
 * stage. Throws a `RangeError` naming the wrong field.
 * @example parseLifecycleDefinition({ interval: 'month', activity: { channel: ['store'] }, from: '2026-01-01', to: '2026-07-01' })
 */
export function parseLifecycleDefinition(input: unknown): LifecycleDefinition {
  const what = 'lifecycle definition';
  const definition = checkedAgainstSchema(LifecycleDefinitionSchema, input, what);
  return {
    interval: definition.interval ?? 'week',
    activity: eventMatcher(definition.activity ?? { withStage: true }),
    ...parseRange(definition.from, definition.to, what),
  };
}
