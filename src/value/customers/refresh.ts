import type { Store } from '../../store/port.ts';
import type { JsonObject } from '../../store/types.ts';
import type { ValuationOptions } from './value-customers.ts';
import { valueWorkspace, type WorkspaceValuation } from './value-workspace.ts';

/**
 * Values a workspace's customers from its stored purchases and keeps the result on their profiles
 * (`clv`, `probability_alive`, `expected_purchases_90d`, `value_tier`, `rfm_segment`), with the
 * valuation's summary (models, equity, tiers, segments).
 */
export async function refreshCustomerValues(
  store: Store,
  workspaceId: string,
  options: ValuationOptions & { asOf?: Date } = {},
): Promise<WorkspaceValuation> {
  const result = await valueWorkspace(store, workspaceId, options);
  if (!result.valuation) {
    await store.profiles.saveValues(workspaceId, {
      asOf: result.asOf,
      customers: [],
      summary: { reason: result.reason },
    });
    return result;
  }
  const { customers, ...summary } = result.valuation;
  await store.profiles.saveValues(workspaceId, {
    asOf: result.asOf,
    customers: customers.map(({ customerId, ...traits }) => ({ profileId: customerId, ...traits })),
    summary: { ...summary, customers: customers.length } as unknown as JsonObject,
  });
  return result;
}
