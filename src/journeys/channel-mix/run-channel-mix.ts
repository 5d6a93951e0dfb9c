/**
 * Reading the channel-mix statement's rows, and running it on a store.
 * @module
 */
import type { Store } from '../../store/port.ts';
import type { SqlStatement } from '../sql/dialect.ts';
import type { ChannelMixDefinition } from './channel-mix.ts';
import { assembleChannelMix, type ChannelMixResult, type ChannelMixTally } from './channel-mix-assembly.ts';
import { channelMixStatement } from './channel-mix-sql.ts';

/**
 * The channel-mix result from the rows of `channelMixStatement` (either dialect): the same value
 * `channelMix` computes on the same events.
 */
export function readChannelMix(
  rows: readonly Record<string, unknown>[],
  definition: Pick<ChannelMixDefinition, 'interval' | 'from' | 'to'>,
): ChannelMixResult {
  const tallies = rows.map((row): ChannelMixTally => {
    if (row.kind !== 'channel' && row.kind !== 'channels_used') {
      throw new Error(`unexpected channel-mix row kind ${String(row.kind)}`);
    }
    return {
      breakdown: row.breakdown === null || row.breakdown === undefined ? null : String(row.breakdown),
      period: row.period === null || row.period === undefined ? null : Number(row.period),
      kind: row.kind,
      item: String(row.item),
      customers: Number(row.customers),
    };
  });
  return assembleChannelMix(tallies, definition);
}

/**
 * The channel mix computed by the store's engine over `source` (`journey_events`), optionally per
 * value of `breakdown` (a SELECT of `profile_id, breakdown`, e.g. the RFM segment).
 * @example await runChannelMix(store, source, parseChannelMixDefinition({ from: '2026-01-05', to: '2026-04-06' }))
 */
export async function runChannelMix(
  db: Pick<Store, 'dialect' | 'query'>,
  source: SqlStatement,
  definition: ChannelMixDefinition,
  breakdown?: SqlStatement,
): Promise<ChannelMixResult> {
  const statement = channelMixStatement(source, definition, db.dialect, breakdown);
  return readChannelMix(await db.query(statement.sql, statement.params), definition);
}
