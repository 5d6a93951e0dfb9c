import type { Channel, EventType, JsonObject, StoredEvent } from '../types.ts';

type Row = Record<string, unknown>;

/** An `events` row, as DuckDB returns it, back into the event it was stored from. */
export function storedEventOf(r: Row): StoredEvent {
  return {
    workspaceId: String(r.workspace_id),
    sourceId: String(r.source_id),
    channel: r.channel as Channel,
    messageId: String(r.message_id),
    type: r.type as EventType,
    name: text(r.name),
    userId: text(r.user_id),
    anonymousId: text(r.anonymous_id),
    groupId: text(r.group_id),
    previousId: text(r.previous_id),
    timestamp: r.timestamp as Date,
    originalTimestamp: (r.original_timestamp as Date | null) ?? null,
    sentAt: (r.sent_at as Date | null) ?? null,
    receivedAt: r.received_at as Date,
    timestampClamped: Boolean(r.timestamp_clamped),
    origin: r.origin as StoredEvent['origin'],
    properties: object(r.properties),
    traits: object(r.traits),
    context: object(r.context),
    integrations: object(r.integrations),
    ip: text(r.ip),
    userAgent: text(r.user_agent),
    locale: text(r.locale),
    consent: object(r.consent),
    campaign: object(r.campaign),
    libraryName: text(r.library_name),
    libraryVersion: text(r.library_version),
  };
}

function text(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

function object(value: unknown): JsonObject | null {
  if (value === null || value === undefined) return null;
  return (typeof value === 'string' ? JSON.parse(value) : value) as JsonObject;
}
