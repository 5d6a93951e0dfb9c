import type { BgNbdParameters } from '../models/bg-nbd.ts';
import type { MbgNbdParameters } from '../models/mbg-nbd.ts';
import type { ParetoNbdParameters } from '../models/pareto-nbd.ts';
import type { ModelName } from '../models/types.ts';
import { logBeta } from '../special/log-gamma.ts';
import { logAddExp } from '../special/log-space.ts';
import { checkPurchaseCount } from './input-checks.ts';
import { logNegativeBinomialPmf, logNegativeBinomialTail, negativeBinomial } from './negative-binomial.ts';
import { paretoNbdProbabilityOfPurchases } from './pareto-purchase-count.ts';

/**
 * P(X(t) = n) for a new BG/NBD customer (Fader, Hardie & Lee 2005, eq. 8):
 * B(a, b+n)/B(a, b) · NB(n) + [n > 0] · B(a+1, b+n−1)/B(a, b) · P(NB ≥ n).
 * @example bgNbdProbabilityOfPurchases({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, 39, 0) // 0.5738
 */
export function bgNbdProbabilityOfPurchases(p: BgNbdParameters, t: number, n: number): number {
  checkPurchaseCount(t, n);
  if (t === 0) return n === 0 ? 1 : 0;
  const nb = negativeBinomial(p.r, p.alpha, t);
  const base = logBeta(p.a, p.b);
  const stillAlive = logBeta(p.a, p.b + n) - base + logNegativeBinomialPmf(nb, n);
  if (n === 0) return Math.exp(stillAlive);
  const droppedAfterLast = logBeta(p.a + 1, p.b + n - 1) - base + logNegativeBinomialTail(nb, n);
  return Math.exp(logAddExp(stillAlive, droppedAfterLast));
}

/**
 * P(X(t) = n) for a new MBG/NBD customer, who may also drop out right after the first purchase
 * (Batislam, Denizel & Filiztekin 2007): B(a, b+n+1)/B(a, b) · NB(n) + B(a+1, b+n)/B(a, b) · P(NB ≥ n).
 */
export function mbgNbdProbabilityOfPurchases(p: MbgNbdParameters, t: number, n: number): number {
  checkPurchaseCount(t, n);
  if (t === 0) return n === 0 ? 1 : 0;
  const nb = negativeBinomial(p.r, p.alpha, t);
  const base = logBeta(p.a, p.b);
  const stillAlive = logBeta(p.a, p.b + n + 1) - base + logNegativeBinomialPmf(nb, n);
  const droppedAfterLast = logBeta(p.a + 1, p.b + n) - base + logNegativeBinomialTail(nb, n);
  return Math.exp(logAddExp(stillAlive, droppedAfterLast));
}

/**
 * P(X(t) = n): the chance that a new customer makes exactly n repeat purchases in a period of length t,
 * under whichever of the three purchase models was fitted.
 * @example probabilityOfPurchases(fitBgNbd(summaries), 52, 0) // share of customers with no repeat in a year
 */
export function probabilityOfPurchases(
  fitted: { model: ModelName; parameters: object },
  t: number,
  n: number,
): number {
  switch (fitted.model) {
    case 'bg-nbd':
      return bgNbdProbabilityOfPurchases(fitted.parameters as BgNbdParameters, t, n);
    case 'mbg-nbd':
      return mbgNbdProbabilityOfPurchases(fitted.parameters as MbgNbdParameters, t, n);
    case 'pareto-nbd':
      return paretoNbdProbabilityOfPurchases(fitted.parameters as ParetoNbdParameters, t, n);
    default:
      throw new RangeError(`P(X(t) = n) is defined for bg-nbd, mbg-nbd and pareto-nbd, not ${fitted.model}`);
  }
}
