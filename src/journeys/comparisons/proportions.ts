import { standardNormalQuantile, twoSidedNormalPValue } from '../maths/distributions.ts';

/** Conversions out of trials in one period. */
export interface ConversionCount {
  conversions: number;
  trials: number;
}

/** A two-proportion comparison, after − before. */
export interface ProportionComparison {
  before: number;
  after: number;
  /** p_after − p_before. */
  difference: number;
  /** (p_after − p_before)/p_before; the effect size the gate reads. */
  relativeChange: number;
  effectSize: number;
  /** Cohen's h = 2·asin√p_after − 2·asin√p_before. */
  cohensH: number;
  /** Wald interval of the difference, p₂ − p₁ ± z·√(p₁(1−p₁)/n₁ + p₂(1−p₂)/n₂). */
  confidenceInterval: [number, number];
  /** z = (p₂ − p₁)/√(p̂(1 − p̂)(1/n₁ + 1/n₂)) with the pooled p̂. */
  z: number;
  pValue: number;
}

/**
 * Two-proportion z-test (pooled standard error under "no change") with the unpooled Wald confidence
 * interval of the difference (Agresti 2007, An Introduction to Categorical Data Analysis, §2.2.3).
 */
export function twoProportionTest(
  before: ConversionCount,
  after: ConversionCount,
  options: { confidence?: number } = {},
): ProportionComparison {
  for (const c of [before, after])
    if (!(c.trials > 0 && c.conversions >= 0 && c.conversions <= c.trials))
      throw new RangeError('need 0 ≤ conversions ≤ trials and trials > 0');
  const confidence = options.confidence ?? 0.95;
  const p1 = before.conversions / before.trials;
  const p2 = after.conversions / after.trials;
  const difference = p2 - p1;
  const pooled = (before.conversions + after.conversions) / (before.trials + after.trials);
  const pooledSe = Math.sqrt(pooled * (1 - pooled) * (1 / before.trials + 1 / after.trials));
  const z = pooledSe > 0 ? difference / pooledSe : 0;
  const se = Math.sqrt((p1 * (1 - p1)) / before.trials + (p2 * (1 - p2)) / after.trials);
  const critical = standardNormalQuantile(1 - (1 - confidence) / 2);
  const relativeChange = p1 > 0 ? difference / p1 : difference === 0 ? 0 : Number.POSITIVE_INFINITY;
  return {
    before: p1,
    after: p2,
    difference,
    relativeChange,
    effectSize: relativeChange,
    cohensH: 2 * Math.asin(Math.sqrt(p2)) - 2 * Math.asin(Math.sqrt(p1)),
    confidenceInterval: [difference - critical * se, difference + critical * se],
    z,
    pValue: pooledSe > 0 ? twoSidedNormalPValue(z) : 1,
  };
}
