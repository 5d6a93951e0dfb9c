import type { NewRefusal, StoredEvent } from '../types.ts';

/**
 * Events travel to DuckDB as one text per write holding one JSON document per line (JSON
 * escapes every newline inside a value, so a newline only ever ends a row). The engine splits
 * it and unpacks each line with `from_json`: row by row, in vectors, which costs a third of
 * unpacking one JSON array holding every row (measured in docs/benchmarks.md).
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
  FROM (SELECT from_json(line, '${JSON.stringify(eventColumns)}') AS r
    FROM (SELECT unnest(string_split($rows, chr(10))) AS line))`;

export const insertRefusalsSql = `INSERT INTO refused_events
  SELECT r.workspace_id, r.source_id, make_timestamptz(r.received_at * 1000), r.origin, r.reason, r.payload
  FROM (SELECT unnest(from_json($rows::JSON, '[{"workspace_id":"VARCHAR","source_id":"VARCHAR",
    "received_at":"BIGINT","origin":"VARCHAR","reason":"VARCHAR","payload":"VARCHAR"}]')) AS r)`;

/**
 * Serialises events as the newline-separated rows `insertEventsSql` expects, taking the rows
 * already serialised (by `eventRowJson`, when the events were accepted) from `prepared`.
 */
export function eventRowsJson(
  events: readonly StoredEvent[],
  prepared?: { get(event: StoredEvent): string | undefined },
): string {
  return events.map((e) => prepared?.get(e) ?? eventRowJson(e)).join('\n');
}

/** One event's row, one line of the text `insertEventsSql` expects. */
export function eventRowJson(event: StoredEvent): string {
  // JSON.stringify of a row object is faster than writing the row out by hand.
  return JSON.stringify(eventRow(event));
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
