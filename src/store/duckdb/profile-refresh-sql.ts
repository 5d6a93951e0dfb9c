import type { SqlValue } from '../port.ts';
import type { ProfileRefreshOptions } from '../types.ts';

/**
 * The SQL that recomputes the single customer view's tables (traits, consents, summaries) from
 * the events and the identity mapping, for a whole workspace or a list of profiles.
 * Every statement takes `$workspace` and, when `profiles` is set, `$profiles` (a JSON list).
 */
export interface ProfileRefreshSql {
  statements: string[];
  params: Record<string, SqlValue>;
}

/** Channels on which the customer and the business talk to each other (for "last contact"). */
export const conversationChannels = ['call_centre', 'chat', 'social', 'survey'] as const;

/** Ticket statuses that mean the ticket is finished, in the languages our users' tools speak. */
export const closedTicketStatuses = [
  'closed',
  'resolved',
  'solved',
  'done',
  'fermé',
  'ferme',
  'clos',
  'clôturé',
  'cloture',
  'résolu',
  'resolu',
];

export function profileRefreshSql(workspaceId: string, options: ProfileRefreshOptions): ProfileRefreshSql {
  const params: Record<string, SqlValue> = { workspace: workspaceId };
  const only = options.profileIds
    ? ` AND profile_id IN (SELECT unnest(from_json($profiles, '["VARCHAR"]')))`
    : '';
  if (options.profileIds) params.profiles = JSON.stringify(options.profileIds);
  const priorities = priorityValues(options.traitSources ?? {}, params);
  const statements = ['profile_traits', 'profile_consents', 'profile_summaries'].map(
    (table) => `DELETE FROM ${table} WHERE workspace_id = $workspace${only}`,
  );
  const mapped = `(SELECT workspace_id, profile_id, message_id FROM identity_event_profiles
      WHERE workspace_id = $workspace${only})`;
  statements.push(traitsSql(mapped, priorities), consentsSql(mapped), summariesSql(mapped));
  return { statements, params };
}

/**
 * Per-trait source priorities as rows (trait, source, rank); `*` stands for every trait.
 * A trait's value comes from the best-ranked source that reported it, the latest report first.
 */
function priorityValues(traitSources: Record<string, readonly string[]>, params: Record<string, SqlValue>) {
  const rows: string[] = [];
  for (const [trait, sources] of Object.entries(traitSources)) {
    sources.forEach((source, rank) => {
      const n = rows.length;
      params[`pt${n}`] = trait;
      params[`ps${n}`] = source;
      rows.push(`($pt${n}, $ps${n}, ${rank})`);
    });
  }
  return rows.length > 0
    ? `SELECT * FROM (VALUES ${rows.join(', ')}) AS v(trait, source, rank)`
    : 'SELECT NULL::VARCHAR AS trait, NULL::VARCHAR AS source, NULL::INTEGER AS rank WHERE false';
}

function traitsSql(mapped: string, priorities: string): string {
  return `INSERT INTO profile_traits
    WITH priority AS (${priorities}),
    reported AS (
      SELECT p.workspace_id, p.profile_id, t.key AS trait, t.value AS value, s.name AS source,
        e.channel, e.timestamp AS observed_at, e.message_id
      FROM ${mapped} p
      JOIN events e ON e.workspace_id = p.workspace_id AND e.message_id = p.message_id
      JOIN sources s ON s.id = e.source_id,
      json_each(CASE WHEN json_type(e.traits) = 'OBJECT' THEN e.traits ELSE e.context->'traits' END) AS t
      WHERE (json_type(e.traits) = 'OBJECT' OR json_type(e.context->'traits') = 'OBJECT') AND t.type <> 'NULL'
    )
    SELECT r.workspace_id, r.profile_id, r.trait, r.value, r.source, r.channel, r.observed_at, r.message_id
    FROM reported r
    QUALIFY row_number() OVER (
      PARTITION BY r.profile_id, r.trait
      ORDER BY coalesce((SELECT min(rank) FROM priority
          WHERE (priority.trait = r.trait OR priority.trait = '*') AND priority.source = r.source), 1000000),
        r.observed_at DESC, r.message_id DESC) = 1`;
}

/**
 * Consent per purpose: \`context.consent.categoryPreferences\` (every channel, written \`all\`),
 * and per channel: an \`Unsubscribed\` or \`Subscribed\` track event withdraws or gives
 * marketing consent on the channel it came from. The latest statement of each pair is kept.
 */
function consentsSql(mapped: string): string {
  return `INSERT INTO profile_consents
    WITH stated AS (
      SELECT p.workspace_id, p.profile_id, c.key AS purpose, 'all' AS channel,
        c.value::BOOLEAN AS granted, s.name AS source, e.timestamp AS observed_at, e.message_id
      FROM ${mapped} p
      JOIN events e ON e.workspace_id = p.workspace_id AND e.message_id = p.message_id
      JOIN sources s ON s.id = e.source_id,
      json_each(e.consent) AS c
      WHERE json_type(e.consent) = 'OBJECT' AND c.type = 'BOOLEAN'
      UNION ALL
      SELECT p.workspace_id, p.profile_id, 'marketing', e.channel, e.name = 'Subscribed', s.name,
        e.timestamp, e.message_id
      FROM ${mapped} p
      JOIN events e ON e.workspace_id = p.workspace_id AND e.message_id = p.message_id
      JOIN sources s ON s.id = e.source_id
      WHERE e.type = 'track' AND e.name IN ('Unsubscribed', 'Subscribed')
    )
    SELECT workspace_id, profile_id, purpose, channel, granted, source, observed_at FROM stated
    QUALIFY row_number() OVER (
      PARTITION BY profile_id, purpose, channel ORDER BY observed_at DESC, message_id DESC) = 1`;
}

function summariesSql(mapped: string): string {
  const order = `e.type = 'track' AND e.name = 'Order Completed'`;
  const contact = `e.channel IN (${conversationChannels.map((c) => `'${c}'`).join(', ')})`;
  const closed = closedTicketStatuses.map((s) => `'${s}'`).join(', ');
  return `INSERT INTO profile_summaries
    WITH profile_events AS (
      SELECT p.profile_id, e.*
      FROM ${mapped} p
      JOIN events e ON e.workspace_id = p.workspace_id AND e.message_id = p.message_id
    ),
    tickets AS (
      SELECT profile_id, lower(trim(coalesce(properties->>'status', ''))) AS status,
        properties->>'closedAt' AS closed_at
      FROM profile_events e
      WHERE e.type = 'track' AND e.name = 'Ticket Opened'
      QUALIFY row_number() OVER (
        PARTITION BY profile_id, coalesce(properties->>'ticketId', message_id)
        ORDER BY timestamp DESC, message_id DESC) = 1
    ),
    open_tickets AS (
      SELECT profile_id, count(*) AS open_tickets FROM tickets
      WHERE status NOT IN (${closed}) AND closed_at IS NULL
      GROUP BY profile_id
    )
    SELECT e.workspace_id, e.profile_id, min(e.timestamp), max(e.timestamp), count(*),
      list(DISTINCT e.channel ORDER BY e.channel),
      count(*) FILTER (WHERE ${order}),
      coalesce(sum(TRY_CAST(e.properties->>'revenue' AS DOUBLE)) FILTER (WHERE ${order}), 0),
      max(e.timestamp) FILTER (WHERE ${order}),
      max(e.timestamp) FILTER (WHERE ${contact}),
      arg_max(e.channel, e.timestamp) FILTER (WHERE ${contact}),
      coalesce(any_value(o.open_tickets), 0)
    FROM profile_events e
    LEFT JOIN open_tickets o ON o.profile_id = e.profile_id
    GROUP BY e.workspace_id, e.profile_id`;
}
