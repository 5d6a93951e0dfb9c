export { refreshCustomerValues } from './refresh.ts';
export {
  type CustomerValueTraits,
  type PurchaseTotals,
  type Valuation,
  type ValuationOptions,
  valueCustomers,
} from './value-customers.ts';
export {
  minimumCustomers,
  minimumRepeatBuyers,
  valueWorkspace,
  type WorkspaceValuation,
} from './value-workspace.ts';
