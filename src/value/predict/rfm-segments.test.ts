import { describe, expect, it } from 'vitest';
import {
  quintileScores,
  type RfmSegmentName,
  rfmSegment,
  rfmSegmentLabels,
  rfmSegmentNames,
  rfmSegments,
} from './rfm-segments.ts';

describe('RFM quintile scores', () => {
  it('gives two customers per score to ten distinct values, 5 to the largest', () => {
    expect(quintileScores([10, 1, 2, 3, 4, 5, 6, 7, 8, 9])).toEqual([5, 1, 1, 2, 2, 3, 3, 4, 4, 5]);
  });

  it('gives tied customers the same score, and 3 when everyone is equal', () => {
    // Six zeros sit at mid-percentile 0.3 → score 2; the other four follow.
    expect(quintileScores([0, 0, 0, 0, 0, 0, 1, 2, 3, 4])).toEqual([2, 2, 2, 2, 2, 2, 4, 4, 5, 5]);
    expect(quintileScores([7, 7, 7])).toEqual([3, 3, 3]);
    expect(quintileScores([1])).toEqual([3]);
  });
});

describe('RFM segments', () => {
  // One hand-made customer per segment: (R, F, M) scores and the segment the grid gives them.
  const cases: [number, number, number, RfmSegmentName][] = [
    [5, 5, 5, 'champions'],
    [5, 4, 3, 'champions'], // FM = 3.5 rounds up to 4
    [4, 5, 4, 'loyal'],
    [3, 4, 4, 'loyal'],
    [4, 2, 2, 'promising'],
    [5, 3, 2, 'promising'], // FM = 2.5 → 3
    [4, 1, 1, 'promising'],
    [5, 1, 1, 'new'],
    [3, 3, 3, 'need_attention'],
    [3, 1, 2, 'about_to_sleep'],
    [2, 3, 4, 'at_risk'],
    [1, 4, 3, 'at_risk'],
    [1, 5, 5, 'cannot_lose'],
    [2, 5, 4, 'cannot_lose'],
    [2, 1, 2, 'hibernating'],
    [1, 1, 1, 'lost'],
    [1, 2, 2, 'lost'],
  ];

  it.each(cases)('puts R %i F %i M %i in %s', (recency, frequency, monetary, segment) => {
    expect(rfmSegment({ recency, frequency, monetary })).toBe(segment);
  });

  it('uses every one of the ten segments, each with an English and a French label', () => {
    expect(new Set(cases.map((c) => c[3]))).toEqual(new Set(rfmSegmentNames));
    expect(rfmSegmentNames).toHaveLength(10);
    for (const name of rfmSegmentNames) {
      expect(rfmSegmentLabels[name].en.length).toBeGreaterThan(0);
      expect(rfmSegmentLabels[name].fr.length).toBeGreaterThan(0);
    }
    expect(rfmSegmentLabels.cannot_lose).toEqual({ en: 'Cannot lose them', fr: 'À ne pas perdre' });
  });

  it('scores a customer base and names each customer, the most recent scoring highest on R', () => {
    const base = [
      { customerId: 'best', sinceLastPurchase: 1, purchases: 20, spend: 900 },
      { customerId: 'faded', sinceLastPurchase: 300, purchases: 18, spend: 800 },
      { customerId: 'fresh', sinceLastPurchase: 2, purchases: 1, spend: 20 },
      { customerId: 'gone', sinceLastPurchase: 400, purchases: 1, spend: 15 },
      { customerId: 'middling', sinceLastPurchase: 90, purchases: 5, spend: 200 },
    ];
    const scored = rfmSegments(base);
    expect(scored.map((c) => c.scores.recency)).toEqual([5, 2, 4, 1, 3]);
    // The two one-purchase customers tie on F at mid-percentile 0.2, so both score 2.
    expect(scored.map((c) => c.scores.frequency)).toEqual([5, 4, 2, 2, 3]);
    expect(Object.fromEntries(scored.map((c) => [c.customerId, c.segment]))).toEqual({
      best: 'champions',
      faded: 'at_risk', // R 2, FM 4: cannot_lose needs FM 5
      fresh: 'promising',
      gone: 'lost',
      middling: 'need_attention',
    });
  });

  it('rejects scores outside 1–5 and customers with missing numbers', () => {
    expect(() => rfmSegment({ recency: 0, frequency: 3, monetary: 3 })).toThrow(RangeError);
    expect(() => rfmSegment({ recency: 3, frequency: 2.5, monetary: 3 })).toThrow(/frequency score/);
    expect(() =>
      rfmSegments([{ customerId: 'x', sinceLastPurchase: Number.NaN, purchases: 1, spend: 1 }]),
    ).toThrow(/customer x: sinceLastPurchase/);
  });
});
