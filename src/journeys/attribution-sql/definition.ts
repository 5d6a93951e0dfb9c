/**
 * What an attribution on the event store is asked: which item a touch is, what counts as a
 * conversion, how far back a conversion looks, and over which range. A plain object, so the API
 * takes it in a request body and the CLI from flags.
 * @module
 */
import { type Static, Type } from '@sinclair/typebox';
import { checkRange, parseInstant, parseWithSchema } from '../paths/parse.ts';

/** The definition as a request body or the CLI gives it (every field optional). */
export const AttributionDefinitionSchema = Type.Object(
  {
    item: Type.Optional(Type.Union([Type.Literal('channel'), Type.Literal('touchpoint')])),
    conversion: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    lookbackDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })),
    from: Type.Optional(Type.String()),
    to: Type.Optional(Type.String()),
    collapseRepeats: Type.Optional(Type.Boolean()),
    touches: Type.Optional(Type.Union([Type.Literal('staged'), Type.Literal('all')])),
  },
  { additionalProperties: false },
);
export type AttributionDefinitionInput = Static<typeof AttributionDefinitionSchema>;

/** A checked definition, every default filled in. */
export interface AttributionDefinition {
  /** What a touch is credited as: its channel or its touchpoint. */
  item: 'channel' | 'touchpoint';
  /** The action that is a conversion (its `revenue` is the conversion's value). */
  conversion: string;
  /** A conversion's journey holds the touches of this many days before it, at most. */
  lookbackDays: number;
  /** Conversions from this instant (inclusive); their touches may be older. */
  from: Date | null;
  /** The range end (exclusive); null: just after the latest event. */
  to: Date | null;
  /** Fold consecutive touches of the same item into one. */
  collapseRepeats: boolean;
  /**
   * Which events are touches: only the customer's own steps, those with a journey stage
   * ('staged': messages the business sends and identify calls are left out), or every event.
   */
  touches: 'staged' | 'all';
}

const what = 'attribution definition';

/**
 * Checks an attribution definition and fills in its defaults (channels, `order_completed`, 30 days
 * of lookback, repeats collapsed, only staged events as touches); throws a `RangeError` naming the wrong field.
 * @example parseAttributionDefinition({ item: 'touchpoint', lookbackDays: 14 })
 */
export function parseAttributionDefinition(raw: unknown): AttributionDefinition {
  const input = parseWithSchema(AttributionDefinitionSchema, raw, what);
  const from = parseInstant(what, 'from', input.from);
  const to = parseInstant(what, 'to', input.to);
  checkRange(what, from, to);
  return {
    item: input.item ?? 'channel',
    conversion: input.conversion ?? 'order_completed',
    lookbackDays: input.lookbackDays ?? 30,
    from,
    to,
    collapseRepeats: input.collapseRepeats ?? true,
    touches: input.touches ?? 'staged',
  };
}
