import { describe, expect, it } from 'vitest';
import { clustersOf } from './clusters.ts';
import { pairwiseScore } from './evaluate.ts';

describe('clustersOf', () => {
  it('joins records linked directly or through others', () => {
    const clusters = clustersOf([
      ['a', 'b'],
      ['c', 'b'],
      ['d', 'e'],
    ]).map((c) => [...c].sort());
    expect(clusters.sort()).toEqual([
      ['a', 'b', 'c'],
      ['d', 'e'],
    ]);
  });
});

describe('pairwiseScore', () => {
  it('counts right, wrong and missed pairs against the true entities', () => {
    // Entity A has 3 records (3 true pairs), B has 2 (1 true pair): 4 true pairs.
    const entityOf = new Map([
      ['a1', 'A'],
      ['a2', 'A'],
      ['a3', 'A'],
      ['b1', 'B'],
      ['b2', 'B'],
    ]);
    const score = pairwiseScore(
      [
        ['a1', 'a2'],
        ['a2', 'a1'],
        ['a3', 'a1'],
        ['a1', 'b1'],
      ],
      entityOf,
    );
    expect(score).toMatchObject({ truePositives: 2, falsePositives: 1, falseNegatives: 2 });
    expect(score.precision).toBeCloseTo(2 / 3, 12);
    expect(score.recall).toBeCloseTo(0.5, 12);
    expect(score.f1).toBeCloseTo(4 / 7, 12);
  });
});
