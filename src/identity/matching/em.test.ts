import { describe, expect, it } from 'vitest';
import { expectationMaximisation, matchPosterior, type PatternCount } from './em.ts';

/** Exact expected counts of every pattern of binary fields (0 = agree, 1 = disagree) under a known mixture. */
function mixture(total: number, lambda: number, m: number[], u: number[]): PatternCount[] {
  const patterns: PatternCount[] = [];
  for (let bits = 0; bits < 2 ** m.length; bits++) {
    const levels = m.map((_, f) => (bits >> f) & 1);
    const pm = levels.reduce((p, level, f) => p * (level === 0 ? (m[f] ?? 0) : 1 - (m[f] ?? 0)), lambda);
    const pu = levels.reduce((p, level, f) => p * (level === 0 ? (u[f] ?? 0) : 1 - (u[f] ?? 0)), 1 - lambda);
    patterns.push({ levels, count: total * (pm + pu) });
  }
  return patterns;
}

describe('expectationMaximisation', () => {
  it('recovers m and the share of matches of two fields when u is known', () => {
    const patterns = mixture(100_000, 0.3, [0.9, 0.8], [0.1, 0.2]);
    const fit = expectationMaximisation({
      patterns,
      m: [
        [0.5, 0.5],
        [0.5, 0.5],
      ],
      u: [
        [0.1, 0.9],
        [0.2, 0.8],
      ],
      lambda: 0.5,
      maxIterations: 2000,
      tolerance: 1e-10,
    });
    expect(fit.converged).toBe(true);
    expect(fit.lambda).toBeCloseTo(0.3, 3);
    expect(fit.m[0]?.[0]).toBeCloseTo(0.9, 3);
    expect(fit.m[1]?.[0]).toBeCloseTo(0.8, 3);
  });

  it('recovers m, u and the share of matches of three fields from the counts alone', () => {
    const patterns = mixture(1_000_000, 0.2, [0.9, 0.8, 0.95], [0.1, 0.2, 0.05]);
    const fit = expectationMaximisation({
      patterns,
      m: [0.7, 0.7, 0.7].map((a) => [a, 1 - a]),
      u: [0.3, 0.3, 0.3].map((a) => [a, 1 - a]),
      lambda: 0.5,
      estimateU: true,
      maxIterations: 5000,
      tolerance: 1e-12,
    });
    expect(fit.lambda).toBeCloseTo(0.2, 3);
    expect(fit.m.map((row) => row[0])).toEqual([
      expect.closeTo(0.9, 3),
      expect.closeTo(0.8, 3),
      expect.closeTo(0.95, 3),
    ]);
    expect(fit.u.map((row) => row[0])).toEqual([
      expect.closeTo(0.1, 3),
      expect.closeTo(0.2, 3),
      expect.closeTo(0.05, 3),
    ]);
  });

  it('leaves inactive fields out of the likelihood and their m untouched', () => {
    const patterns = mixture(10_000, 0.3, [0.9, 0.8], [0.1, 0.2]);
    const fit = expectationMaximisation({
      patterns,
      m: [
        [0.5, 0.5],
        [0.6, 0.4],
      ],
      u: [
        [0.1, 0.9],
        [0.2, 0.8],
      ],
      lambda: 0.5,
      active: [true, false],
    });
    expect(fit.m[1]).toEqual([0.6, 0.4]);
  });

  it('gives a missing value no say in the posterior', () => {
    const m = [[0.9, 0.1]];
    const u = [[0.1, 0.9]];
    expect(matchPosterior([-1], m, u, 0.25)).toBeCloseTo(0.25, 12);
    // Hand-solved: 0.25·0.9 / (0.25·0.9 + 0.75·0.1) = 0.75
    expect(matchPosterior([0], m, u, 0.25)).toBeCloseTo(0.75, 12);
  });
});
