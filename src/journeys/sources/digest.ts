/**
 * What a workspace's `journey_events` rows depend on, as one digest: when it changes, they are
 * stale and must be rebuilt.
 * @module
 */
import { createHash } from 'node:crypto';
import type { Store } from '../../store/port.ts';
import { param, type SqlDialect, type SqlStatement } from '../sql/dialect.ts';

/**
 * The SQL reading the state the rows are built from: how many events there are and when the last
 * arrived (so an append, or an erasure followed by an append, shows), and the identity tables'
 * state (events stitched, rules, last write) with the merges, splits and operators' links (so a
 * new stitch, a re-stitch or an operator's decision shows).
 */
export function journeyInputsSql(dialect: SqlDialect): string {
  const w = param(dialect, 'digest_workspace', 'String');
  const count = dialect === 'duckdb' ? 'count(*)' : 'count()';
  const of = (table: string, expression: string) =>
    `(SELECT ${expression} FROM ${table} WHERE workspace_id = ${w})`;
  return `SELECT
  ${of('events', count)} AS events,
  ${of('events', 'max(received_at)')} AS last_received,
  ${of('identity_state', 'max(events_stitched)')} AS events_stitched,
  ${of('identity_state', 'max(rules_digest)')} AS rules_digest,
  ${of('identity_state', 'max(updated_at)')} AS identity_updated,
  ${of('identity_merges', count)} AS merges,
  ${of('identity_splits', count)} AS splits,
  ${of('identity_operator_links', count)} AS operator_links`;
}

/**
 * The digest of the SELECT that builds the rows (so the mapping, and this code's version of the
 * SQL) and of the state of the tables it reads.
 * @example
 * const select = journeyEventsSelect(store.dialect, 'default', mapping);
 * const stale = (await store.journeys.state('default'))?.digest !== (await journeyDigest(store, 'default', select));
 */
export async function journeyDigest(
  db: Pick<Store, 'dialect' | 'query'>,
  workspaceId: string,
  select: SqlStatement,
): Promise<string> {
  const [inputs] = await db.query(journeyInputsSql(db.dialect), { digest_workspace: workspaceId });
  return createHash('sha256').update(JSON.stringify({ select, inputs })).digest('hex');
}
