import { openDuckDBStore } from '../../src/store/duckdb/duckdb-store.ts';

export interface Durability {
  storedEvents: number;
  /** Acknowledged batches with any event missing: must be none. */
  missingBatches: number[];
  /** Batches stored only in part (a write is all or nothing): must be none. */
  partialBatches: number[];
  /** Batches stored whose answer the load generator never read (in flight when it stopped). */
  storedUnanswered: number;
  /** Stored events whose id the benchmark never sent, or stored twice: must be zero. */
  strangers: number;
}

/**
 * Reopens the stopped server's store and checks it against what the server acknowledged:
 * every event of every batch that got a 200 is there exactly once.
 */
export async function checkDurability(
  dataDir: string,
  run: string,
  eventsPerBatch: number,
  acknowledged: ReadonlySet<number>,
): Promise<Durability> {
  const store = await openDuckDBStore(dataDir);
  try {
    const rows = await store.query<{ batch: number | null; events: number; ids: number }>(
      `SELECT CASE WHEN message_id LIKE $prefix THEN split_part(message_id, '-', 2)::BIGINT END AS batch,
              count(*) AS events, count(DISTINCT message_id) AS ids
       FROM events GROUP BY 1`,
      { prefix: `${run}-%` },
    );
    const stored = new Map<number, number>();
    const result: Durability = {
      storedEvents: 0,
      missingBatches: [],
      partialBatches: [],
      storedUnanswered: 0,
      strangers: 0,
    };
    for (const row of rows) {
      result.storedEvents += row.events;
      if (row.batch === null) result.strangers += row.events;
      else {
        stored.set(row.batch, row.events);
        result.strangers += row.events - row.ids;
        if (row.events !== eventsPerBatch) result.partialBatches.push(row.batch);
        if (!acknowledged.has(row.batch)) result.storedUnanswered++;
      }
    }
    for (const batch of acknowledged) if (!stored.has(batch)) result.missingBatches.push(batch);
    return result;
  } finally {
    await store.close();
  }
}

export function durabilityProblems(d: Durability): string[] {
  const problems: string[] = [];
  if (d.missingBatches.length > 0)
    problems.push(
      `${d.missingBatches.length} acknowledged batches are missing (e.g. ${d.missingBatches[0]})`,
    );
  if (d.partialBatches.length > 0)
    problems.push(`${d.partialBatches.length} batches are stored in part (e.g. ${d.partialBatches[0]})`);
  if (d.strangers > 0) problems.push(`${d.strangers} stored events were never sent or are stored twice`);
  return problems;
}
