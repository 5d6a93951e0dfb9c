/**
 * Watching a series as it arrives: each point is fed to Bayesian online change-point detection, and the
 * alerts it would have raised are kept with the date each was raised and the change date it points to.
 * @module
 */
import {
  createChangeDetector,
  normalGammaModel,
  normalGammaPriorFrom,
  poissonGammaModel,
  poissonGammaPriorFrom,
} from '../../change-points/index.ts';
import { pointStart, type ShiftSeries } from '../series/read-series.ts';

/** How the watcher is set. */
export interface WatchOptions {
  /** λ, the expected number of points between changes; default 52 (a year of weeks). */
  expectedRunLength?: number;
  /** Default 0.95. */
  alertThreshold?: number;
  /** The alert looks for a change within this many points; default 8. */
  alertWindow?: number;
  /** Points the prior is centred on (the first ones); default 8. */
  warmUp?: number;
}

/** An alert the watcher raised. */
export interface WatchAlert {
  series: string;
  key: string;
  /** Epoch ms of the start of the point whose arrival raised it. */
  raisedAt: number;
  /** Epoch ms of the start of the point where the new segment most likely began. */
  changeAt: number | null;
  probability: number;
}

/**
 * Replays a series point by point through `createChangeDetector` (Poisson-Gamma for counts, Normal-Gamma
 * for amounts and for shares as proportions) and answers the alerts it raised. Feed it weekly sums: a
 * daily series' weekday pattern would look like changes to a detector that expects a constant level.
 *
 * @example
 * watchSeries(weeklySums(storeOrders)).map((a) => [new Date(a.raisedAt), new Date(a.changeAt)])
 */
export function watchSeries(series: ShiftSeries, options: WatchOptions = {}): WatchAlert[] {
  const warmUp = options.warmUp ?? 8;
  const points =
    series.kind === 'share'
      ? series.values.map((v, i) => ((series.trials[i] as number) > 0 ? v / (series.trials[i] as number) : 0))
      : series.values;
  if (points.length <= warmUp) return [];
  const reference = points.slice(0, warmUp);
  const settings = {
    expectedRunLength: options.expectedRunLength ?? 52,
    alertThreshold: options.alertThreshold ?? 0.95,
    alertWindow: options.alertWindow ?? 8,
  };
  const detector =
    series.kind === 'count'
      ? createChangeDetector({ ...settings, model: poissonGammaModel(poissonGammaPriorFrom(reference)) })
      : createChangeDetector({ ...settings, model: normalGammaModel(normalGammaPriorFrom(reference)) });
  const alerts: WatchAlert[] = [];
  points.forEach((x, i) => {
    const state = detector.push(series.kind === 'count' ? Math.round(x) : x);
    if (!state.newAlert) return;
    alerts.push({
      series: series.name,
      key: series.key,
      raisedAt: pointStart(series, i),
      changeAt: state.estimatedChangeIndex === null ? null : pointStart(series, state.estimatedChangeIndex),
      probability: state.changeProbability,
    });
  });
  return alerts;
}
