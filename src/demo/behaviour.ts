import type { Random } from './random.ts';
import { DAY, WEEK } from './time.ts';
import type { TrueSegment } from './types.ts';

/**
 * The population parameters every customer's behaviour is drawn from: BG/NBD (Fader, Hardie &
 * Lee 2005, CDNOW estimates; time in weeks) and Gamma-Gamma spend (Fader, Hardie & Lee 2005b,
 * CDNOW), with spend scaled from 1990s dollars to today's euros.
 */
export const demoModelParameters = {
  bgnbd: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
  gammaGamma: { p: 6.25, q: 3.74, gamma: 15.44 },
  spendScale: 3,
  timeUnit: 'week',
} as const;

export interface PurchaseBehaviour {
  /** Purchases per week while alive. */
  lambda: number;
  /** Probability of dropping out right after each repeat purchase. */
  dropout: number;
  /** Gamma-Gamma ν: the rate of this person's spend distribution. */
  nu: number;
  /** Expected spend per purchase in euros (p/ν, scaled). */
  meanSpend: number;
}

/** Draws one customer's latent purchase rate, drop-out probability and spend level. */
export function drawBehaviour(rng: Random): PurchaseBehaviour {
  const { r, alpha, a, b } = demoModelParameters.bgnbd;
  const { p, q, gamma } = demoModelParameters.gammaGamma;
  const lambda = rng.gamma(r, alpha);
  const dropout = rng.beta(a, b);
  const nu = rng.gamma(q, gamma);
  return { lambda, dropout, nu, meanSpend: (p / nu) * demoModelParameters.spendScale };
}

/** One purchase's amount in euros (Gamma(p, ν), scaled), to the cent. */
export function drawSpend(rng: Random, behaviour: PurchaseBehaviour): number {
  const amount = rng.gamma(demoModelParameters.gammaGamma.p, behaviour.nu) * demoModelParameters.spendScale;
  return Math.max(1, Math.round(amount * 100) / 100);
}

export interface PurchaseHistory {
  /** Purchase instants in ms, the first being the acquisition. */
  times: number[];
  droppedOutAt: number | null;
}

const maxPurchases = 400;

/**
 * Runs the BG/NBD story from the first purchase: exponential waits at rate λ, and after each
 * repeat purchase a coin with probability p decides whether the customer leaves for good.
 */
export function drawPurchases(
  rng: Random,
  behaviour: PurchaseBehaviour,
  acquiredAt: number,
  end: number,
): PurchaseHistory {
  const times = [acquiredAt];
  let t = acquiredAt;
  while (times.length < maxPurchases) {
    t += rng.exponential(behaviour.lambda) * WEEK;
    if (!(t < end)) break;
    times.push(t);
    if (rng.chance(behaviour.dropout)) return { times, droppedOutAt: t };
  }
  return { times, droppedOutAt: null };
}

/** The segment a marketer would put this person in, knowing the truth. */
export function trueSegment(
  behaviour: PurchaseBehaviour,
  history: PurchaseHistory,
  acquiredAt: number,
  end: number,
): TrueSegment {
  if (history.droppedOutAt !== null) return 'lapsed';
  if (history.times.length === 1) return end - acquiredAt < 90 * DAY ? 'new' : 'one_off';
  if (behaviour.lambda >= 0.2) return 'loyal';
  if (behaviour.lambda >= 0.05) return 'regular';
  return 'occasional';
}
