import { type Static, Type } from '@sinclair/typebox';
import { eventTypes } from '../store/types.ts';

/**
 * The Segment Spec message, as accepted on the wire. The shape lives here once: validation,
 * TypeScript types and the OpenAPI document all come from it. The rules that tie fields
 * together (an identity on every message, `event` on track...) are in `validate.ts`.
 */
const Identifier = Type.Union([Type.String(), Type.Number()]);
const Time = Type.String({ description: 'ISO 8601 date-time' });
const Bag = Type.Record(Type.String(), Type.Unknown());

export const SegmentMessage = Type.Object(
  {
    type: Type.Optional(Type.Union(eventTypes.map((t) => Type.Literal(t)))),
    messageId: Type.Optional(Type.String({ maxLength: 100 })),
    userId: Type.Optional(Type.Union([Identifier, Type.Null()])),
    anonymousId: Type.Optional(Type.Union([Identifier, Type.Null()])),
    groupId: Type.Optional(Type.Union([Identifier, Type.Null()])),
    previousId: Type.Optional(Type.Union([Identifier, Type.Null()])),
    event: Type.Optional(Type.String()),
    name: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    category: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    timestamp: Type.Optional(Type.Union([Time, Type.Null()])),
    originalTimestamp: Type.Optional(Type.Union([Time, Type.Null()])),
    sentAt: Type.Optional(Type.Union([Time, Type.Null()])),
    properties: Type.Optional(Type.Union([Bag, Type.Null()])),
    traits: Type.Optional(Type.Union([Bag, Type.Null()])),
    context: Type.Optional(Type.Union([Bag, Type.Null()])),
    integrations: Type.Optional(Type.Union([Bag, Type.Null()])),
    writeKey: Type.Optional(Type.String()),
  },
  { additionalProperties: true },
);
export type SegmentMessage = Static<typeof SegmentMessage>;

export const SegmentBatch = Type.Object(
  {
    batch: Type.Array(Type.Unknown()),
    writeKey: Type.Optional(Type.String()),
    sentAt: Type.Optional(Time),
    context: Type.Optional(Bag),
    integrations: Type.Optional(Bag),
  },
  { additionalProperties: true },
);
export type SegmentBatch = Static<typeof SegmentBatch>;

/** What the collector answers. */
export const CollectAnswer = Type.Object({
  success: Type.Boolean(),
  accepted: Type.Optional(Type.Integer()),
  duplicates: Type.Optional(Type.Integer()),
  refused: Type.Optional(
    Type.Array(
      Type.Object({
        index: Type.Integer(),
        messageId: Type.Optional(Type.String()),
        field: Type.String(),
        rule: Type.String(),
        message: Type.String(),
      }),
    ),
  ),
});
export type CollectAnswer = Static<typeof CollectAnswer>;
