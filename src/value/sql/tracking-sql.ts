/**
 * The tracking curve's actual side in the engine: per calendar day, how many of the cohort's
 * customers (first purchase by the end of calibration) bought again, so that the purchase log is
 * never read into memory.
 */
import type { SummaryOptions } from '../summary/customer-summary.ts';
import { indent, summaryPeriods } from './summary-sql.ts';
import { purchasesSql, type SqlStatement, type TransactionSource } from './transaction-sources.ts';

/**
 * One row per day with repeat purchases up to the hold-out end: `day` (days since 1970-01-01) and
 * `purchases` (customers of the cohort buying again that day, each counted once a day), sorted by
 * day. The same figures as `repeatPurchasesByDay` over the calibration summaries.
 */
export function repeatPurchaseDaysSql(source: TransactionSource, options: SummaryOptions): SqlStatement {
  const { calibrationEnd, holdoutEnd } = summaryPeriods(options);
  const purchases = purchasesSql(source);
  const sql = `WITH purchases AS (
${indent(purchases.sql)}
),
purchase_days AS (
  SELECT DISTINCT customer_id, day FROM purchases WHERE day <= $holdout_end
),
cohort AS (
  SELECT customer_id, min(day) AS first_day
  FROM purchase_days
  GROUP BY customer_id
  HAVING min(day) <= $calibration_end
)
SELECT CAST(d.day AS INTEGER) AS day, CAST(count(*) AS INTEGER) AS purchases
FROM purchase_days AS d
JOIN cohort AS c ON c.customer_id = d.customer_id AND d.day > c.first_day
GROUP BY d.day
ORDER BY d.day`;
  return {
    sql,
    params: { ...purchases.params, calibration_end: calibrationEnd, holdout_end: holdoutEnd },
  };
}
