import type { NewRefusal, StoredEvent } from '../types.ts';

/**
 * Events travel to DuckDB as one JSON document per write, unpacked by the engine itself
 * (`from_json`), so the work of building rows happens off the JavaScript thread.
 */
const eventColumns = {
  workspace_id: 'VARCHAR',
  source_id: 'VARCHAR',
  channel: 'VARCHAR',
  message_id: 'VARCHAR',
  type: 'VARCHAR',
  name: 'VARCHAR',
  user_id: 'VARCHAR',
  anonymous_id: 'VARCHAR',
  group_id: 'VARCHAR',
  previous_id: 'VARCHAR',
  timestamp: 'BIGINT',
  original_timestamp: 'BIGINT',
  sent_at: 'BIGINT',
  received_at: 'BIGINT',
  timestamp_clamped: 'BOOLEAN',
  origin: 'VARCHAR',
  properties: 'JSON',
  traits: 'JSON',
  context: 'JSON',
  integrations: 'JSON',
  ip: 'VARCHAR',
  user_agent: 'VARCHAR',
  locale: 'VARCHAR',
  consent: 'JSON',
  campaign: 'JSON',
  library_name: 'VARCHAR',
  library_version: 'VARCHAR',
} as const;

const timeColumns = new Set(['timestamp', 'original_timestamp', 'sent_at', 'received_at']);

const selectList = Object.keys(eventColumns)
  .map((column) => (timeColumns.has(column) ? `make_timestamptz(r.${column} * 1000)` : `r.${column}`))
  .join(', ');

export const insertEventsSql = `INSERT INTO events (${Object.keys(eventColumns).join(', ')})
  SELECT ${selectList}
  FROM (SELECT unnest(from_json($rows::JSON, '${JSON.stringify([eventColumns])}')) AS r)`;

export const insertRefusalsSql = `INSERT INTO refused_events
  SELECT r.workspace_id, r.source_id, make_timestamptz(r.received_at * 1000), r.origin, r.reason, r.payload
  FROM (SELECT unnest(from_json($rows::JSON, '[{"workspace_id":"VARCHAR","source_id":"VARCHAR",
    "received_at":"BIGINT","origin":"VARCHAR","reason":"VARCHAR","payload":"VARCHAR"}]')) AS r)`;

/** Serialises events as the JSON document `insertEventsSql` expects. */
export function eventRowsJson(events: readonly StoredEvent[]): string {
  return JSON.stringify(events.map(eventRow));
}

function eventRow(e: StoredEvent) {
  return {
    workspace_id: e.workspaceId,
    source_id: e.sourceId,
    channel: e.channel,
    message_id: e.messageId,
    type: e.type,
    name: e.name,
    user_id: e.userId,
    anonymous_id: e.anonymousId,
    group_id: e.groupId,
    previous_id: e.previousId,
    timestamp: e.timestamp.getTime(),
    original_timestamp: e.originalTimestamp?.getTime() ?? null,
    sent_at: e.sentAt?.getTime() ?? null,
    received_at: e.receivedAt.getTime(),
    timestamp_clamped: e.timestampClamped,
    origin: e.origin,
    properties: e.properties,
    traits: e.traits,
    context: e.context,
    integrations: e.integrations,
    ip: e.ip,
    user_agent: e.userAgent,
    locale: e.locale,
    consent: e.consent,
    campaign: e.campaign,
    library_name: e.libraryName,
    library_version: e.libraryVersion,
  };
}

/** Serialises refusals as the JSON document `insertRefusalsSql` expects. */
export function refusalRowsJson(refusals: readonly NewRefusal[]): string {
  return JSON.stringify(
    refusals.map((r) => ({
      workspace_id: r.workspaceId,
      source_id: r.sourceId,
      received_at: r.receivedAt.getTime(),
      origin: r.origin,
      reason: r.reason,
      payload: r.payload,
    })),
  );
}
