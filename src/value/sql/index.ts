/**
 * Customer value on the engine: SQL builders (DuckDB dialect) that compute the calibration /
 * hold-out summary where the transactions are, and the function that runs them.
 */
export {
  csvColumns,
  repeatPurchasesInEngine,
  type SqlEngine,
  summariseInEngine,
} from './summarise-in-engine.ts';
export { calibrationHoldoutSql, summaryPeriods } from './summary-sql.ts';
export { repeatPurchaseDaysSql } from './tracking-sql.ts';
export {
  type CsvPurchases,
  defaultAmountProperty,
  defaultPurchaseEvent,
  type EventStorePurchases,
  purchasesSql,
  type SqlStatement,
  type TransactionSource,
} from './transaction-sources.ts';
