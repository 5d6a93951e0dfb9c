/**
 * Where purchases come from, as DuckDB SQL yielding one row per purchase:
 * `customer_id VARCHAR, day INTEGER (days since 1970-01-01), amount DOUBLE (NULL: not known)`.
 */
import type { SqlValue } from '../../store/port.ts';

/**
 * The purchases of one workspace's event store: `track` events named `event`. Each is the
 * customer's whose stitched profile it belongs to (`identity_event_profiles`, once identity has
 * been built), else its `user_id`, else its `anonymous_id`. Days are UTC calendar days.
 */
export interface EventStorePurchases {
  kind: 'events';
  workspaceId: string;
  /** The track event that records a purchase (default `Order Completed`). */
  event?: string;
  /** The property holding its amount (default `revenue`); a purchase without a number there has no amount. */
  amountProperty?: string;
}

/**
 * A CSV transaction log (commas, double quotes, a header row), read as csv-parse read it for the
 * CLI: cells trimmed of spaces and tabs, a blank amount counted 0 as `Number('')` does. Dates are
 * `YYYY-MM-DD`, `YYYYMMDD` or ISO 8601 timestamps (read as `Date.parse` reads them, then taken to
 * their UTC day); an impossible date such as 2024-02-30 is refused, where `Date.parse` rolls it
 * over to March 1.
 */
export interface CsvPurchases {
  kind: 'csv';
  path: string;
  customerColumn: string;
  dateColumn: string;
  amountColumn?: string;
}

export type TransactionSource = EventStorePurchases | CsvPurchases;

/** SQL text and the named parameters it uses (DuckDB refuses parameters a statement does not use). */
export interface SqlStatement {
  sql: string;
  params: Record<string, SqlValue>;
}

export const defaultPurchaseEvent = 'Order Completed';
export const defaultAmountProperty = 'revenue';

export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function quoteString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** The purchases relation of a source. */
export function purchasesSql(source: TransactionSource): SqlStatement {
  return source.kind === 'events' ? eventPurchasesSql(source) : csvPurchasesSql(source);
}

function eventPurchasesSql(source: EventStorePurchases): SqlStatement {
  const sql = [
    'SELECT coalesce(p.profile_id, e.user_id, e.anonymous_id) AS customer_id,',
    '  CAST(floor(epoch_ms(e.timestamp) / 86400000) AS INTEGER) AS day,',
    '  TRY_CAST(json_extract_string(e.properties, $amount_path) AS DOUBLE) AS amount',
    'FROM events AS e',
    'LEFT JOIN identity_event_profiles AS p',
    '  ON p.workspace_id = e.workspace_id AND p.message_id = e.message_id',
    "WHERE e.workspace_id = $workspace_id AND e.type = 'track' AND e.name = $purchase_event",
  ].join('\n');
  return {
    sql,
    params: {
      workspace_id: source.workspaceId,
      purchase_event: source.event ?? defaultPurchaseEvent,
      amount_path: `$.${JSON.stringify(source.amountProperty ?? defaultAmountProperty)}`,
    },
  };
}

/**
 * The options of `read_csv` for a log: RFC 4180 commas and quotes, as csv-parse reads them (naming
 * them spares DuckDB's dialect sniffing, two thirds of the time on a small file), every cell as text.
 */
export const csvDialect = `header = true, delim = ',', quote = '"', escape = '"', all_varchar = true`;

/** A calendar day number from a trimmed date text `d`, NULL when it is none of the three forms. */
const dayFromText = [
  'CAST(CASE strlen(d)',
  "    WHEN 10 THEN try_cast(d AS DATE) - DATE '1970-01-01'",
  "    WHEN 8 THEN try_strptime(d, '%Y%m%d')::DATE - DATE '1970-01-01'",
  '    ELSE CAST(floor(epoch_ms(try_cast(d AS TIMESTAMPTZ)) / 86400000) AS INTEGER)',
  '  END AS INTEGER)',
].join('\n');

/** Trims only the cells that need it: trimming every cell costs a tenth of the whole summary. */
function trimmed(column: string): string {
  const c = quoteIdentifier(column);
  const edges = ["' '", 'chr(9)'].map((w) => `starts_with(${c}, ${w}) OR ends_with(${c}, ${w})`);
  return `CASE WHEN ${edges.join(' OR ')} THEN trim(${c}, ' ' || chr(9)) ELSE ${c} END`;
}

/** The amount as text (to name it when it is no number) and as a number: a blank cell is 0. */
function amountSql(source: CsvPurchases): { text: string; value: string; checked: string } {
  if (source.amountColumn === undefined) {
    return { text: 'NULL::VARCHAR', value: 'NULL::DOUBLE', checked: 'amount' };
  }
  const problem = `format('customer {}: "{}" is not an amount', customer_id, amount_text)`;
  return {
    text: quoteIdentifier(source.amountColumn),
    value:
      "coalesce(TRY_CAST(amount_text AS DOUBLE), CASE WHEN trim(coalesce(amount_text, '')) = '' THEN 0 END)",
    checked: `CASE WHEN isfinite(amount) THEN amount ELSE error(${problem}) END`,
  };
}

function csvPurchasesSql(source: CsvPurchases): SqlStatement {
  const amount = amountSql(source);
  const sql = [
    'SELECT customer_id,',
    `  CASE WHEN day IS NULL THEN error(format('customer {}: unreadable date "{}"', customer_id, d)) ELSE day END AS day,`,
    `  ${amount.checked} AS amount`,
    'FROM (',
    `  SELECT customer_id, d, ${dayFromText} AS day, amount_text, ${amount.value} AS amount`,
    '  FROM (',
    `    SELECT coalesce(${trimmed(source.customerColumn)}, '') AS customer_id,`,
    `      coalesce(${trimmed(source.dateColumn)}, '') AS d,`,
    `      ${amount.text} AS amount_text`,
    `    FROM read_csv($path, ${csvDialect})`,
    '  )',
    ')',
  ].join('\n');
  return { sql, params: { path: source.path } };
}
