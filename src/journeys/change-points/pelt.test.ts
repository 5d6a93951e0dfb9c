import { describe, expect, it } from 'vitest';
import { seededRandom } from '../testing/seeded-random.ts';
import {
  binomialCost,
  normalMeanCost,
  normalMeanVarianceCost,
  poissonCost,
  type SegmentCost,
} from './costs.ts';
import { optimalPartitioning } from './optimal-partitioning.ts';
import { pelt } from './pelt.ts';
import { type Penalty, penaltyTerms } from './penalties.ts';

describe('PELT on hand-solved series', () => {
  it('splits [0, 0, 1, 1] only when the penalty is below the cost it saves', () => {
    // σ² = 1. One segment: Σ(x − ½)² = 4·¼ = 1. Split at 2: 0 + 0 + β. Splits at 1 or 3 leave ⅔ + β.
    const cost = normalMeanCost([0, 0, 1, 1], { variance: 1 });
    const cheap = pelt(cost, { penalty: { kind: 'manual', perChange: 0.9 } });
    expect(cheap.changePoints).toEqual([2]);
    expect(cheap.objective).toBeCloseTo(0.9, 12);
    expect(cheap.segments).toEqual([
      { start: 0, end: 2, level: 0 },
      { start: 2, end: 4, level: 1 },
    ]);
    const dear = pelt(cost, { penalty: { kind: 'manual', perChange: 1.1 } });
    expect(dear.changePoints).toEqual([]);
    expect(dear.objective).toBeCloseTo(1, 12);
  });

  it('finds the jump in daily counts [2, 2, 2, 8, 8, 8] under BIC', () => {
    // Poisson, C = 2(S − S ln(S/n)). Whole: 2(30 − 30 ln 5) = −36.566. Split at 3:
    // 2(6 − 6 ln 2) + 2(24 − 24 ln 8) = 60 − 156 ln 2 = −48.131. BIC = 2 ln 6 = 3.584 per change.
    const result = pelt(poissonCost([2, 2, 2, 8, 8, 8]));
    expect(result.changePoints).toEqual([3]);
    expect(result.objective).toBeCloseTo(60 - 156 * Math.LN2 + 2 * Math.log(6), 10);
    expect(result.segments.map((s) => s.level)).toEqual([2, 8]);
  });

  it('finds a conversion-rate change from 10% to 90%', () => {
    // Binomial, 10 trials a day. Whole (p = ½): 80 ln 2 = 55.45. Split at 2: −4(2 ln 0.1 + 18 ln 0.9) = 26.01.
    const result = pelt(binomialCost([1, 1, 9, 9], [10, 10, 10, 10]));
    expect(result.changePoints).toEqual([2]);
    expect(result.objective).toBeCloseTo(-4 * (2 * Math.log(0.1) + 18 * Math.log(0.9)) + 2 * Math.log(4), 10);
    expect(result.segments.map((s) => s.level)).toEqual([0.1, 0.9]);
  });

  it('finds a change in variance with the mean unchanged', () => {
    // Segments with RSS 4 (v = 1) and RSS 400 (v = 100): 8 ln 2π + 4 ln 100 + 8; whole: v = 50.5.
    const values = [1, -1, 1, -1, 10, -10, 10, -10];
    const result = pelt(normalMeanVarianceCost(values), { penalty: { kind: 'manual', perChange: 5 } });
    expect(result.changePoints).toEqual([4]);
    expect(result.objective).toBeCloseTo(8 * Math.log(2 * Math.PI) + 4 * Math.log(100) + 8 + 5, 10);
  });

  it('states the BIC and MBIC penalties', () => {
    expect(penaltyTerms({ kind: 'bic' }, 100, 1).perChange).toBeCloseTo(2 * Math.log(100), 12);
    expect(penaltyTerms({ kind: 'bic' }, 100, 2).perChange).toBeCloseTo(3 * Math.log(100), 12);
    const mbic = penaltyTerms({ kind: 'mbic' }, 100, 1);
    expect(mbic.perChange).toBeCloseTo(3 * Math.log(100), 12);
    expect(mbic.perSegment(50)).toBeCloseTo(Math.log(0.5), 12);
    expect(mbic.description).toContain('MBIC');
    expect(() => penaltyTerms({ kind: 'manual', perChange: -1 }, 10, 1)).toThrow(RangeError);
  });
});

type CostMaker = (r: ReturnType<typeof seededRandom>, n: number) => SegmentCost;

// piecewise series with a new level every 5–40 points, so optimal segmentations have several changes.
function levels(r: ReturnType<typeof seededRandom>, n: number, draw: () => number): number[] {
  const out: number[] = [];
  let level = draw();
  let next = 5 + Math.floor(r.uniform() * 35);
  for (let i = 0; i < n; i++) {
    if (i === next) {
      level = draw();
      next += 5 + Math.floor(r.uniform() * 35);
    }
    out.push(level);
  }
  return out;
}

const costs: [string, CostMaker][] = [
  [
    'normal mean, σ² stated',
    (r, n) =>
      normalMeanCost(
        levels(r, n, () => 4 * r.normal()).map((m) => m + r.normal()),
        { variance: 1 },
      ),
  ],
  [
    'normal mean, σ² estimated',
    (r, n) => normalMeanCost(levels(r, n, () => 3 * r.normal()).map((m) => m + r.normal())),
  ],
  [
    'normal mean and variance',
    (r, n) => normalMeanVarianceCost(levels(r, n, () => 0.2 + 3 * r.uniform()).map((s) => s * r.normal())),
  ],
  ['Poisson', (r, n) => poissonCost(levels(r, n, () => 20 * r.uniform()).map((rate) => r.poisson(rate)))],
  [
    'binomial',
    (r, n) => {
      const trials = Array.from({ length: n }, () => 1 + Math.floor(50 * r.uniform()));
      const p = levels(r, n, () => r.uniform());
      return binomialCost(
        trials.map((m, i) => Math.round(m * (p[i] as number))),
        trials,
      );
    },
  ],
];
const penalties: Penalty[] = [{ kind: 'bic' }, { kind: 'mbic' }, { kind: 'manual', perChange: 1.5 }];

describe('PELT against optimal partitioning', () => {
  it.each(costs)('gives exactly the optimal-partitioning segmentation with the %s cost', (_, make) => {
    for (let seed = 1; seed <= 4; seed++) {
      for (const penalty of penalties) {
        for (const minimumSegmentLength of [1, 3, 7]) {
          const cost = make(seededRandom(seed), 240);
          const options = {
            penalty,
            minimumSegmentLength: Math.max(
              minimumSegmentLength,
              cost.model === 'normal-mean-variance' ? 2 : 1,
            ),
          };
          const fast = pelt(cost, options);
          const reference = optimalPartitioning(cost, options);
          expect(fast.changePoints).toEqual(reference.changePoints);
          expect(fast.objective).toBeCloseTo(reference.objective, 8);
          for (const s of fast.segments)
            expect(s.end - s.start).toBeGreaterThanOrEqual(options.minimumSegmentLength);
        }
      }
    }
  });

  it('matches every partition tried one by one on short series', () => {
    for (let seed = 1; seed <= 6; seed++) {
      const r = seededRandom(seed);
      const counts = levels(r, 11, () => 10 * r.uniform()).map((rate) => r.poisson(rate));
      for (const minimumSegmentLength of [1, 2, 3]) {
        const options = { penalty: { kind: 'mbic' } as const, minimumSegmentLength };
        const cost = poissonCost(counts);
        const terms = penaltyTerms(options.penalty, counts.length, 1);
        const exhaustive = bestByEnumeration(
          cost,
          minimumSegmentLength,
          (start, end) => cost.cost(start, end) + terms.perSegment(end - start),
          terms.perChange,
        );
        const result = pelt(cost, options);
        expect(result.objective).toBeCloseTo(exhaustive.objective, 10);
        expect(optimalPartitioning(cost, options).objective).toBeCloseTo(exhaustive.objective, 10);
      }
    }
  });

  it('prunes: per point, fewer candidates than one segment holds, against n/2 without pruning', () => {
    const r = seededRandom(42);
    const rates = [4, 9, 6, 14, 5, 8, 12, 7, 10, 3];
    const counts = Array.from({ length: 5000 }, (_, i) => r.poisson(rates[Math.floor(i / 500)] as number));
    const fast = pelt(poissonCost(counts));
    const reference = optimalPartitioning(poissonCost(counts));
    expect(fast.changePoints).toEqual(reference.changePoints);
    expect(reference.costEvaluations).toBe((5000 * 5001) / 2);
    // segments of 500 points: about 260 candidates survive per point, so the work grows as O(n).
    expect(fast.costEvaluations / 5000).toBeLessThan(500);
    for (const truth of [500, 1000, 1500, 2000, 2500, 3000, 3500, 4000, 4500])
      expect(fast.changePoints.some((c) => Math.abs(c - truth) <= 15)).toBe(true);
  });
});

// every composition of n into parts ≥ minimum, scored directly.
function bestByEnumeration(
  cost: SegmentCost,
  minimum: number,
  segmentScore: (start: number, end: number) => number,
  perChange: number,
): { objective: number } {
  const n = cost.length;
  let best = Number.POSITIVE_INFINITY;
  for (let mask = 0; mask < 1 << (n - 1); mask++) {
    const starts = [0];
    for (let i = 1; i < n; i++) if (mask & (1 << (i - 1))) starts.push(i);
    const ends = [...starts.slice(1), n];
    if (starts.some((s, i) => (ends[i] as number) - s < minimum)) continue;
    const value =
      starts.reduce((a, s, i) => a + segmentScore(s, ends[i] as number), 0) + perChange * (starts.length - 1);
    best = Math.min(best, value);
  }
  return { objective: best };
}
