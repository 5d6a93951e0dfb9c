/**
 * The shift radar: when behaviour shifted (change points on daily and weekly series, and online alerts),
 * what changed between two periods (channel mix, journey transitions, conversion, contacts, baskets, times
 * to convert, levels), for whom and how much (breakdowns, value at stake), as a ranked list of findings.
 * @module
 */
export {
  defaultThresholds,
  parseShiftRadarDefinition,
  ShiftRadarDefinitionBody,
  type ShiftRadarSettings,
} from './definition.ts';
export { type DetectionOptions, detectChanges, type SeriesChange } from './detect/detect-changes.ts';
export { findShifts, type Pulse, type ShiftOptions, separatePulses } from './detect/find-shifts.ts';
export { type DetectedShift, groupChanges } from './detect/group-changes.ts';
export { type WatchAlert, type WatchOptions, watchSeries } from './detect/watch-series.ts';
export type { CellImpact, Comparison, Finding, FindingKind } from './findings/finding.ts';
export { holmAdjust } from './findings/holm.ts';
export { type ComparedChange, rankFindings, valueAtStake } from './findings/rank-findings.ts';
export { batchBreakdowns, measureShifts, type ShiftMeasurement } from './measure/measure-shifts.ts';
export {
  channelTableByPeriod,
  customersBySeries,
  distributionsByPeriod,
  type MeasureQuery,
  type NamedBreakdown,
  transitionsByPeriod,
} from './measure/period-sql.ts';
export { type ComparedPeriods, type Period, periodsAround } from './measure/periods.ts';
export { type MeasurementsOf, readByShift } from './measure/read-measurements.ts';
export {
  compareAll,
  levelsToCompare,
  type RadarProfiles,
  runShiftRadar,
  runShiftRadarOn,
  type ShiftRadarReport,
} from './run-shift-radar.ts';
export { type SeriesDefinition, type SeriesKind, seriesCatalogue } from './series/catalogue.ts';
export { readSeries, type ShiftSeries, weeklySums } from './series/read-series.ts';
export { buildSeriesQuery, computeSeriesRows, type DayRange } from './series/series-query.ts';
