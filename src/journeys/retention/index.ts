/**
 * Retention by cohort (recurring and rolling), lifecycle (new, returning, resurrecting, dormant),
 * and the pieces they share with channel mix: calendar intervals and event matchers.
 * @module
 */
export { type BreakdownRow, breakdownByProfile, compareBreakdowns } from './breakdown-values.ts';
export { checkedAgainstSchema, parseInstant, parseRange } from './definition-checks.ts';
export {
  type EventMatcher,
  type EventMatcherInput,
  EventMatcherSchema,
  eventMatcher,
  eventMatcherSql,
  matchesEvent,
} from './event-matcher.ts';
export {
  type Interval,
  IntervalSchema,
  intervalIndex,
  intervalIndexSql,
  intervalSpan,
  intervalStartDate,
  intervalStartMs,
  intervals,
} from './intervals.ts';
export {
  assembleLifecycle,
  type LifecycleDefinition,
  type LifecycleGroup,
  type LifecyclePeriod,
  type LifecycleResult,
  type LifecycleStatus,
  type LifecycleTally,
  lifecycle,
  lifecycleStatuses,
} from './lifecycle.ts';
export {
  type LifecycleDefinitionInput,
  LifecycleDefinitionSchema,
  parseLifecycleDefinition,
} from './lifecycle-schema.ts';
export { lifecycleStatement } from './lifecycle-sql.ts';
export {
  type AllCohortsCell,
  assembleRetention,
  type CohortTally,
  type RetentionCell,
  type RetentionCohort,
  type RetentionDefinition,
  type RetentionGroup,
  type RetentionResult,
  retention,
} from './retention.ts';
export {
  defaultPurchase,
  parseRetentionDefinition,
  type RetentionDefinitionInput,
  RetentionDefinitionSchema,
} from './retention-schema.ts';
export { retentionStatement } from './retention-sql.ts';
export { readLifecycle, runLifecycle } from './run-lifecycle.ts';
export { readRetention, runRetention } from './run-retention.ts';
export { mergeParams, profileBreakdownCte, timeBound } from './statement-parts.ts';
