import { describe, expect, it } from 'vitest';
import {
  explainPair,
  type MatchModel,
  priorWeight,
  probabilityFromWeight,
  termFrequencyAdjustment,
} from './weights.ts';

const model: MatchModel = {
  prior: 0.001,
  fields: [
    {
      field: 'surname',
      levels: [
        { label: 'exact', m: 0.9, u: 0.01, termFrequency: true },
        { label: 'else', m: 0.1, u: 0.99 },
      ],
    },
    {
      field: 'postcode',
      levels: [
        { label: 'exact', m: 0.8, u: 0.1 },
        { label: 'else', m: 0.1, u: 0.9 },
      ],
    },
  ],
};

describe('match weights', () => {
  it('adds the prior weight and log2(m/u) of each field, as computed by hand', () => {
    // prior log2(0.001/0.999) = -9.96434; surname log2(90) = 6.49185; postcode log2(1/9) = -3.16993
    const explanation = explainPair(model, [0, 1]);
    expect(explanation.priorWeight).toBeCloseTo(-9.96434, 5);
    expect(explanation.fields.map((f) => f.weight)).toEqual([
      expect.closeTo(6.49185, 5),
      expect.closeTo(-3.16993, 5),
    ]);
    expect(explanation.matchWeight).toBeCloseTo(-6.64241, 5);
    // odds 0.001/0.999 · 90 · 1/9 = 0.01001; p = 0.01001 / 1.01001
    expect(explanation.probability).toBeCloseTo(0.0099108, 6);
  });

  it('adjusts an exact agreement by how common the value is', () => {
    // log2(u_exact / tf) = log2(0.01 / 0.002) = log2(5)
    expect(termFrequencyAdjustment(0.01, 0.002)).toBeCloseTo(Math.log2(5), 12);
    const rare = explainPair(model, [0, -1], [0.002, undefined]);
    expect(rare.fields[0]?.termFrequencyAdjustment).toBeCloseTo(2.32193, 5);
    expect(rare.fields[0]?.weight).toBeCloseTo(6.49185 + 2.32193, 5);
    expect(rare.fields[1]).toEqual({
      field: 'postcode',
      level: 'missing',
      weight: 0,
      termFrequencyAdjustment: 0,
    });
  });

  it('turns weights and probabilities into each other', () => {
    expect(probabilityFromWeight(0)).toBe(0.5);
    expect(probabilityFromWeight(priorWeight(0.2))).toBeCloseTo(0.2, 12);
  });
});
