import type { SqlEngine } from '../sql/summarise-in-engine.ts';
import { summariseInEngine } from '../sql/summarise-in-engine.ts';
import { purchasesSql } from '../sql/transaction-sources.ts';
import { isoDay } from '../summary/time-unit.ts';
import {
  type PurchaseTotals,
  type Valuation,
  type ValuationOptions,
  valueCustomers,
} from './value-customers.ts';

/** Too few buyers to fit a model that means anything. */
export const minimumCustomers = 20;
export const minimumRepeatBuyers = 5;

export type WorkspaceValuation =
  | { asOf: string; valuation: Valuation }
  | { asOf: string; valuation: null; reason: string };

/**
 * Values the customers of a workspace from its stored purchases (`Order Completed` with
 * `properties.revenue`), as of a day: the summary is computed by the engine, the models in
 * JavaScript. Too few buyers give a reason instead of a fit.
 */
export async function valueWorkspace(
  engine: SqlEngine,
  workspaceId: string,
  options: ValuationOptions & { asOf?: Date } = {},
): Promise<WorkspaceValuation> {
  const asOf = isoDay(options.asOf ?? new Date());
  const source = { kind: 'events' as const, workspaceId };
  const summaries = await summariseInEngine(engine, source, {
    calibrationEnd: asOf,
    unit: options.unit ?? 'week',
  });
  const repeaters = summaries.filter((s) => s.frequency > 0).length;
  if (summaries.length < minimumCustomers || repeaters < minimumRepeatBuyers) {
    return {
      asOf,
      valuation: null,
      reason: `${summaries.length} customers have bought and ${repeaters} came back: at least ${minimumCustomers} and ${minimumRepeatBuyers} are needed to value customers.`,
    };
  }
  const purchases = purchasesSql(source);
  const rows = await engine.query<{ customer_id: string; spend: number }>(
    `SELECT customer_id, coalesce(sum(amount), 0) AS spend
     FROM (${purchases.sql}) WHERE day <= $as_of_day GROUP BY customer_id`,
    { ...purchases.params, as_of_day: Math.floor(Date.parse(`${asOf}T00:00:00Z`) / 86_400_000) },
  );
  const totals: PurchaseTotals[] = rows.map((r) => ({
    customerId: String(r.customer_id),
    spend: Number(r.spend),
  }));
  return { asOf, valuation: valueCustomers(summaries, totals, options) };
}
