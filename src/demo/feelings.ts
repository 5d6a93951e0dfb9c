import type { SimulationContext } from './context.ts';
import type { PlannedPurchase } from './purchases.ts';
import type { Random } from './random.ts';
import { phaseAt, shiftEffects } from './shift.ts';
import type { TextSlots } from './texts/compose.ts';
import type { Polarity, Theme } from './types.ts';

export type Scale = '0-10' | '1-5' | '1-7';

const scaleBounds: Record<Scale, [min: number, max: number]> = {
  '0-10': [0, 10],
  '1-5': [1, 5],
  '1-7': [1, 7],
};

/** How satisfied someone is, in [0, 1], drawn around a mean that their experience sets. */
export function satisfaction(rng: Random, mean: number): number {
  return Math.min(1, Math.max(0, rng.normal(mean, 0.15)));
}

/** A satisfaction level written as a score on a survey scale. */
export function scoreOn(scale: Scale, level: number): number {
  const [min, max] = scaleBounds[scale];
  return min + Math.round(level * (max - min));
}

/** What a score says: NPS promoters, CSAT 4–5 and CES 6–7 are positive; detractors and low scores negative. */
export function polarityOfScore(scale: Scale, score: number): Polarity {
  if (scale === '0-10') return score >= 9 ? 'positive' : score >= 7 ? 'neutral' : 'negative';
  if (scale === '1-5') return score >= 4 ? 'positive' : score === 3 ? 'neutral' : 'negative';
  return score >= 6 ? 'positive' : score >= 4 ? 'neutral' : 'negative';
}

/** The themes a purchase problem is about. */
export function problemThemes(rng: Random, problem: PlannedPurchase['problem']): Theme[] {
  if (problem === 'delivery') return rng.chance(0.25) ? ['delivery', 'returns_refunds'] : ['delivery'];
  return rng.chance(0.5) ? ['product_quality', 'returns_refunds'] : ['product_quality'];
}

const onlineThemes: readonly Theme[] = ['delivery', 'product_quality', 'price', 'website_app'];
const onlineThemeWeights = [0.4, 0.35, 0.15, 0.1];
const shopThemes: readonly Theme[] = ['staff', 'product_quality', 'price', 'waiting_time'];
const shopThemeWeights = [0.4, 0.3, 0.2, 0.1];

/** One or two things someone remarks on after a purchase that went fine. */
export function remarkThemes(rng: Random, online: boolean): Theme[] {
  const [themes, weights] = online ? [onlineThemes, onlineThemeWeights] : [shopThemes, shopThemeWeights];
  const first = rng.weighted(themes, weights);
  const second = rng.weighted(themes, weights);
  return rng.chance(0.3) && second !== first ? [first, second] : [first];
}

/** The values a text about this purchase can mention; `agent` is who served them. */
export function textSlots(purchase: PlannedPurchase, agent: string): TextSlots {
  return {
    product: purchase.basket.lines[0]?.product.name ?? 'article',
    order: purchase.orderId,
    store: purchase.shop.name,
    agent,
  };
}

/**
 * What someone remembers of a purchase when asked about it at `at`: the themes they would mention
 * and how satisfied they are on average (delivery remarks sour after the shift).
 */
export function purchaseExperience(
  ctx: SimulationContext,
  rng: Random,
  purchase: PlannedPurchase,
  at: number,
): { themes: Theme[]; mean: number } {
  if (purchase.problem) return { themes: problemThemes(rng, purchase.problem), mean: 0.2 };
  const themes = remarkThemes(rng, purchase.channel !== 'store');
  const praise = shiftEffects.deliveryPraise[phaseAt(ctx.calendar, at)];
  return { themes, mean: !themes.includes('delivery') || rng.chance(praise) ? 0.8 : 0.4 };
}
