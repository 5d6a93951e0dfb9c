import type { IdentifierType } from '../identifiers/index.ts';

/** At most `max` identifiers of a type per profile; with a window, only those seen in the last `windowDays` count. */
export interface IdentifierLimit {
  max: number;
  windowDays?: number;
}

/** The rules the identity graph stitches by; a workspace may change any of them. */
export interface StitchingRules {
  /** Per identifier type; `'*'` for types not listed. */
  limits: Partial<Record<IdentifierType | '*', IdentifierLimit>>;
  /** Types from most to least trusted; types not listed come after, alphabetically. */
  priority: readonly IdentifierType[];
  /** A profile that already took part in this many merges takes part in no more. */
  maxMergesPerProfile: number;
}

/**
 * Segment Unify's defaults (user id 1, anonymous ids 5 a week, others 5), with a CRM id trusted
 * just below the user id and the anonymous id, the cookie, trusted least.
 */
export const defaultStitchingRules: StitchingRules = {
  limits: {
    user_id: { max: 1 },
    anonymous_id: { max: 5, windowDays: 7 },
    '*': { max: 5 },
  },
  priority: ['user_id', 'crm_id', 'email', 'phone', 'loyalty_card', 'social', 'anonymous_id'],
  maxMergesPerProfile: 100,
};

/** A workspace's rules over the defaults: given limits replace the default of their type. */
export function stitchingRules(overrides: Partial<StitchingRules> = {}): StitchingRules {
  return {
    limits: { ...defaultStitchingRules.limits, ...overrides.limits },
    priority: overrides.priority ?? defaultStitchingRules.priority,
    maxMergesPerProfile: overrides.maxMergesPerProfile ?? defaultStitchingRules.maxMergesPerProfile,
  };
}

/** The limit on one type. */
export function limitOf(rules: StitchingRules, type: IdentifierType): IdentifierLimit {
  return rules.limits[type] ?? rules.limits['*'] ?? { max: Number.POSITIVE_INFINITY };
}

/** Orders identifier types by trust: negative when `a` is trusted more than `b`. */
export function typeOrder(rules: StitchingRules): (a: IdentifierType, b: IdentifierType) => number {
  const rank = new Map(rules.priority.map((type, i) => [type, i]));
  const last = rules.priority.length;
  return (a, b) => {
    const ra = rank.get(a) ?? last;
    const rb = rank.get(b) ?? last;
    return ra !== rb ? ra - rb : a < b ? -1 : a > b ? 1 : 0;
  };
}
