import { describe, expect, it } from 'vitest';
import { seededRandom } from '../testing/seeded-random.ts';
import { createChangeDetector, detectChangesOnline } from './bocpd.ts';
import {
  normalGammaModel,
  normalGammaPriorFrom,
  poissonGammaModel,
  poissonGammaPriorFrom,
} from './conjugate-models.ts';

describe('conjugate predictives', () => {
  it('gives the Student-t predictive of a Normal-Gamma prior and its one-point update', () => {
    // μ0 = 0, κ = α = β = 1: t with ν = 2, scale² = β(κ+1)/(ακ) = 2; density at 0 = Γ(3/2)/√(4π) = 1/4.
    const model = normalGammaModel({ mean: 0, meanStrength: 1, shape: 1, rate: 1 });
    expect(Math.exp(model.logPredictive(model.prior, 0))).toBeCloseTo(0.25, 12);
    // x = 2: κ = 2, μ = 1, α = 3/2, β = 1 + 1·4/(2·2) = 2.
    expect(model.update(model.prior, 2)).toEqual({ mean: 1, meanStrength: 2, shape: 1.5, rate: 2 });
  });

  it('gives the negative binomial predictive of a Poisson-Gamma prior, summing to 1', () => {
    // Gamma(1, 1): p(x) = (1/2)^(x+1); after x = 0, Gamma(1, 2): p(x) = (2/3)(1/3)^x.
    const model = poissonGammaModel({ shape: 1, rate: 1 });
    expect(Math.exp(model.logPredictive(model.prior, 3))).toBeCloseTo(1 / 16, 14);
    const after = model.update(model.prior, 0);
    expect(Math.exp(model.logPredictive(after, 3))).toBeCloseTo(2 / 81, 14);
    let total = 0;
    for (let x = 0; x < 200; x++) total += Math.exp(model.logPredictive({ shape: 3.5, rate: 0.4 }, x));
    expect(total).toBeCloseTo(1, 10);
    expect(model.logPredictive(model.prior, 1.5)).toBe(Number.NEGATIVE_INFINITY);
  });
});

describe('Bayesian online change-point detection', () => {
  it('gives the hand-solved run-length posterior after two counts', () => {
    // Gamma(1, 1) prior, H = 1/10, counts 0 then 3. Growth: 0.9·(2/3)(1/3)³ = 1/45; change: 0.1·(1/2)⁴ = 1/160.
    // P(ℓ = 1) = (1/160)/(1/160 + 1/45) = 9/41, and p(x₂ | x₁) = 1/160 + 1/45 = 205/7200.
    const detector = createChangeDetector({
      model: poissonGammaModel({ shape: 1, rate: 1 }),
      expectedRunLength: 10,
    });
    const first = detector.push(0);
    expect(first.changeProbability).toBe(0);
    expect(first.logPredictive).toBeCloseTo(Math.log(0.5), 14);
    const second = detector.push(3);
    expect(second.changeProbability).toBeCloseTo(9 / 41, 14);
    expect(second.logPredictive).toBeCloseTo(Math.log(205 / 7200), 14);
    const posterior = detector.runLengths().map((r) => [r.runLength, Math.exp(r.logProbability)]);
    expect(posterior[0]?.[1]).toBeCloseTo(9 / 41, 14);
    expect(posterior[1]?.[1]).toBeCloseTo(32 / 41, 14);
    expect(posterior.map(([runLength]) => runLength)).toEqual([1, 2]);
  });

  // λ = 1000 with the default alert rule: P(change within the last 30 points) ≥ 0.95.
  const settings = { expectedRunLength: 1000 };

  it('raises an alert within 6 points of a 3σ step in the mean, dating it within 3 points', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const r = seededRandom(seed);
      const model = normalGammaModel(
        normalGammaPriorFrom(Array.from({ length: 30 }, () => 10 + 2 * r.normal())),
      );
      const series = Array.from({ length: 150 }, (_, i) => (i < 100 ? 10 : 16) + 2 * r.normal());
      const alerts = detectChangesOnline(series, { model, ...settings }).filter((s) => s.newAlert);
      expect(alerts).toHaveLength(1);
      const [alert] = alerts;
      expect(alert?.index).toBeGreaterThanOrEqual(100);
      expect(alert?.index).toBeLessThanOrEqual(106);
      expect(Math.abs((alert?.estimatedChangeIndex as number) - 100)).toBeLessThanOrEqual(3);
    }
  });

  it('raises an alert within 15 days when daily orders double from 5 to 10', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const r = seededRandom(100 + seed);
      const model = poissonGammaModel(poissonGammaPriorFrom(Array.from({ length: 30 }, () => r.poisson(5))));
      const series = Array.from({ length: 150 }, (_, i) => r.poisson(i < 100 ? 5 : 10));
      const first = detectChangesOnline(series, { model, ...settings }).find((s) => s.newAlert);
      expect(first?.index).toBeGreaterThanOrEqual(100);
      expect(first?.index).toBeLessThanOrEqual(115);
    }
  });

  it('stays quiet on stationary series: no alert in 10 × 1000 points, normal or Poisson', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const r = seededRandom(200 + seed);
      const normal = normalGammaModel(
        normalGammaPriorFrom(Array.from({ length: 30 }, () => 10 + 2 * r.normal())),
      );
      const calm = Array.from({ length: 1000 }, () => 10 + 2 * r.normal());
      expect(detectChangesOnline(calm, { model: normal, ...settings }).filter((s) => s.alert)).toEqual([]);
      const poisson = poissonGammaModel(
        poissonGammaPriorFrom(Array.from({ length: 30 }, () => r.poisson(5))),
      );
      const counts = Array.from({ length: 1000 }, () => r.poisson(5));
      expect(detectChangesOnline(counts, { model: poisson, ...settings }).filter((s) => s.alert)).toEqual([]);
    }
  });

  it('keeps the truncated posterior within its cap and close to the untruncated one', () => {
    const r = seededRandom(7);
    const model = poissonGammaModel({ shape: 1, rate: 0.2 });
    const series = Array.from({ length: 400 }, (_, i) => r.poisson(i < 250 ? 5 : 9));
    // 300 of the 400 run lengths kept: the dropped ones carry too little mass to move the alert probability.
    const capped = createChangeDetector({ model, expectedRunLength: 200, maximumRunLengths: 300 });
    const full = createChangeDetector({
      model,
      expectedRunLength: 200,
      minimumProbability: 1e-300,
      maximumRunLengths: 1e6,
    });
    let largest = 0;
    for (const x of series) {
      const a = capped.push(x);
      const b = full.push(x);
      largest = Math.max(largest, Math.abs(a.changeProbability - b.changeProbability));
      expect(capped.runLengths().length).toBeLessThanOrEqual(300);
    }
    expect(full.runLengths().length).toBe(400);
    expect(largest).toBeLessThan(1e-6);
  });

  it('refuses a hazard that is not a probability', () => {
    expect(() =>
      createChangeDetector({ model: poissonGammaModel({ shape: 1, rate: 1 }), expectedRunLength: 1 }),
    ).toThrow(RangeError);
  });
});
