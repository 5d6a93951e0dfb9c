import type { DuckDBConnection } from '@duckdb/node-api';
import type { SqlValue } from '../port.ts';
import type { JsonObject, ProfileValueRow, ValueQuery } from '../types.ts';

type Read = (sql: string, params?: Record<string, SqlValue>) => Promise<Record<string, unknown>[]>;

const valueColumns = `{"p":"VARCHAR","a":"DOUBLE","e":"DOUBLE","s":"DOUBLE","c":"DOUBLE","t":"INTEGER","g":"VARCHAR","r":"INTEGER","f":"INTEGER","m":"INTEGER"}`;

/** Replaces a workspace's value traits and valuation summary; rows travel as one JSON line each. */
export async function saveValues(
  connection: DuckDBConnection,
  workspaceId: string,
  valuation: { asOf: string; customers: readonly ProfileValueRow[]; summary: JsonObject },
): Promise<void> {
  const lines = valuation.customers
    .map((c) =>
      JSON.stringify({
        p: c.profileId,
        a: c.probabilityAlive,
        e: c.expectedPurchases90d,
        s: c.expectedSpend,
        c: c.clv,
        t: c.valueTier,
        g: c.rfmSegment,
        r: c.rfm.recency,
        f: c.rfm.frequency,
        m: c.rfm.monetary,
      }),
    )
    .join('\n');
  await connection.run('DELETE FROM profile_values WHERE workspace_id = $workspace', {
    workspace: workspaceId,
  });
  await connection.run('DELETE FROM value_models WHERE workspace_id = $workspace', {
    workspace: workspaceId,
  });
  if (lines.length > 0) {
    await connection.run(
      `INSERT INTO profile_values
       SELECT $workspace, r.p, $as_of::DATE, r.a, r.e, r.s, r.c, r.t, r.g, r.r, r.f, r.m
       FROM (SELECT unnest(from_json(line, '${valueColumns}'), recursive := true)
             FROM (SELECT unnest(string_split($rows, chr(10))) AS line)) AS r`,
      { workspace: workspaceId, as_of: valuation.asOf, rows: lines },
    );
  }
  await connection.run('INSERT INTO value_models VALUES ($workspace, now(), $as_of::DATE, $summary::JSON)', {
    workspace: workspaceId,
    as_of: valuation.asOf,
    summary: JSON.stringify(valuation.summary),
  });
}

export async function readValues(
  read: Read,
  workspaceId: string,
  query: ValueQuery,
): Promise<{ total: number; customers: ProfileValueRow[] }> {
  const params: Record<string, SqlValue> = { workspace: workspaceId };
  const filters: string[] = [];
  if (query.segment !== undefined) {
    params.segment = query.segment;
    filters.push('rfm_segment = $segment');
  }
  if (query.tier !== undefined) {
    params.tier = query.tier;
    filters.push('value_tier = $tier');
  }
  const where = `WHERE workspace_id = $workspace${filters.map((f) => ` AND ${f}`).join('')}`;
  const [count, rows] = await Promise.all([
    read(`SELECT count(*) AS n FROM profile_values ${where}`, params),
    read(
      `SELECT * FROM profile_values ${where}
       ORDER BY coalesce(clv, expected_purchases_90d) DESC, profile_id
       LIMIT ${Math.floor(query.limit)} OFFSET ${Math.floor(query.offset)}`,
      params,
    ),
  ]);
  return { total: Number(count[0]?.n ?? 0), customers: rows.map(valueRowOf) };
}

export async function readValue(
  read: Read,
  workspaceId: string,
  profileId: string,
): Promise<(ProfileValueRow & { asOf: string }) | undefined> {
  const [row] = await read(
    `WITH hit AS MATERIALIZED (SELECT * FROM profile_values WHERE profile_id = $profile)
     SELECT *, strftime(as_of, '%Y-%m-%d') AS as_of_day FROM hit WHERE workspace_id = $workspace`,
    { workspace: workspaceId, profile: profileId },
  );
  return row ? { ...valueRowOf(row), asOf: String(row.as_of_day) } : undefined;
}

export async function readValuation(
  read: Read,
  workspaceId: string,
): Promise<{ computedAt: Date; asOf: string; summary: JsonObject } | undefined> {
  const [row] = await read(
    `SELECT computed_at, strftime(as_of, '%Y-%m-%d') AS as_of_day, summary FROM value_models
     WHERE workspace_id = $workspace ORDER BY computed_at DESC LIMIT 1`,
    { workspace: workspaceId },
  );
  if (!row) return undefined;
  const summary = typeof row.summary === 'string' ? JSON.parse(row.summary) : row.summary;
  return { computedAt: row.computed_at as Date, asOf: String(row.as_of_day), summary: summary as JsonObject };
}

function valueRowOf(r: Record<string, unknown>): ProfileValueRow {
  const optional = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    profileId: String(r.profile_id),
    probabilityAlive: Number(r.probability_alive),
    expectedPurchases90d: Number(r.expected_purchases_90d),
    expectedSpend: optional(r.expected_spend),
    clv: optional(r.clv),
    valueTier: Number(r.value_tier),
    rfmSegment: String(r.rfm_segment),
    rfm: {
      recency: Number(r.rfm_recency),
      frequency: Number(r.rfm_frequency),
      monetary: Number(r.rfm_monetary),
    },
  };
}
