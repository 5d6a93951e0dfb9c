import { Type } from '@sinclair/typebox';

const Time = Type.String({ format: 'date-time' });
const NullableTime = Type.Union([Time, Type.Null()]);

const Statement = Type.Object({ granted: Type.Boolean(), source: Type.String(), observedAt: Time });

const Nullable = (schema: ReturnType<typeof Type.Number>) => Type.Union([schema, Type.Null()]);

export const ComputedValueBody = Type.Object({
  asOf: Type.String({ format: 'date' }),
  clv: Nullable(Type.Number()),
  probabilityAlive: Type.Number(),
  expectedPurchases90d: Type.Number(),
  expectedSpend: Nullable(Type.Number()),
  valueTier: Type.Integer(),
  rfmSegment: Type.String(),
  rfm: Type.Object({ recency: Type.Integer(), frequency: Type.Integer(), monetary: Type.Integer() }),
});

export const CustomerViewBody = Type.Object({
  id: Type.String(),
  firstSeen: Time,
  lastSeen: Time,
  events: Type.Integer(),
  merges: Type.Integer(),
  identities: Type.Array(
    Type.Object({
      type: Type.String(),
      value: Type.String(),
      raw: Type.String(),
      firstSeen: Time,
      lastSeen: Time,
    }),
  ),
  traits: Type.Record(
    Type.String(),
    Type.Object({ value: Type.Unknown(), source: Type.String(), channel: Type.String(), observedAt: Time }),
  ),
  consent: Type.Object({
    purposes: Type.Record(Type.String(), Statement),
    channels: Type.Record(Type.String(), Type.Record(Type.String(), Statement)),
  }),
  summary: Type.Union([
    Type.Object({
      firstSeen: Time,
      lastSeen: Time,
      events: Type.Integer(),
      channels: Type.Array(Type.String()),
      orders: Type.Integer(),
      revenue: Type.Number(),
      lastOrder: NullableTime,
      lastContact: NullableTime,
      lastContactChannel: Type.Union([Type.String(), Type.Null()]),
      openTickets: Type.Integer(),
    }),
    Type.Null(),
  ]),
  value: Type.Union([ComputedValueBody, Type.Null()]),
});

export const ProfileMatchBody = Type.Object({
  profileId: Type.String(),
  name: Type.Union([Type.String(), Type.Null()]),
  email: Type.Union([Type.String(), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()]),
  lastSeen: Time,
});

export const TimelineBody = Type.Object({
  events: Type.Array(Type.Object({}, { additionalProperties: true })),
  next: Type.Union([Type.String(), Type.Null()]),
});

export const SplitBody = Type.Object({
  splitId: Type.String(),
  mergeId: Type.String(),
  sides: Type.Array(Type.Array(Type.String())),
  by: Type.String(),
  at: Time,
  reason: Type.Union([Type.String(), Type.Null()]),
});

export const MergeBody = Type.Object({
  mergeId: Type.String(),
  at: Time,
  messageId: Type.String(),
  rule: Type.String(),
  into: Type.String(),
  absorbed: Type.Array(Type.String()),
  linkedBy: Type.Array(Type.Object({ type: Type.String(), value: Type.String(), raw: Type.String() })),
  sides: Type.Array(Type.Array(Type.String())),
  by: Type.Optional(Type.String({ description: 'who merged the profiles (rule `operator` only)' })),
  reason: Type.Optional(Type.Union([Type.String(), Type.Null()])),
});

const IdentifierBody = Type.Object({ type: Type.String(), value: Type.String(), raw: Type.String() });

export const MergeProfilesRequest = Type.Object(
  {
    profiles: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), {
      minItems: 2,
      maxItems: 2,
      description: 'the two profile ids; the older profile remains',
    }),
    reason: Type.String({ minLength: 1, maxLength: 500 }),
  },
  { additionalProperties: false },
);

export const ProfilesMergedBody = Type.Object({
  merged: Type.Boolean(),
  /** The profile that remains (null when a rule kept the profiles apart). */
  profileId: Type.Union([Type.String(), Type.Null()]),
  mergeId: Type.Union([Type.String(), Type.Null()]),
  link: Type.Object({
    linkId: Type.String(),
    identifiers: Type.Array(IdentifierBody),
    by: Type.String(),
    at: Time,
    reason: Type.Union([Type.String(), Type.Null()]),
  }),
  /** Identifiers of the link a rule made stitching drop, and why (empty when merged). */
  dropped: Type.Array(
    Type.Object({
      type: Type.String(),
      value: Type.String(),
      reason: Type.Object({ rule: Type.String() }, { additionalProperties: true }),
    }),
  ),
});

export const ProfileIdParams = Type.Object({ profileId: Type.String({ minLength: 1, maxLength: 200 }) });
export const TimelineQueryString = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  cursor: Type.Optional(Type.String({ maxLength: 500 })),
  channel: Type.Optional(Type.String({ description: 'comma-separated channels' })),
  type: Type.Optional(Type.String({ description: 'comma-separated event types (track, identify, page…)' })),
  event: Type.Optional(Type.String({ description: 'comma-separated event names (Order Completed…)' })),
});
