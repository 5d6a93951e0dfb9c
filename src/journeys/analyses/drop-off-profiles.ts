/**
 * "The paths of those who dropped off a funnel step": the SELECT of the profiles whose best attempt
 * reached the step but not the next, for the paths analysis to keep only them.
 * @module
 */
import { PanoramaError } from '../../errors.ts';
import type { FunnelDefinition } from '../funnels/index.ts';
import { bestAttemptsChain } from '../funnels/sql-attempts.ts';
import type { SqlStatement } from '../sql/dialect.ts';
import type { BreakdownChoice, JourneyScope } from './scope.ts';

/**
 * Reads `dropOffs: { funnel: <funnel definition>, step: k }` and answers the SELECT of
 * `profile_id` of those who reached step k and went no further.
 */
export function dropOffProfiles(
  scope: JourneyScope,
  source: SqlStatement,
  dropOffs: unknown,
  funnelOf: (definition: Record<string, unknown>, breakdown: BreakdownChoice | undefined) => FunnelDefinition,
): SqlStatement {
  const { funnel, step } = (dropOffs ?? {}) as { funnel?: unknown; step?: unknown };
  if (typeof funnel !== 'object' || funnel === null || Array.isArray(funnel)) {
    throw new PanoramaError(
      'journeys.invalid_definition',
      'paths: dropOffs.funnel must be a funnel definition (an object with its steps).',
      { field: 'dropOffs.funnel' },
    );
  }
  const definition = funnelOf(funnel as Record<string, unknown>, undefined);
  const last = definition.steps.length - 1;
  if (typeof step !== 'number' || !Number.isInteger(step) || step < 1 || step > last) {
    throw new PanoramaError(
      'journeys.invalid_definition',
      `paths: dropOffs.step must be a whole number from 1 to ${last}, got ${JSON.stringify(step)}.`,
      { field: 'dropOffs.step' },
    );
  }
  const chain = bestAttemptsChain(source, definition, scope.store.dialect);
  return { sql: `${chain.sql}\nSELECT profile_id FROM best WHERE reach = ${step}`, params: chain.params };
}
