import { describe, expect, it } from 'vitest';
import { countTransitions, JOURNEY_START, type JourneyPathCount } from '../markov/journey-paths.ts';
import { seededRandom } from '../testing/seeded-random.ts';
import { compareTransitions } from './markov-homogeneity.ts';

describe('per-state homogeneity of two periods’ journey chains', () => {
  // Only the step out of "social" changed: 5 of 50 converted before, 25 of 50 after.
  const before = countTransitions([
    { channels: ['search', 'email'], conversions: 20, nonConversions: 30 },
    { channels: ['social'], conversions: 5, nonConversions: 45 },
  ]);
  const after = countTransitions([
    { channels: ['search', 'email'], conversions: 20, nonConversions: 30 },
    { channels: ['social'], conversions: 25, nonConversions: 25 },
  ]);
  const result = compareTransitions(before, after);

  it('puts the change where it happened, with the hand-solved χ²', () => {
    // social: [[5, 45], [25, 25]]: X² = 100·(5·25 − 45·25)²/(30·70·50·50) = 19.0476, df 1; TVD = 0.4.
    const [first] = result.states;
    expect(first?.state).toBe('social');
    expect(first?.statistic).toBeCloseTo(100 / 5.25, 10);
    expect(first?.degreesOfFreedom).toBe(1);
    expect(first?.totalVariationDistance).toBeCloseTo(0.4, 12);
    expect(first?.nextSteps[0]).toMatchObject({ before: 0.1, after: 0.5 });
    expect(first?.conversionProbability.before).toBeCloseTo(0.1, 12);
    expect(first?.conversionProbability.after).toBeCloseTo(0.5, 12);
    for (const state of result.states.slice(1)) expect(state.statistic).toBeCloseTo(0, 12);
  });

  it('sums the states into the overall test: X² = 19.0476 on 3 df, p = 0.000267', () => {
    // df: start (2 next states) 1 + search (1) 0 + email (2) 1 + social (2) 1 = 3.
    // For 3 df, P(χ² ≥ x) = erfc(√(x/2)) + √(2x/π)·e^(−x/2) = 0.00026727 at x = 19.0476.
    expect(result.statistic).toBeCloseTo(100 / 5.25, 10);
    expect(result.degreesOfFreedom).toBe(3);
    expect(result.pValue).toBeCloseTo(0.00026727001, 10);
    // journey-weighted TVD: 0.4·100 over 500 steps out of tested states.
    expect(result.effectSize).toBeCloseTo(0.08, 12);
  });

  it('reports the absorption P(conversion) from the start of each period', () => {
    // before: ½·0.4 + ½·0.1 = 0.25; after: ½·0.4 + ½·0.5 = 0.45.
    const start = result.states.find((s) => s.state === JOURNEY_START);
    expect(start?.conversionProbability.before).toBeCloseTo(0.25, 12);
    expect(start?.conversionProbability.after).toBeCloseTo(0.45, 12);
  });

  it('marks a state seen in one period only as untestable', () => {
    const later = countTransitions([
      { channels: ['search', 'email'], conversions: 20, nonConversions: 30 },
      { channels: ['app'], conversions: 5, nonConversions: 5 },
    ]);
    const shift = compareTransitions(before, later);
    const app = shift.states.find((s) => s.state === 'app');
    expect(app).toMatchObject({ testable: false, degreesOfFreedom: 0, journeys: { before: 0, after: 10 } });
    expect(shift.states[shift.states.length - 1]?.testable).toBe(false);
  });

  it('keeps its false-positive rate near α when both periods come from one chain (A/A)', () => {
    const r = seededRandom(31);
    const channels = ['search', 'email', 'social', 'shop', 'call'];
    const period = (): JourneyPathCount[] =>
      Array.from({ length: 1000 }, () => {
        const length = 1 + Math.floor(r.uniform() * 4);
        const path = Array.from(
          { length },
          () => channels[Math.floor(r.uniform() * r.uniform() * 5)] as string,
        );
        const converted = r.uniform() < 0.1 ? 1 : 0;
        return { channels: path, conversions: converted, nonConversions: 1 - converted };
      });
    const pValues = Array.from(
      { length: 40 },
      () => compareTransitions(countTransitions(period()), countTransitions(period())).pValue,
    );
    // expected 2 of 40 below α = 0.05; 7 or more would happen with probability 0.003.
    expect(pValues.filter((p) => p < 0.05).length).toBeLessThanOrEqual(6);
    // uniform p-values average ½ (standard error 0.046 over 40), so a test that never rejects fails too.
    const mean = pValues.reduce((a, b) => a + b, 0) / pValues.length;
    expect(mean).toBeGreaterThan(0.35);
    expect(mean).toBeLessThan(0.65);
  });
});
