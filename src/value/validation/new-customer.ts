import { type BgNbdParameters, bgNbdExpectedPurchases } from '../models/bg-nbd.ts';
import { type MbgNbdParameters, mbgNbdExpectedPurchases } from '../models/mbg-nbd.ts';
import { type ParetoNbdParameters, paretoNbdExpectedPurchases } from '../models/pareto-nbd.ts';
import type { FittedModel } from '../models/types.ts';

/**
 * t ↦ E[X(t)], the expected repeat purchases of a customer in the first t units after a first
 * purchase, for a fitted BG/NBD, MBG/NBD or Pareto/NBD model: what the tracking curve sums.
 * @example newCustomerExpectation(fitPurchaseModel('bg-nbd', summaries).fit)(39)
 */
export function newCustomerExpectation(fit: FittedModel<object>): (t: number) => number {
  switch (fit.model) {
    case 'bg-nbd':
      return (t) => bgNbdExpectedPurchases(fit.parameters as BgNbdParameters, t);
    case 'mbg-nbd':
      return (t) => mbgNbdExpectedPurchases(fit.parameters as MbgNbdParameters, t);
    case 'pareto-nbd':
      return (t) => paretoNbdExpectedPurchases(fit.parameters as ParetoNbdParameters, t);
    default:
      throw new RangeError(`${fit.model} is not a continuous-time purchase model`);
  }
}
