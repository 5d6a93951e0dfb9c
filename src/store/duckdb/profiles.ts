import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import type { ProfileStore, ProfileWithValue, SqlValue } from '../port.ts';
import type {
  ConsentRow,
  JsonObject,
  MergeRow,
  ProfileMatch,
  ProfileRecord,
  ProfileRefreshOptions,
  ProfileSummaryRow,
  ProfileValueRow,
  SplitRow,
  StoredEvent,
  TimelineQuery,
  TraitRow,
  ValueQuery,
} from '../types.ts';
import { storedEventOf } from './event-read.ts';
import { linkRowOf, mergeRowOf, splitRowOf } from './identity-rows.ts';
import { readProfilesAfter, readValuesAfter, readViewsDigest } from './profile-batches.ts';
import { profileRefreshSql } from './profile-refresh-sql.ts';
import { readValuation, readValue, readValues, saveValues } from './profile-values.ts';
import { SerialConnection } from './serial-connection.ts';

type Row = Record<string, unknown>;

const nameTraits = ['name', 'firstName', 'lastName', 'first_name', 'last_name', 'firstname', 'lastname'];

/**
 * The single customer view's tables on DuckDB. Refreshes run on a connection of their own, one at
 * a time; reads go through the shared reader connection.
 */
export class DuckDBProfiles implements ProfileStore {
  private readonly serial: SerialConnection;

  constructor(
    private readonly writer: DuckDBConnection,
    private readonly read: (sql: string, params?: Record<string, SqlValue>) => Promise<Row[]>,
  ) {
    this.serial = new SerialConnection(writer);
  }

  refresh(workspaceId: string, options: ProfileRefreshOptions = {}): Promise<void> {
    if (options.profileIds?.length === 0) return Promise.resolve();
    const { statements, params } = profileRefreshSql(workspaceId, options);
    return this.serial.transaction(async () => {
      for (const sql of statements) await this.writer.run(sql, pick(sql, params));
    });
  }

  saveValues(
    workspaceId: string,
    valuation: { asOf: string; customers: readonly ProfileValueRow[]; summary: JsonObject },
  ): Promise<void> {
    return this.serial.transaction(() => saveValues(this.writer, workspaceId, valuation));
  }

  values(workspaceId: string, query: ValueQuery): Promise<{ total: number; customers: ProfileValueRow[] }> {
    return readValues(this.read, workspaceId, query);
  }

  value(workspaceId: string, profileId: string): Promise<(ProfileValueRow & { asOf: string }) | undefined> {
    return readValue(this.read, workspaceId, profileId);
  }

  valuation(
    workspaceId: string,
  ): Promise<{ computedAt: Date; asOf: string; summary: JsonObject } | undefined> {
    return readValuation(this.read, workspaceId);
  }

  async findByIdentifier(workspaceId: string, type: string, value: string): Promise<string | undefined> {
    const rows = await this.read(identifierLookupSql, { workspace: workspaceId, type, value });
    return rows[0] ? String(rows[0].profile_id) : undefined;
  }

  async search(workspaceId: string, text: string, limit: number): Promise<ProfileMatch[]> {
    const names = nameTraits.map((t) => `'${t}'`).join(', ');
    const rows = await this.read(
      `WITH found AS (
         SELECT profile_id FROM identity_links
         WHERE workspace_id = $workspace AND id_type IN ('email', 'phone') AND starts_with(id_value, lower($text))
         UNION
         SELECT profile_id FROM profile_traits
         WHERE workspace_id = $workspace AND trait IN (${names})
           AND json_type(value) = 'VARCHAR' AND starts_with(lower(value->>'$'), lower($text))
       )
       SELECT f.profile_id, s.last_seen,
         (SELECT string_agg(t.value->>'$', ' ' ORDER BY t.trait) FROM profile_traits t
          WHERE t.workspace_id = $workspace AND t.profile_id = f.profile_id AND t.trait IN ('firstName', 'lastName')) AS name,
         (SELECT min(id_value) FROM identity_links l
          WHERE l.workspace_id = $workspace AND l.profile_id = f.profile_id AND l.id_type = 'email') AS email,
         (SELECT min(id_value) FROM identity_links l
          WHERE l.workspace_id = $workspace AND l.profile_id = f.profile_id AND l.id_type = 'phone') AS phone
       FROM found f JOIN identity_profiles s ON s.workspace_id = $workspace AND s.profile_id = f.profile_id
       ORDER BY s.last_seen DESC, f.profile_id LIMIT ${Math.max(1, Math.floor(limit))}`,
      { workspace: workspaceId, text: text.trim() },
    );
    return rows.map((r) => ({
      profileId: String(r.profile_id),
      name: (r.name as string | null) ?? null,
      email: (r.email as string | null) ?? null,
      phone: (r.phone as string | null) ?? null,
      lastSeen: r.last_seen as Date,
    }));
  }

  async get(workspaceId: string, profileId: string): Promise<ProfileRecord | undefined> {
    const params = { workspace: workspaceId, profile: profileId };
    const [profiles, identifiers, traits, consents, summaries] = await Promise.all([
      this.read(ofProfile('identity_profiles'), params),
      this.read(ofProfile('identity_links', 'id_type, first_seen, id_value'), params),
      this.read(ofProfile('profile_traits', 'trait'), params),
      this.read(ofProfile('profile_consents', 'purpose, channel'), params),
      this.read(ofProfile('profile_summaries'), params),
    ]);
    const profile = profiles[0];
    if (!profile) return undefined;
    return {
      profile: {
        profileId,
        firstSeen: profile.first_seen as Date,
        lastSeen: profile.last_seen as Date,
        events: Number(profile.events),
        merges: Number(profile.merges),
      },
      identifiers: identifiers.map(linkRowOf),
      traits: traits.map(traitOf),
      consents: consents.map(consentOf),
      summary: summaries[0] ? summaryOf(summaries[0]) : null,
    };
  }

  async timeline(workspaceId: string, profileId: string, query: TimelineQuery): Promise<StoredEvent[]> {
    const params: Record<string, SqlValue> = { workspace: workspaceId, profile: profileId };
    const filters: string[] = [];
    const list = (column: string, name: string, values: readonly string[] | undefined) => {
      if (!values?.length) return;
      params[name] = JSON.stringify(values);
      filters.push(`e.${column} IN (SELECT unnest(from_json($${name}, '["VARCHAR"]')))`);
    };
    list('channel', 'channels', query.channels);
    list('type', 'types', query.types);
    list('name', 'events', query.events);
    if (query.before) {
      params.beforeAt = query.before.at;
      params.beforeId = query.before.messageId;
      filters.push(
        `(e.timestamp < $beforeAt::TIMESTAMPTZ OR (e.timestamp = $beforeAt::TIMESTAMPTZ AND e.message_id < $beforeId))`,
      );
    }
    const rows = await this.read(
      `SELECT e.* FROM identity_event_profiles p
       JOIN events e ON e.workspace_id = p.workspace_id AND e.message_id = p.message_id
       WHERE p.workspace_id = $workspace AND p.profile_id = $profile
       ${filters.map((f) => `AND ${f}`).join(' ')}
       ORDER BY e.timestamp DESC, e.message_id DESC LIMIT ${Math.floor(query.limit) + 1}`,
      params,
    );
    return rows.map(storedEventOf);
  }

  async history(workspaceId: string, profileId: string): Promise<{ merges: MergeRow[]; splits: SplitRow[] }> {
    const params = { workspace: workspaceId, profile: profileId };
    const [merges, splits] = await Promise.all([
      this.read(
        `SELECT * FROM identity_merges
         WHERE workspace_id = $workspace
           AND (into_profile_id = $profile OR list_contains(from_json(absorbed, '["VARCHAR"]'), $profile))
         ORDER BY merged_at, merge_id`,
        params,
      ),
      this.read(
        `SELECT * FROM identity_splits s
         WHERE s.workspace_id = $workspace AND EXISTS (
           SELECT 1 FROM identity_links l
           WHERE l.workspace_id = $workspace AND l.profile_id = $profile
             AND list_contains(flatten(from_json(s.sides, '[["VARCHAR"]]')), l.id_type || ':' || l.id_value))
         ORDER BY decided_at, split_id`,
        params,
      ),
    ]);
    return { merges: merges.map(mergeRowOf), splits: splits.map(splitRowOf) };
  }

  /** On the refresh connection, one batch at a time between refreshes: requests keep the readers. */
  profilesAfter(workspaceId: string, after: string | null, limit: number): Promise<ProfileWithValue[]> {
    return this.serial.transaction(() => readProfilesAfter(this.writer, workspaceId, after, limit));
  }

  valuesAfter(
    workspaceId: string,
    after: string | null,
    limit: number,
  ): Promise<(ProfileValueRow & { asOf: string })[]> {
    return this.serial.transaction(() => readValuesAfter(this.writer, workspaceId, after, limit));
  }

  viewsDigest(workspaceId: string): Promise<string> {
    return readViewsDigest(this.read, workspaceId);
  }
}

/** The profile holding an identifier; the value alone goes through the index (see `ofProfile`). */
export const identifierLookupSql = `WITH hit AS MATERIALIZED (SELECT * FROM identity_links WHERE id_value = $value)
  SELECT profile_id FROM hit WHERE workspace_id = $workspace AND id_type = $type LIMIT 1`;

/**
 * A profile's rows of a table. DuckDB uses an index only for an equality on the one indexed
 * column, so the profile id is looked up alone and the workspace checked after.
 */
export function ofProfile(table: string, orderBy?: string): string {
  return `WITH hit AS MATERIALIZED (SELECT * FROM ${table} WHERE profile_id = $profile)
    SELECT * FROM hit WHERE workspace_id = $workspace${orderBy ? ` ORDER BY ${orderBy}` : ''}`;
}

/** Only the parameters a statement names: DuckDB refuses unused ones. */
function pick(sql: string, params: Record<string, SqlValue>): Record<string, DuckDBValue> {
  const used: Record<string, DuckDBValue> = {};
  for (const [key, value] of Object.entries(params)) {
    if (new RegExp(`\\$${key}\\b`).test(sql)) used[key] = value instanceof Date ? value.toISOString() : value;
  }
  return used;
}

function json(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

function traitOf(r: Row): TraitRow {
  return {
    trait: String(r.trait),
    value: json(r.value),
    source: String(r.source),
    channel: String(r.channel),
    observedAt: r.observed_at as Date,
    messageId: String(r.message_id),
  };
}

function consentOf(r: Row): ConsentRow {
  return {
    purpose: String(r.purpose),
    channel: String(r.channel),
    granted: Boolean(r.granted),
    source: String(r.source),
    observedAt: r.observed_at as Date,
  };
}

function summaryOf(r: Row): ProfileSummaryRow {
  return {
    firstSeen: r.first_seen as Date,
    lastSeen: r.last_seen as Date,
    events: Number(r.events),
    channels: (r.channels as string[]) ?? [],
    orders: Number(r.orders),
    revenue: Number(r.revenue),
    lastOrder: (r.last_order as Date | null) ?? null,
    lastContact: (r.last_contact as Date | null) ?? null,
    lastContactChannel: (r.last_contact_channel as string | null) ?? null,
    openTickets: Number(r.open_tickets),
  };
}
