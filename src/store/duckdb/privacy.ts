import type { DuckDBConnection } from '@duckdb/node-api';
import type { PrivacyStore } from '../port.ts';
import type { ErasureRecord, ErasureRequest, SuppressedIdentifier } from '../types.ts';
import { SerialConnection } from './serial-connection.ts';

const ids = (name: string) => `(SELECT unnest(from_json($${name}, '["VARCHAR"]')))`;

/** The person's events: those stitched to the profile and those carrying its user or anonymous ids. */
const messagesSql = `SELECT message_id FROM identity_event_profiles
  WHERE workspace_id = $workspace AND profile_id = $profile
  UNION
  SELECT message_id FROM events WHERE workspace_id = $workspace
    AND (user_id IN ${ids('users')} OR anonymous_id IN ${ids('anonymous')} OR previous_id IN ${ids('anonymous')})`;

/** The two sides of a pair in the matching review queue. */
const reviewSides = `from_json(identifiers, '[{"profileId":"VARCHAR","identifiers":[{"type":"VARCHAR","value":"VARCHAR"}]}]')`;

/** Statements run in one transaction, after the person's message ids are known (`$messages`). */
const eraseSql = [
  `DELETE FROM events WHERE workspace_id = $workspace AND message_id IN ${ids('messages')}`,
  `DELETE FROM identity_event_profiles WHERE workspace_id = $workspace AND message_id IN ${ids('messages')}`,
  `DELETE FROM identity_dropped WHERE workspace_id = $workspace AND message_id IN ${ids('messages')}`,
  `DELETE FROM identity_links WHERE workspace_id = $workspace AND profile_id = $profile`,
  `DELETE FROM identity_profiles WHERE workspace_id = $workspace AND profile_id = $profile`,
  `DELETE FROM identity_merges WHERE workspace_id = $workspace
    AND (into_profile_id = $profile OR list_contains(from_json(absorbed, '["VARCHAR"]'), $profile))`,
  `DELETE FROM identity_splits WHERE workspace_id = $workspace
    AND len(list_intersect(flatten(from_json(sides, '[["VARCHAR"]]')), from_json($keys, '["VARCHAR"]'))) > 0`,
  `DELETE FROM identity_operator_links WHERE workspace_id = $workspace
    AND len(list_intersect(
      [i.type || ':' || i.value FOR i IN from_json(identifiers, '[{"type":"VARCHAR","value":"VARCHAR"}]')],
      from_json($keys, '["VARCHAR"]'))) > 0`,
  // Pairs proposed for review name the person (and show their traits): they go whatever their state.
  `DELETE FROM identity_match_reviews WHERE workspace_id = $workspace AND (
    len(list_intersect(
      flatten([[i.type || ':' || i.value FOR i IN s.identifiers] FOR s IN ${reviewSides}]),
      from_json($keys, '["VARCHAR"]'))) > 0
    OR list_contains([s.profileId FOR s IN ${reviewSides}], $profile))`,
  `DELETE FROM profile_traits WHERE workspace_id = $workspace AND profile_id = $profile`,
  `DELETE FROM profile_consents WHERE workspace_id = $workspace AND profile_id = $profile`,
  `DELETE FROM profile_summaries WHERE workspace_id = $workspace AND profile_id = $profile`,
  `DELETE FROM profile_values WHERE workspace_id = $workspace AND profile_id = $profile`,
  // Rows under a fallback id (never stitched) go at the next rebuild: the erasure changes the digest.
  `DELETE FROM journey_events WHERE workspace_id = $workspace AND profile_id = $profile`,
  // Refused items keep their payload: those that mention the person go too.
  `DELETE FROM refused_events WHERE workspace_id = $workspace
    AND list_bool_or([contains(lower(payload), lower(v)) FOR v IN from_json($values, '["VARCHAR"]')])`,
];

export class DuckDBPrivacy implements PrivacyStore {
  private readonly serial: SerialConnection;

  constructor(
    private readonly connection: DuckDBConnection,
    private readonly read: (
      sql: string,
      params?: Record<string, string>,
    ) => Promise<Record<string, unknown>[]>,
  ) {
    this.serial = new SerialConnection(connection);
  }

  /** In one transaction: the person's events and rows go, the tombstone and digests are written. */
  erase(workspaceId: string, request: ErasureRequest): Promise<ErasureRecord> {
    return this.serial.transaction(() => this.eraseNow(workspaceId, request));
  }

  async erasures(workspaceId: string): Promise<ErasureRecord[]> {
    const rows = await this.read(
      'SELECT * FROM erasures WHERE workspace_id = $workspace ORDER BY erased_at, erasure_id',
      { workspace: workspaceId },
    );
    return rows.map((r) => ({
      erasureId: String(r.erasure_id),
      profileId: String(r.profile_id),
      by: String(r.requested_by),
      at: r.erased_at as Date,
      reason: (r.reason as string | null) ?? null,
      identifiers: Number(r.identifiers),
      events: Number(r.events),
    }));
  }

  async suppressed(): Promise<SuppressedIdentifier[]> {
    const rows = await this.read(
      'SELECT DISTINCT workspace_id, id_type, value_digest FROM suppressed_identifiers',
    );
    return rows.map((r) => ({
      workspaceId: String(r.workspace_id),
      idType: String(r.id_type),
      valueDigest: String(r.value_digest),
    }));
  }

  private async eraseNow(workspaceId: string, request: ErasureRequest): Promise<ErasureRecord> {
    const of = (type: string) =>
      JSON.stringify(request.identifiers.filter((i) => i.type === type).map((i) => i.raw));
    const base = { workspace: workspaceId, profile: request.profileId };
    const values = [...new Set(request.identifiers.flatMap((i) => [i.value, i.raw]))].filter(
      (v) => v.length >= 3,
    );
    const found = await this.connection.runAndReadAll(messagesSql, {
      ...base,
      users: of('user_id'),
      anonymous: of('anonymous_id'),
    });
    const messages = JSON.stringify(found.getRowObjectsJS().map((r) => String(r.message_id)));
    const params: Record<string, string> = {
      ...base,
      messages,
      keys: JSON.stringify(request.identifiers.map((i) => `${i.type}:${i.value}`)),
      values: JSON.stringify(values),
    };
    for (const sql of eraseSql) {
      const used = Object.fromEntries(Object.entries(params).filter(([k]) => sql.includes(`$${k}`)));
      await this.connection.run(sql, used);
    }
    const record: ErasureRecord = {
      erasureId: request.erasureId,
      profileId: request.profileId,
      by: request.by,
      at: request.at,
      reason: request.reason,
      identifiers: request.identifiers.length,
      events: found.getRowObjectsJS().length,
    };
    await this.connection.run(
      `INSERT INTO erasures VALUES ($workspace, $id, $profile, $by, $at::TIMESTAMPTZ, $reason, $identifiers, $events)`,
      {
        ...base,
        id: record.erasureId,
        by: record.by,
        at: record.at.toISOString(),
        reason: record.reason,
        identifiers: record.identifiers,
        events: record.events,
      },
    );
    await this.connection.run(
      `INSERT INTO suppressed_identifiers
         SELECT $workspace, s.type, s.digest, $id, $at::TIMESTAMPTZ
         FROM (SELECT unnest(from_json($suppressed, '[{"type":"VARCHAR","digest":"VARCHAR"}]'), recursive := true)) s`,
      {
        workspace: workspaceId,
        id: record.erasureId,
        at: record.at.toISOString(),
        suppressed: JSON.stringify(request.identifiers.map(({ type, digest }) => ({ type, digest }))),
      },
    );
    return record;
  }
}
