import { randomUUID } from 'node:crypto';
import type { SqlEngine } from './summarise-in-engine.ts';
import { type CsvPurchases, csvDialect, quoteIdentifier, quoteString } from './transaction-sources.ts';

export interface UnreadableAmount {
  line: number;
  value: string;
}

/**
 * The first line whose amount DuckDB cannot read as a number, found by reading the column as
 * DOUBLE with DuckDB keeping rejected rows aside: a second pass, made only once a summary failed.
 */
export async function findUnreadableAmount(
  engine: SqlEngine,
  source: CsvPurchases & { amountColumn: string },
): Promise<UnreadableAmount | undefined> {
  const rejects = `panorama_rejects_${randomUUID().replaceAll('-', '')}`;
  const options = [
    csvDialect,
    `types = {${quoteString(source.amountColumn)}: 'DOUBLE'}`,
    'store_rejects = true',
    `rejects_table = ${quoteString(rejects)}`,
    `rejects_scan = ${quoteString(`${rejects}_scans`)}`,
  ];
  try {
    await engine.query(
      `SELECT sum(${quoteIdentifier(source.amountColumn)}) AS total FROM read_csv($path, ${options.join(', ')})`,
      { path: source.path },
    );
    const [rejected] = await engine.query<{ line: number; error_message: string; csv_line: string }>(
      `SELECT line, error_message, csv_line FROM ${quoteIdentifier(rejects)}
       WHERE column_name = $column ORDER BY line LIMIT 1`,
      { column: source.amountColumn },
    );
    if (!rejected) return undefined;
    const value = /Could not convert string "(.*)" to/s.exec(rejected.error_message)?.[1];
    return { line: rejected.line, value: value ?? rejected.csv_line };
  } finally {
    for (const table of [rejects, `${rejects}_scans`]) {
      await engine.query(`DROP TABLE IF EXISTS ${quoteIdentifier(table)}`).catch(() => undefined);
    }
  }
}
