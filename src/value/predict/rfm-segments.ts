/** What RFM scoring needs to know about one customer. */
export interface RfmCustomer {
  customerId: string;
  /** Time since the last purchase (any unit, the same for everyone): smaller is more recent. */
  sinceLastPurchase: number;
  /** Number of purchases. */
  purchases: number;
  /** Money spent (total or mean per purchase, the same for everyone). */
  spend: number;
}

/** Quintile scores 1–5, 5 the best: most recent, most frequent, biggest spender. */
export interface RfmScores {
  recency: number;
  frequency: number;
  monetary: number;
}

export const rfmSegmentNames = [
  'champions',
  'loyal',
  'promising',
  'new',
  'need_attention',
  'about_to_sleep',
  'at_risk',
  'cannot_lose',
  'hibernating',
  'lost',
] as const;
export type RfmSegmentName = (typeof rfmSegmentNames)[number];

export const rfmSegmentLabels: Record<RfmSegmentName, { en: string; fr: string }> = {
  champions: { en: 'Champions', fr: 'Champions' },
  loyal: { en: 'Loyal customers', fr: 'Clients fidèles' },
  promising: { en: 'Promising', fr: 'Prometteurs' },
  new: { en: 'New customers', fr: 'Nouveaux clients' },
  need_attention: { en: 'Need attention', fr: 'À surveiller' },
  about_to_sleep: { en: 'About to sleep', fr: 'En train de s’endormir' },
  at_risk: { en: 'At risk', fr: 'À risque' },
  cannot_lose: { en: 'Cannot lose them', fr: 'À ne pas perdre' },
  hibernating: { en: 'Hibernating', fr: 'En hibernation' },
  lost: { en: 'Lost', fr: 'Perdus' },
};

/**
 * The segment map on R and FM = (F + M) / 2 rounded half up (FM as in Guillaume Martin's "RFM segmentation"),
 * laid out as the widely copied R × F grid of RFM tutorials (`seg_map`: champions 5[4-5], loyal [3-4][4-5],
 * at risk [1-2][3-4], cannot lose [1-2]5, …) and folded into ten segments: potential loyalists (R 4–5,
 * FM 2–3) join `promising`, and hibernating's oldest row (R 1, FM 1–2) is `lost`.
 *
 *   R \ FM      1               2               3               4             5
 *   5       new             promising       promising       champions     champions
 *   4       promising       promising       promising       loyal         loyal
 *   3       about_to_sleep  about_to_sleep  need_attention  loyal         loyal
 *   2       hibernating     hibernating     at_risk         at_risk       cannot_lose
 *   1       lost            lost            at_risk         at_risk       cannot_lose
 */
const segmentGrid: Record<number, readonly RfmSegmentName[]> = {
  5: ['new', 'promising', 'promising', 'champions', 'champions'],
  4: ['promising', 'promising', 'promising', 'loyal', 'loyal'],
  3: ['about_to_sleep', 'about_to_sleep', 'need_attention', 'loyal', 'loyal'],
  2: ['hibernating', 'hibernating', 'at_risk', 'at_risk', 'cannot_lose'],
  1: ['lost', 'lost', 'at_risk', 'at_risk', 'cannot_lose'],
};

function checkScore(name: string, score: number): void {
  if (!(Number.isInteger(score) && score >= 1 && score <= 5))
    throw new RangeError(`${name} score must be a whole number from 1 to 5, got ${score}`);
}

/**
 * The named segment of R, F, M scores.
 * @example rfmSegment({ recency: 5, frequency: 5, monetary: 4 }) // 'champions'
 */
export function rfmSegment(scores: RfmScores): RfmSegmentName {
  checkScore('recency', scores.recency);
  checkScore('frequency', scores.frequency);
  checkScore('monetary', scores.monetary);
  const fm = Math.floor((scores.frequency + scores.monetary) / 2 + 0.5);
  return (segmentGrid[scores.recency] as readonly RfmSegmentName[])[fm - 1] as RfmSegmentName;
}

/**
 * Quintile scores 1–5 by mid-rank: ⌊5p⌋ + 1 with p = (customers below + half the ties) / n,
 * so tied customers always share a score and a column where everyone is equal scores 3.
 */
export function quintileScores(values: readonly number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  return values.map((v) => {
    const below = countBelow(sorted, v, false);
    const ties = countBelow(sorted, v, true) - below;
    return Math.min(5, Math.floor((5 * (below + ties / 2)) / sorted.length) + 1);
  });
}

/** How many sorted values are < v (≤ v when `inclusive`), by bisection. */
function countBelow(sorted: readonly number[], v: number, inclusive: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const x = sorted[mid] as number;
    if (x < v || (inclusive && x === v)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Scores every customer on R, F, M quintiles within this customer base and names their segment.
 * @example rfmSegments(customers).filter((c) => c.segment === 'cannot_lose')
 */
export function rfmSegments(
  customers: readonly RfmCustomer[],
): (RfmCustomer & { scores: RfmScores; segment: RfmSegmentName })[] {
  customers.forEach((c) => {
    for (const key of ['sinceLastPurchase', 'purchases', 'spend'] as const) {
      if (!Number.isFinite(c[key]))
        throw new RangeError(`customer ${c.customerId}: ${key} must be a finite number, got ${c[key]}`);
    }
  });
  const recency = quintileScores(customers.map((c) => -c.sinceLastPurchase));
  const frequency = quintileScores(customers.map((c) => c.purchases));
  const monetary = quintileScores(customers.map((c) => c.spend));
  return customers.map((c, i) => {
    const scores = {
      recency: recency[i] as number,
      frequency: frequency[i] as number,
      monetary: monetary[i] as number,
    };
    return { ...c, scores, segment: rfmSegment(scores) };
  });
}
