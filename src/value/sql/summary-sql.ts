/**
 * The calibration / hold-out summary of every customer as one DuckDB statement: the same figures
 * as `summariseTransactions` (same-day purchases merged, first purchase left out of frequency and
 * spend, both period ends inclusive), computed where the transactions are.
 */
import type { SummaryOptions } from '../summary/customer-summary.ts';
import { dayNumber, daysPerUnit } from '../summary/time-unit.ts';
import { purchasesSql, type SqlStatement, type TransactionSource } from './transaction-sources.ts';

/** Period ends as calendar day numbers and the unit's length in days, checked as `summariseTransactions` does. */
export function summaryPeriods(options: SummaryOptions): {
  calibrationEnd: number;
  holdoutEnd: number;
  unitDays: number;
} {
  const calibrationEnd = dayNumber(options.calibrationEnd);
  const holdoutEnd = options.holdoutEnd === undefined ? calibrationEnd : dayNumber(options.holdoutEnd);
  if (!Number.isFinite(calibrationEnd) || !Number.isFinite(holdoutEnd) || holdoutEnd < calibrationEnd) {
    throw new RangeError('calibrationEnd and holdoutEnd must be dates, holdoutEnd not before calibrationEnd');
  }
  return { calibrationEnd, holdoutEnd, unitDays: daysPerUnit[options.unit ?? 'week'] };
}

/**
 * One row per customer who bought by the end of calibration, sorted by `customer_id`: frequency,
 * recency, t, monetary_value and holdout_monetary_value (NULL when none of the customer's
 * purchases carries an amount), first_day (days since 1970-01-01) and holdout_frequency.
 */
export function calibrationHoldoutSql(source: TransactionSource, options: SummaryOptions): SqlStatement {
  const { calibrationEnd, holdoutEnd, unitDays } = summaryPeriods(options);
  const purchases = purchasesSql(source);
  // Amounts are added as DECIMAL: exactly, so the same log gives the same figures on every run
  // (DOUBLE sums change in their last bits with the order threads add them in). Sums keep NULL
  // when no purchase has an amount (arg_min would skip a NULL one). CASE inside the aggregates
  // rather than FILTER: DuckDB runs them about twice as fast. Divisions are by a DOUBLE.
  const sql = `WITH purchases AS (
${indent(purchases.sql)}
),
purchase_days AS (
  SELECT customer_id, day, sum(CAST(amount AS DECIMAL(38, 9))) AS amount
  FROM purchases
  WHERE day <= $holdout_end
  GROUP BY customer_id, day
),
customers AS (
  SELECT customer_id,
    min(day) AS first_day,
    max(CASE WHEN day <= $calibration_end THEN day END) AS last_day,
    count(CASE WHEN day <= $calibration_end THEN 1 END) AS calibration_days,
    count(*) AS days,
    sum(CASE WHEN day <= $calibration_end THEN amount END) AS calibration_spend,
    sum(CASE WHEN day > $calibration_end THEN amount END) AS holdout_spend,
    arg_min(coalesce(amount, 0), day) AS first_spend
  FROM purchase_days
  GROUP BY customer_id
  HAVING min(day) <= $calibration_end
)
SELECT customer_id,
  CAST(calibration_days - 1 AS INTEGER) AS frequency,
  (last_day - first_day) / $unit_days::DOUBLE AS recency,
  ($calibration_end - first_day) / $unit_days::DOUBLE AS t,
  CASE WHEN calibration_spend IS NULL AND holdout_spend IS NULL THEN NULL
    WHEN calibration_days > 1
      THEN CAST(coalesce(calibration_spend, 0) - first_spend AS DOUBLE) / (calibration_days - 1)
    ELSE 0 END AS monetary_value,
  CAST(first_day AS INTEGER) AS first_day,
  CAST(days - calibration_days AS INTEGER) AS holdout_frequency,
  CASE WHEN calibration_spend IS NULL AND holdout_spend IS NULL THEN NULL
    WHEN days > calibration_days THEN CAST(coalesce(holdout_spend, 0) AS DOUBLE) / (days - calibration_days)
    ELSE 0 END AS holdout_monetary_value
FROM customers
ORDER BY customer_id`;
  return {
    sql,
    params: {
      ...purchases.params,
      calibration_end: calibrationEnd,
      holdout_end: holdoutEnd,
      unit_days: unitDays,
    },
  };
}

/** The statement indented by two spaces, to nest it in a CTE. */
export function indent(sql: string): string {
  return sql
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}
