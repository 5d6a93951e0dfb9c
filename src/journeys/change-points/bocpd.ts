/**
 * Bayesian online change-point detection (Adams & MacKay 2007, arXiv:0710.3742, algorithm 1) with a
 * constant hazard H = 1/λ. The run length ℓ is the number of points in the current segment, the newest
 * included. After each point x_t:
 *   P(ℓ + 1) ∝ P(ℓ) · p(x_t | run ℓ) · (1 − H)      (the segment goes on)
 *   P(1)     ∝ H · p(x_t | prior)                     (x_t opens a new segment)
 * all kept in log space, then truncated: run lengths below `minimumProbability` are dropped and at most
 * `maximumRunLengths` of the most probable are kept, before renormalising.
 * @module
 */
import { logSumExp } from '../maths/log-space.ts';
import type { ConjugateModel } from './conjugate-models.ts';
import { type RunLength, truncateRunLengths } from './run-lengths.ts';

export type { RunLength } from './run-lengths.ts';

/** How the detector is set and when it raises an alert. */
export interface ChangeDetectorOptions<Statistics> {
  model: ConjugateModel<Statistics>;
  /** λ, the expected number of points between changes (hazard 1/λ). */
  expectedRunLength: number;
  /**
   * k: an alert looks for a change within the last k points; default 30. A short window misses changes
   * that the posterior, once convinced, dates a few points earlier than the evidence arrived.
   */
  alertWindow?: number;
  /**
   * Alert when P(change within the last k points) reaches this; default 0.95. With λ = 1000 and k = 30, a
   * simulation of 60 stationary normal series of 1000 points gave 4 false alarms at 0.9, 1 at 0.95, 0 at
   * 0.99 (Poisson counts: none at any of them).
   */
  alertThreshold?: number;
  /** Run lengths less probable than this are dropped; default 1e-10. */
  minimumProbability?: number;
  /** At most this many run lengths are kept; default 500. */
  maximumRunLengths?: number;
}

/** What the detector believes after the latest point. */
export interface DetectorState {
  /** 0-based index of the point just pushed. */
  index: number;
  /** P(a segment other than the first started within the last k points) = P(ℓ ≤ min(k, index)). */
  changeProbability: number;
  /** changeProbability ≥ alertThreshold. */
  alert: boolean;
  /** The alert switched on with this point. */
  newAlert: boolean;
  /** The most probable run length. */
  mostLikelyRunLength: number;
  /** Where the current segment most likely started, when that is within the window; otherwise null. */
  estimatedChangeIndex: number | null;
  /** ln p(x_t | x_1..t−1), the surprise of this point. */
  logPredictive: number;
}

/** A detector fed one point at a time. */
export interface ChangeDetector<Statistics> {
  push(x: number): DetectorState;
  /** The current (truncated) run-length posterior, shortest run first. */
  runLengths(): readonly RunLength<Statistics>[];
}

/**
 * Creates an online change detector.
 *
 * @example
 * const detector = createChangeDetector({ model: poissonGammaModel({ shape: 1, rate: 0.1 }), expectedRunLength: 90 });
 * for (const orders of dailyOrders) if (detector.push(orders).newAlert) notify();
 */
export function createChangeDetector<S>(options: ChangeDetectorOptions<S>): ChangeDetector<S> {
  const { model, expectedRunLength } = options;
  const window = options.alertWindow ?? 30;
  const threshold = options.alertThreshold ?? 0.95;
  const logFloor = Math.log(options.minimumProbability ?? 1e-10);
  const cap = options.maximumRunLengths ?? 500;
  if (!(expectedRunLength > 1)) throw new RangeError('expectedRunLength must be above 1');
  if (!(Number.isInteger(window) && window >= 1)) throw new RangeError('alertWindow must be an integer ≥ 1');
  const logHazard = -Math.log(expectedRunLength);
  const logSurvival = Math.log1p(-1 / expectedRunLength);
  let runs: RunLength<S>[] = [];
  let index = -1;
  let alerting = false;

  const push = (x: number): DetectorState => {
    index++;
    const fresh = model.logPredictive(model.prior, x);
    const next: RunLength<S>[] = [
      {
        runLength: 1,
        logProbability: runs.length === 0 ? fresh : logHazard + fresh,
        statistics: model.update(model.prior, x),
      },
    ];
    for (const run of runs)
      next.push({
        runLength: run.runLength + 1,
        logProbability: run.logProbability + model.logPredictive(run.statistics, x) + logSurvival,
        statistics: model.update(run.statistics, x),
      });
    const evidence = logSumExp(next.map((r) => r.logProbability));
    runs = truncateRunLengths(next, evidence, logFloor, cap);
    return describe(evidence);
  };

  const describe = (evidence: number): DetectorState => {
    const horizon = Math.min(window, index);
    let changeProbability = 0;
    let mostLikely = runs[0] as RunLength<S>;
    let recent: RunLength<S> | null = null;
    for (const run of runs) {
      if (run.logProbability > mostLikely.logProbability) mostLikely = run;
      if (run.runLength <= horizon) {
        changeProbability += Math.exp(run.logProbability);
        if (!recent || run.logProbability > recent.logProbability) recent = run;
      }
    }
    const alert = changeProbability >= threshold;
    const newAlert = alert && !alerting;
    alerting = alert;
    return {
      index,
      changeProbability,
      alert,
      newAlert,
      mostLikelyRunLength: mostLikely.runLength,
      estimatedChangeIndex: recent ? index - recent.runLength + 1 : null,
      logPredictive: evidence,
    };
  };

  return { push, runLengths: () => runs };
}

/** Runs a detector over a whole series and returns its state after every point. */
export function detectChangesOnline<S>(
  values: readonly number[],
  options: ChangeDetectorOptions<S>,
): DetectorState[] {
  const detector = createChangeDetector(options);
  return values.map((x) => detector.push(x));
}
