/**
 * The channel-mix definition as an API request body or CLI flags give it, and its checked form.
 * @module
 */
import { type Static, Type } from '@sinclair/typebox';
import { checkedAgainstSchema, parseRange } from '../retention/definition-checks.ts';
import { EventMatcherSchema, eventMatcher } from '../retention/event-matcher.ts';
import { IntervalSchema } from '../retention/intervals.ts';
import type { ChannelMixDefinition } from './channel-mix.ts';

export const ChannelMixDefinitionSchema = Type.Object(
  {
    interval: Type.Optional(IntervalSchema),
    activity: Type.Optional(EventMatcherSchema),
    from: Type.String({ description: 'start of the series, inclusive (snapped to its interval)' }),
    to: Type.String({ description: 'end of the series, exclusive (snapped to its interval)' }),
  },
  { additionalProperties: false },
);

export type ChannelMixDefinitionInput = Static<typeof ChannelMixDefinitionSchema>;

/**
 * The checked channel-mix definition with its defaults: weekly, activity = events with a journey
 * stage. Throws a `RangeError` naming the wrong field.
 * @example parseChannelMixDefinition({ interval: 'month', from: '2026-01-01', to: '2026-07-01' })
 */
export function parseChannelMixDefinition(input: unknown): ChannelMixDefinition {
  const what = 'channel-mix definition';
  const definition = checkedAgainstSchema(ChannelMixDefinitionSchema, input, what);
  return {
    interval: definition.interval ?? 'week',
    activity: eventMatcher(definition.activity ?? { withStage: true }),
    ...parseRange(definition.from, definition.to, what),
  };
}
