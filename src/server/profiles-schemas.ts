import { Type } from '@sinclair/typebox';

const Time = Type.String({ format: 'date-time' });
const NullableTime = Type.Union([Time, Type.Null()]);

const Statement = Type.Object({ granted: Type.Boolean(), source: Type.String(), observedAt: Time });

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
});

export const ProfileIdParams = Type.Object({ profileId: Type.String({ minLength: 1, maxLength: 200 }) });
export const TimelineQueryString = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  cursor: Type.Optional(Type.String({ maxLength: 500 })),
  channel: Type.Optional(Type.String({ description: 'comma-separated channels' })),
  type: Type.Optional(Type.String({ description: 'comma-separated event types (track, identify, page…)' })),
  event: Type.Optional(Type.String({ description: 'comma-separated event names (Order Completed…)' })),
});
