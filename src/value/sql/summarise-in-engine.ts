import { PanoramaError } from '../../errors.ts';
import type { SqlValue } from '../../store/port.ts';
import type { CalibrationHoldoutSummary, SummaryOptions } from '../summary/customer-summary.ts';
import type { RepeatPurchasesOnDay } from '../validation/tracking.ts';
import { findUnreadableAmount } from './csv-problems.ts';
import { calibrationHoldoutSql, summaryPeriods } from './summary-sql.ts';
import { repeatPurchaseDaysSql } from './tracking-sql.ts';
import { type CsvPurchases, csvDialect, type TransactionSource } from './transaction-sources.ts';

/** What the summary needs of an engine: a `Store` and a `ScratchEngine` both have it. */
export interface SqlEngine {
  readonly dialect: 'duckdb' | 'clickhouse';
  query<Row extends Record<string, unknown>>(sql: string, params?: Record<string, SqlValue>): Promise<Row[]>;
  /** Optional: the result column by column, which spares an object per row on millions of customers. */
  queryColumns?(sql: string, params?: Record<string, SqlValue>): Promise<Record<string, unknown[]>>;
}

const summaryColumns = [
  'customer_id',
  'frequency',
  'recency',
  't',
  'monetary_value',
  'first_day',
  'holdout_frequency',
  'holdout_monetary_value',
] as const;

type SummaryColumns = { [K in (typeof summaryColumns)[number]]: unknown[] };

/**
 * The calibration / hold-out summary of every customer of `source`, computed by the engine (only
 * one row per customer crosses into JavaScript), sorted by customer id. Same figures as
 * `summariseTransactions` on the same purchases, to the last bits of floating-point sums.
 * @example await summariseInEngine(store, { kind: 'events', workspaceId }, { calibrationEnd: '2025-12-31' })
 */
export async function summariseInEngine(
  engine: SqlEngine,
  source: TransactionSource,
  options: SummaryOptions,
): Promise<CalibrationHoldoutSummary[]> {
  if (engine.dialect !== 'duckdb') {
    throw new Error(`The transaction summary has no ${engine.dialect} SQL yet.`);
  }
  const { calibrationEnd, holdoutEnd, unitDays } = summaryPeriods(options);
  const holdoutDuration = (holdoutEnd - calibrationEnd) / unitDays;
  return summariesOf(await runSummary(engine, source, options), holdoutDuration);
}

/** The columns of a CSV file's header row. */
export async function csvColumns(engine: SqlEngine, path: string): Promise<string[]> {
  try {
    const rows = await engine.query<{ column_name: string }>(
      `DESCRIBE SELECT * FROM read_csv($path, ${csvDialect})`,
      { path },
    );
    return rows.map((row) => row.column_name);
  } catch (error) {
    throw new PanoramaError('import.unreadable_file', `Cannot read ${path}: ${(error as Error).message}`);
  }
}

/**
 * The cohort's repeat purchases per day, counted where the transactions are: the actual side of the
 * tracking curve (`validateForecast`'s `repeatPurchases`).
 */
export async function repeatPurchasesInEngine(
  engine: SqlEngine,
  source: TransactionSource,
  options: SummaryOptions,
): Promise<RepeatPurchasesOnDay[]> {
  const { sql, params } = repeatPurchaseDaysSql(source, options);
  const rows = await engine.query<{ day: number; purchases: number }>(sql, params);
  return rows.map((row) => ({ day: Number(row.day), purchases: Number(row.purchases) }));
}

/** Names the column the file lacks, if any (asked only once DuckDB has failed: it costs a read). */
async function checkColumns(engine: SqlEngine, source: CsvPurchases): Promise<void> {
  const columns = await csvColumns(engine, source.path);
  for (const column of [source.customerColumn, source.dateColumn, source.amountColumn]) {
    if (column !== undefined && !columns.includes(column)) {
      throw new PanoramaError(
        'import.missing_column',
        `${source.path} has no column "${column}"; it has ${columns.join(', ')}.`,
        { column, columns },
      );
    }
  }
}

async function runSummary(
  engine: SqlEngine,
  source: TransactionSource,
  options: SummaryOptions,
): Promise<SummaryColumns> {
  const { sql, params } = calibrationHoldoutSql(source, options);
  try {
    if (engine.queryColumns) return (await engine.queryColumns(sql, params)) as SummaryColumns;
    const rows = await engine.query(sql, params);
    return Object.fromEntries(
      summaryColumns.map((name) => [name, rows.map((row) => row[name])]),
    ) as SummaryColumns;
  } catch (error) {
    if (source.kind === 'events') throw error;
    throw await csvProblem(engine, source, (error as Error).message);
  }
}

/** What is wrong with the file, said as precisely as DuckDB lets us: the column, the line, the value. */
async function csvProblem(engine: SqlEngine, source: CsvPurchases, message: string): Promise<PanoramaError> {
  await checkColumns(engine, source);
  // Raised by the SQL's own error() calls: an unreadable date or an amount that is no number.
  const own = /^Invalid Input Error: (customer .*)$/s.exec(message)?.[1];
  if (own === undefined)
    return new PanoramaError('import.unreadable_file', `Cannot read ${source.path}: ${message}`);
  if (source.amountColumn !== undefined && own.endsWith('is not an amount')) {
    const found = await findUnreadableAmount(engine, { ...source, amountColumn: source.amountColumn });
    if (found) {
      return new PanoramaError(
        'import.unreadable_file',
        `Line ${found.line}: "${found.value}" is not an amount (column ${source.amountColumn}).`,
        { line: found.line, column: source.amountColumn },
      );
    }
  }
  return new PanoramaError('import.unreadable_file', `${source.path}: ${own}.`);
}

/** One summary per row, built straight from the columns (the first purchase day as YYYY-MM-DD). */
function summariesOf(columns: SummaryColumns, holdoutDuration: number): CalibrationHoldoutSummary[] {
  const days = new Map<number, string>();
  const isoDay = (day: number): string => {
    let text = days.get(day);
    if (text === undefined) {
      text = new Date(day * 86_400_000).toISOString().slice(0, 10);
      days.set(day, text);
    }
    return text;
  };
  const c = columns;
  return (c.customer_id as string[]).map((customerId, i) => {
    const summary: CalibrationHoldoutSummary = {
      customerId,
      frequency: c.frequency[i] as number,
      recency: c.recency[i] as number,
      T: c.t[i] as number,
      firstPurchase: isoDay(c.first_day[i] as number),
      holdoutFrequency: c.holdout_frequency[i] as number,
      holdoutDuration,
    };
    const monetaryValue = c.monetary_value[i] as number | null;
    if (monetaryValue !== null) {
      summary.monetaryValue = monetaryValue;
      summary.holdoutMonetaryValue = c.holdout_monetary_value[i] as number;
    }
    return summary;
  });
}
