/**
 * Funnels: ordered, strict or any-order steps within a conversion window counted from entry; the
 * entry date range selects who enters; exclusions disqualify attempts; one best attempt per
 * profile; conversion, time to convert and drop-offs, overall and per breakdown group.
 * @module
 */
export type {
  EventMatcher,
  FunnelDefinition,
  FunnelExclusion,
  FunnelOrder,
  FunnelStep,
  MatchField,
  WindowUnit,
} from './definition.ts';
export {
  buildFunnelDropOffs,
  type DropOffPage,
  type FunnelDropOff,
  type FunnelDropOffs,
  funnelDropOffs,
} from './drop-offs.ts';
export { type FunnelConversion, funnel, funnelConversions } from './engine.ts';
export { readFunnel, readFunnelDropOffs } from './read.ts';
export type {
  DurationSummary,
  FunnelBreakdownGroup,
  FunnelGroupResult,
  FunnelResult,
  FunnelStepResult,
  TimeToConvertBucket,
} from './result.ts';
export { timeToConvertEdges } from './result.ts';
export { runFunnel, runFunnelDropOffs } from './run.ts';
export { FunnelDefinitionBody, parseFunnelDefinition } from './schema.ts';
export { buildFunnel } from './sql-funnel.ts';
