/**
 * The retention definition as an API request body or CLI flags give it, and its checked form.
 * @module
 */
import { type Static, Type } from '@sinclair/typebox';
import { checkedAgainstSchema, parseRange } from './definition-checks.ts';
import { type EventMatcherInput, EventMatcherSchema, eventMatcher } from './event-matcher.ts';
import { IntervalSchema } from './intervals.ts';
import type { RetentionDefinition } from './retention.ts';

export const RetentionDefinitionSchema = Type.Object(
  {
    cohortBy: Type.Optional(Type.Union([Type.Literal('first_purchase'), Type.Literal('first_contact')])),
    purchase: Type.Optional(EventMatcherSchema),
    returnEvent: Type.Optional(EventMatcherSchema),
    interval: Type.Optional(IntervalSchema),
    maxPeriods: Type.Optional(Type.Integer({ minimum: 0, maximum: 400 })),
    from: Type.String({ description: 'first day (or instant) of the cohorts kept, inclusive' }),
    to: Type.String({ description: 'end of the cohorts kept, exclusive' }),
  },
  { additionalProperties: false },
);

export type RetentionDefinitionInput = Static<typeof RetentionDefinitionSchema>;

/** A purchase is an `order_completed` event unless the definition says otherwise. */
export const defaultPurchase: Readonly<EventMatcherInput> = { action: 'order_completed' };

/**
 * The checked retention definition with its defaults: cohorts by first purchase
 * (`order_completed`), return = another purchase, monthly, periods 0 to 12. Throws a `RangeError`
 * naming the wrong field.
 * @example parseRetentionDefinition({ cohortBy: 'first_contact', returnEvent: {}, from: '2026-01-01', to: '2026-04-01' })
 */
export function parseRetentionDefinition(input: unknown): RetentionDefinition {
  const what = 'retention definition';
  const definition = checkedAgainstSchema(RetentionDefinitionSchema, input, what);
  const purchase = eventMatcher(definition.purchase ?? defaultPurchase);
  return {
    cohortBy: definition.cohortBy ?? 'first_purchase',
    purchase,
    returnEvent: definition.returnEvent === undefined ? purchase : eventMatcher(definition.returnEvent),
    interval: definition.interval ?? 'month',
    maxPeriods: definition.maxPeriods ?? 12,
    ...parseRange(definition.from, definition.to, what),
  };
}
