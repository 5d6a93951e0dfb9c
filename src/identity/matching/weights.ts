/**
 * Fellegi–Sunter weights: each field's level contributes log2(m / u) bits of evidence;
 * a pair's match weight is the prior's weight plus the sum of its fields' weights.
 * Pure: plain data in, plain data out.
 */

/** The fitted parameters of one level of one field. */
export interface LevelParameters {
  label: string;
  /** P(this level | the records are the same person). */
  m: number;
  /** P(this level | they are not). */
  u: number;
  termFrequency?: boolean;
}

export interface FieldParameters {
  field: string;
  levels: readonly LevelParameters[];
}

/** A fitted model: the prior probability that two random records match, and each field's levels. */
export interface MatchModel {
  prior: number;
  fields: readonly FieldParameters[];
}

/** What one field says about a pair. */
export interface FieldEvidence {
  field: string;
  /** Level label, or `missing` when either value is empty. */
  level: string;
  /** log2(m / u), plus the term-frequency adjustment if any. */
  weight: number;
  termFrequencyAdjustment: number;
}

export interface PairExplanation {
  priorWeight: number;
  fields: FieldEvidence[];
  matchWeight: number;
  probability: number;
}

/** Smallest term frequency used, so that a value seen once does not weigh without bound. */
export const minimumTermFrequency = 1e-4;

/** Bits of evidence for a level: log2(m / u). */
export function levelWeight(m: number, u: number): number {
  return Math.log2(m / u);
}

/** The prior as a weight: log2(λ / (1 − λ)). */
export function priorWeight(prior: number): number {
  return Math.log2(prior / (1 - prior));
}

/**
 * Extra bits for an exact agreement on a value whose frequency is `termFrequency`:
 * log2(u_exact / tf). Agreeing on a rare name says more than agreeing on "smith".
 */
export function termFrequencyAdjustment(uExact: number, termFrequency: number): number {
  return Math.log2(uExact / Math.max(termFrequency, minimumTermFrequency));
}

/** Turns a match weight back into a probability: 2^w / (1 + 2^w). */
export function probabilityFromWeight(weight: number): number {
  return 1 / (1 + 2 ** -weight);
}

/**
 * Explains a pair field by field, given each field's level (-1 = missing) and, for fields with
 * a term-frequency adjustment, the frequency of the agreed value.
 *
 * @example explainPair(model, [0, 3], [0.002, undefined])
 */
export function explainPair(
  model: MatchModel,
  levels: readonly number[],
  termFrequencies: readonly (number | undefined)[] = [],
): PairExplanation {
  const prior = priorWeight(model.prior);
  const fields = model.fields.map((field, index): FieldEvidence => {
    const level = levels[index] ?? -1;
    const parameters = field.levels[level];
    if (level < 0 || !parameters) {
      return { field: field.field, level: 'missing', weight: 0, termFrequencyAdjustment: 0 };
    }
    const frequency = termFrequencies[index];
    const adjustment =
      parameters.termFrequency && frequency !== undefined
        ? termFrequencyAdjustment(parameters.u, frequency)
        : 0;
    return {
      field: field.field,
      level: parameters.label,
      weight: levelWeight(parameters.m, parameters.u) + adjustment,
      termFrequencyAdjustment: adjustment,
    };
  });
  const matchWeight = prior + fields.reduce((sum, f) => sum + f.weight, 0);
  return { priorWeight: prior, fields, matchWeight, probability: probabilityFromWeight(matchWeight) };
}
