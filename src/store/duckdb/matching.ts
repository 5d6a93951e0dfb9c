import type { DuckDBConnection } from '@duckdb/node-api';
import type { MatchingStore } from '../port.ts';
import type {
  JsonObject,
  MatchReviewQuery,
  MatchReviewRow,
  MatchReviewSide,
  MatchReviewStatus,
} from '../types.ts';
import { parsed } from './identity-rows.ts';
import { SerialConnection } from './serial-connection.ts';

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;
const column = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * One row per profile, one text column per field: the latest value of the traits mapped to it,
 * else the smallest identifier of a type mapped to it (identifiers are normalised, traits raw).
 */
export function profileRecordsSql(fields: {
  traits: Readonly<Record<string, string>>;
  identifiers: Readonly<Record<string, string>>;
  minimumFields: number;
  enoughAlone: readonly string[];
}): string {
  const kinds = [...new Set([...Object.values(fields.traits), ...Object.values(fields.identifiers)])].sort();
  const mapping = (entries: Record<string, string>) =>
    Object.entries(entries).length === 0
      ? `SELECT NULL::VARCHAR AS name, NULL::VARCHAR AS kind WHERE FALSE`
      : `SELECT * FROM (VALUES ${Object.entries(entries)
          .map(([name, kind]) => `(${quote(name)}, ${quote(kind)})`)
          .join(', ')}) AS m(name, kind)`;
  const pivot = kinds.map((kind) => `max(v) FILTER (WHERE kind = ${quote(kind)}) AS ${column(kind)}`);
  const present = kinds.map((kind) => `(${column(kind)} IS NOT NULL)::INTEGER`).join(' + ');
  return `
    WITH trait_kinds AS (${mapping({ ...fields.traits })}),
    identifier_kinds AS (${mapping({ ...fields.identifiers })}),
    from_traits AS (
      SELECT t.profile_id, k.kind, arg_max(t.value ->> '$', t.observed_at) AS v
      FROM profile_traits t JOIN trait_kinds k ON k.name = t.trait
      WHERE t.workspace_id = $workspace AND json_type(t.value) IN ('VARCHAR', 'BIGINT', 'UBIGINT', 'DOUBLE')
      GROUP BY t.profile_id, k.kind
    ),
    from_identifiers AS (
      SELECT l.profile_id, k.kind, min(l.id_value) AS v
      FROM identity_links l JOIN identifier_kinds k ON k.name = l.id_type
      WHERE l.workspace_id = $workspace
      GROUP BY l.profile_id, k.kind
    ),
    values AS (
      SELECT profile_id, kind, v FROM from_traits WHERE nullif(trim(v), '') IS NOT NULL
      UNION ALL
      SELECT i.profile_id, i.kind, i.v FROM from_identifiers i
      WHERE NOT EXISTS (SELECT 1 FROM from_traits t
        WHERE t.profile_id = i.profile_id AND t.kind = i.kind AND nullif(trim(t.v), '') IS NOT NULL)
    ),
    records AS (
      SELECT profile_id, ${pivot.join(', ')} FROM values GROUP BY profile_id
    ),
    identifiers AS (
      SELECT profile_id,
        list(id_type || ':' || id_value ORDER BY id_type = 'anonymous_id', id_type <> 'user_id', id_type, id_value)[1:5] AS identifiers
      FROM identity_links WHERE workspace_id = $workspace GROUP BY profile_id
    )
    SELECT r.*, i.identifiers FROM records r JOIN identifiers i USING (profile_id)
    WHERE ${present || '0'} >= ${Math.max(1, Math.trunc(fields.minimumFields))}${fields.enoughAlone
      .filter((kind) => kinds.includes(kind))
      .map((kind) => ` OR ${column(kind)} IS NOT NULL`)
      .join('')}
    ORDER BY profile_id`;
}

const reviewColumns = `workspace_id, review_id, identifiers, probability, match_weight, explanation,
  proposed_at, status, decided_by, decided_at, reason`;

/** The profiles' comparable fields and the matching review queue, on a connection of their own. */
export class DuckDBMatching implements MatchingStore {
  private readonly serial: SerialConnection;

  constructor(private readonly connection: DuckDBConnection) {
    this.serial = new SerialConnection(connection);
  }

  async traitNames(workspaceId: string): Promise<string[]> {
    const rows = await this.rows(
      'SELECT DISTINCT trait FROM profile_traits WHERE workspace_id = $workspace ORDER BY trait',
      { workspace: workspaceId },
    );
    return rows.map((r) => String(r.trait));
  }

  async writeProfileRecords(
    workspaceId: string,
    path: string,
    fields: Parameters<MatchingStore['writeProfileRecords']>[2],
  ): Promise<number> {
    const sql = `COPY (${profileRecordsSql(fields)}) TO ${quote(path)} (FORMAT parquet)`;
    const reader = await this.serial.exclusive(() =>
      this.connection.runAndReadAll(sql, { workspace: workspaceId }),
    );
    return Number(reader.getRowsJS()[0]?.[0] ?? 0);
  }

  propose(workspaceId: string, reviews: readonly MatchReviewRow[]): Promise<number> {
    if (reviews.length === 0) return Promise.resolve(0);
    return this.serial.transaction(async () => {
      const before = await this.countOf(workspaceId);
      const rows = reviews.map((r) => JSON.stringify(rowOf(workspaceId, r))).join('\n');
      await this.connection.run(
        `INSERT INTO identity_match_reviews (${reviewColumns})
         SELECT r.workspace_id, r.review_id, r.identifiers, r.probability, r.match_weight, r.explanation,
           make_timestamptz(r.proposed_at * 1000), r.status, NULL, NULL, NULL
         FROM (SELECT from_json(line, $shape) AS r FROM (SELECT unnest(string_split($rows, chr(10))) AS line))
         WHERE r.review_id NOT IN (SELECT review_id FROM identity_match_reviews WHERE workspace_id = $workspace)
         QUALIFY row_number() OVER (PARTITION BY r.review_id ORDER BY r.probability DESC) = 1`,
        { rows, shape: rowShape, workspace: workspaceId },
      );
      return (await this.countOf(workspaceId)) - before;
    });
  }

  async reviews(workspaceId: string, query: MatchReviewQuery = {}): Promise<MatchReviewRow[]> {
    const status = query.status ? 'AND status = $status' : '';
    const rows = await this.rows(
      `SELECT * FROM identity_match_reviews WHERE workspace_id = $workspace ${status}
       ORDER BY probability DESC, review_id LIMIT ${Math.max(1, Math.trunc(query.limit ?? 100))}`,
      { workspace: workspaceId, ...(query.status ? { status: query.status } : {}) },
    );
    return rows.map(reviewOf);
  }

  async review(workspaceId: string, reviewId: string): Promise<MatchReviewRow | undefined> {
    const rows = await this.rows(
      'SELECT * FROM identity_match_reviews WHERE workspace_id = $workspace AND review_id = $review',
      { workspace: workspaceId, review: reviewId },
    );
    return rows[0] ? reviewOf(rows[0]) : undefined;
  }

  async decide(
    workspaceId: string,
    reviewId: string,
    decision: { status: 'accepted' | 'rejected'; by: string; at: Date; reason: string | null },
  ): Promise<MatchReviewRow | undefined> {
    await this.serial.exclusive(() =>
      this.connection.run(
        `UPDATE identity_match_reviews SET status = $status, decided_by = $by,
           decided_at = make_timestamptz($at::BIGINT * 1000), reason = $reason
         WHERE workspace_id = $workspace AND review_id = $review AND status = 'pending'`,
        {
          workspace: workspaceId,
          review: reviewId,
          status: decision.status,
          by: decision.by,
          at: String(decision.at.getTime()),
          reason: decision.reason,
        },
      ),
    );
    return this.review(workspaceId, reviewId);
  }

  private async countOf(workspaceId: string): Promise<number> {
    const reader = await this.connection.runAndReadAll(
      'SELECT count(*)::INTEGER FROM identity_match_reviews WHERE workspace_id = $workspace',
      { workspace: workspaceId },
    );
    return Number(reader.getRowsJS()[0]?.[0] ?? 0);
  }

  private async rows(sql: string, params: Record<string, string>): Promise<Record<string, unknown>[]> {
    const reader = await this.serial.exclusive(() => this.connection.runAndReadAll(sql, params));
    return reader.getRowObjectsJS() as Record<string, unknown>[];
  }
}

const rowShape = JSON.stringify({
  workspace_id: 'VARCHAR',
  review_id: 'VARCHAR',
  identifiers: 'JSON',
  probability: 'DOUBLE',
  match_weight: 'DOUBLE',
  explanation: 'JSON',
  proposed_at: 'BIGINT',
  status: 'VARCHAR',
});

function rowOf(workspaceId: string, review: MatchReviewRow): Record<string, unknown> {
  return {
    workspace_id: workspaceId,
    review_id: review.reviewId,
    identifiers: review.sides,
    probability: review.probability,
    match_weight: review.matchWeight,
    explanation: review.explanation,
    proposed_at: review.proposedAt.getTime(),
    status: review.status,
  };
}

function reviewOf(row: Record<string, unknown>): MatchReviewRow {
  const text = (value: unknown) => (value === null || value === undefined ? null : String(value));
  return {
    reviewId: String(row.review_id),
    sides: parsed(row.identifiers) as [MatchReviewSide, MatchReviewSide],
    probability: Number(row.probability),
    matchWeight: Number(row.match_weight),
    explanation: parsed(row.explanation) as JsonObject[],
    proposedAt: row.proposed_at as Date,
    status: String(row.status) as MatchReviewStatus,
    decidedBy: text(row.decided_by),
    decidedAt: (row.decided_at as Date | null) ?? null,
    reason: text(row.reason),
  };
}
