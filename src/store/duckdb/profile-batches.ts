import type { DuckDBConnection } from '@duckdb/node-api';
import type { ProfileWithValue } from '../port.ts';
import type { ProfileRecord, ProfileValueRow } from '../types.ts';

// Batched reads of whole customer views, for filling a cache of them. Each table's rows of a batch
// travel as one JSON text (arrays, times as epoch milliseconds): turning DuckDB values into
// JavaScript one by one cost five times as much. They give what `get` and `value` give, row for
// row (src/store/duckdb/profile-batches.test.ts checks it).

type Cells = unknown[];

const range = 'workspace_id = $w AND profile_id > $after AND profile_id <= $last';
const ms = (column: string) => `epoch_ms(${column})`;

/** A table's rows of the batch as one JSON array of arrays, the profile id first. */
function rowsSql(table: string, columns: string[], orderBy: string): string {
  return `SELECT '[' || coalesce(string_agg(json_array(profile_id, ${columns.join(', ')})::VARCHAR, ','
    ORDER BY profile_id, ${orderBy}), '') || ']' AS rows FROM ${table} WHERE ${range}`;
}

const batchSql = {
  last: `SELECT max(profile_id) AS last FROM (SELECT profile_id FROM identity_profiles
    WHERE workspace_id = $w AND profile_id > $after ORDER BY profile_id LIMIT $limit)`,
  profiles: rowsSql(
    'identity_profiles',
    [ms('first_seen'), ms('last_seen'), 'events', 'merges'],
    'profile_id',
  ),
  links: rowsSql(
    'identity_links',
    ['id_type', 'id_value', 'raw', ms('first_seen'), ms('last_seen')],
    'id_type, first_seen, id_value',
  ),
  traits: rowsSql(
    'profile_traits',
    ['trait', 'value', 'source', 'channel', ms('observed_at'), 'message_id'],
    'trait',
  ),
  consents: rowsSql(
    'profile_consents',
    ['purpose', 'channel', 'granted', 'source', ms('observed_at')],
    'purpose, channel',
  ),
  summaries: rowsSql(
    'profile_summaries',
    [
      ms('first_seen'),
      ms('last_seen'),
      'events',
      'channels',
      'orders',
      'revenue',
      ms('last_order'),
      ms('last_contact'),
      'last_contact_channel',
      'open_tickets',
    ],
    'first_seen',
  ),
  values: rowsSql('profile_values', valueColumns(), 'as_of'),
};

function valueColumns(): string[] {
  return [
    `strftime(as_of, '%Y-%m-%d')`,
    'probability_alive',
    'expected_purchases_90d',
    'expected_spend',
    'clv',
    'value_tier',
    'rfm_segment',
    'rfm_recency',
    'rfm_frequency',
    'rfm_monetary',
  ];
}

const valuesAfterSql = {
  last: `SELECT max(profile_id) AS last FROM (SELECT profile_id FROM profile_values
    WHERE workspace_id = $w AND profile_id > $after ORDER BY profile_id LIMIT $limit)`,
  values: batchSql.values,
};

/**
 * The next `limit` profiles after `after` in profile-id order, with everything their view shows.
 * Run it inside one transaction, so that the tables are read in one snapshot.
 */
export async function readProfilesAfter(
  connection: DuckDBConnection,
  workspaceId: string,
  after: string | null,
  limit: number,
): Promise<ProfileWithValue[]> {
  const last = await lastOfBatch(connection, batchSql.last, workspaceId, after, limit);
  if (last === null) return [];
  const params = { w: workspaceId, after: after ?? '', last };
  const rows = async (sql: string) =>
    JSON.parse(String((await connection.runAndReadAll(sql, params)).getRowsJS()[0]?.[0])) as Cells[];
  const profiles = await rows(batchSql.profiles);
  const links = byProfile(await rows(batchSql.links));
  const traits = byProfile(await rows(batchSql.traits));
  const consents = byProfile(await rows(batchSql.consents));
  const summaries = byProfile(await rows(batchSql.summaries));
  const values = byProfile(await rows(batchSql.values));
  return profiles.map(([profileId, firstSeen, lastSeen, events, merges]) => {
    const id = String(profileId);
    const summary = summaries.get(id)?.[0];
    const value = values.get(id)?.[0];
    const record: ProfileRecord = {
      profile: {
        profileId: id,
        firstSeen: date(firstSeen),
        lastSeen: date(lastSeen),
        events: Number(events),
        merges: Number(merges),
      },
      identifiers: (links.get(id) ?? []).map(([, idType, idValue, raw, first, last]) => ({
        idType: String(idType),
        idValue: String(idValue),
        raw: String(raw),
        profileId: id,
        firstSeen: date(first),
        lastSeen: date(last),
      })),
      traits: (traits.get(id) ?? []).map(([, trait, value, source, channel, observedAt, messageId]) => ({
        trait: String(trait),
        value,
        source: String(source),
        channel: String(channel),
        observedAt: date(observedAt),
        messageId: String(messageId),
      })),
      consents: (consents.get(id) ?? []).map(([, purpose, channel, granted, source, observedAt]) => ({
        purpose: String(purpose),
        channel: String(channel),
        granted: Boolean(granted),
        source: String(source),
        observedAt: date(observedAt),
      })),
      summary: summary ? summaryOf(summary) : null,
    };
    return { ...record, value: value ? valueRowOf(value) : undefined };
  });
}

/** The next `limit` value rows after `after`, in profile-id order. */
export async function readValuesAfter(
  connection: DuckDBConnection,
  workspaceId: string,
  after: string | null,
  limit: number,
): Promise<(ProfileValueRow & { asOf: string })[]> {
  const last = await lastOfBatch(connection, valuesAfterSql.last, workspaceId, after, limit);
  if (last === null) return [];
  const result = await connection.runAndReadAll(valuesAfterSql.values, {
    w: workspaceId,
    after: after ?? '',
    last,
  });
  return (JSON.parse(String(result.getRowsJS()[0]?.[0])) as Cells[]).map(valueRowOf);
}

/**
 * A digest of every table a customer view is read from: the sum of the hashes of the workspace's
 * rows, with their counts. Any change to a view changes it; reading it scans the tables once.
 */
export async function readViewsDigest(
  read: (sql: string, params: Record<string, string>) => Promise<Record<string, unknown>[]>,
  workspaceId: string,
): Promise<string> {
  const tables = [
    'identity_profiles',
    'identity_links',
    'profile_traits',
    'profile_consents',
    'profile_summaries',
    'profile_values',
  ];
  const parts = tables.map(
    (t) =>
      `(SELECT count(*) || '.' || coalesce(sum(hash(r))::VARCHAR, '0') FROM ${t} r WHERE workspace_id = $w)`,
  );
  const [row] = await read(`SELECT concat_ws('-', ${parts.join(', ')}) AS digest`, { w: workspaceId });
  return String(row?.digest);
}

async function lastOfBatch(
  connection: DuckDBConnection,
  sql: string,
  workspaceId: string,
  after: string | null,
  limit: number,
): Promise<string | null> {
  const result = await connection.runAndReadAll(sql, {
    w: workspaceId,
    after: after ?? '',
    limit: Math.max(1, Math.floor(limit)),
  });
  const last = result.getRowsJS()[0]?.[0];
  return last === null || last === undefined ? null : String(last);
}

function byProfile(rows: Cells[]): Map<string, Cells[]> {
  const grouped = new Map<string, Cells[]>();
  for (const row of rows) {
    const id = String(row[0]);
    const list = grouped.get(id);
    if (list) list.push(row);
    else grouped.set(id, [row]);
  }
  return grouped;
}

function date(value: unknown): Date {
  return new Date(Number(value));
}

function optionalDate(value: unknown): Date | null {
  return value === null || value === undefined ? null : date(value);
}

function optionalNumber(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

function summaryOf([, firstSeen, lastSeen, events, channels, orders, revenue, ...rest]: Cells) {
  const [lastOrder, lastContact, lastContactChannel, openTickets] = rest;
  return {
    firstSeen: date(firstSeen),
    lastSeen: date(lastSeen),
    events: Number(events),
    channels: (channels as string[] | null) ?? [],
    orders: Number(orders),
    revenue: Number(revenue),
    lastOrder: optionalDate(lastOrder),
    lastContact: optionalDate(lastContact),
    lastContactChannel: (lastContactChannel as string | null) ?? null,
    openTickets: Number(openTickets),
  };
}

function valueRowOf([profileId, asOf, alive, purchases, spend, clv, tier, segment, ...rfm]: Cells) {
  const [recency, frequency, monetary] = rfm;
  return {
    profileId: String(profileId),
    probabilityAlive: Number(alive),
    expectedPurchases90d: Number(purchases),
    expectedSpend: optionalNumber(spend),
    clv: optionalNumber(clv),
    valueTier: Number(tier),
    rfmSegment: String(segment),
    rfm: { recency: Number(recency), frequency: Number(frequency), monetary: Number(monetary) },
    asOf: String(asOf),
  };
}
