/**
 * Where a journey analysis runs: the store, the workspace, the touchpoint mapping in force. The
 * workspace's `journey_events` are rebuilt first when events, identity or the mapping changed.
 * @module
 */
import { PanoramaError } from '../../errors.ts';
import type { Store } from '../../store/port.ts';
import {
  breakdownSource,
  ensureJourneyEvents,
  type JourneyBuildProgress,
  journeySource,
  type ProfileBreakdown,
} from '../sources/index.ts';
import type { SqlStatement } from '../sql/dialect.ts';
import type { TouchpointMapping } from '../touchpoints/index.ts';

export interface JourneyScope {
  store: Store;
  workspaceId: string;
  mapping: TouchpointMapping;
  /** Told when `journey_events` must be rebuilt first (it takes a while on millions of events). */
  onBuild?: (progress: JourneyBuildProgress) => void;
}

/** The workspace's whole history as `journey_events`, fresh. */
export async function freshSource(scope: JourneyScope): Promise<SqlStatement> {
  await ensureJourneyEvents(scope.store, scope.workspaceId, scope.mapping, scope.onBuild);
  return journeySource(scope.store.dialect, scope.workspaceId);
}

/** How a result is broken down: by the entry channel, or by a profile attribute. */
export type BreakdownChoice = { kind: 'channel' } | ProfileBreakdown;

/**
 * Reads a breakdown as people write it in a link or on the command line: `channel`, `segment`,
 * `value_tier` or `trait:<name>`.
 * @example parseBreakdown('trait:city') // { kind: 'trait', trait: 'city' }
 */
export function parseBreakdown(text: unknown): BreakdownChoice | undefined {
  if (text === undefined || text === null || text === '') return undefined;
  if (text === 'channel' || text === 'segment' || text === 'value_tier') return { kind: text };
  if (typeof text === 'string' && text.startsWith('trait:') && text.length > 'trait:'.length) {
    return { kind: 'trait', trait: text.slice('trait:'.length) };
  }
  throw new PanoramaError(
    'journeys.invalid_definition',
    `breakdown must be channel, segment, value_tier or trait:<name>; got ${JSON.stringify(text)}.`,
    { field: 'breakdown' },
  );
}

/** The SELECT of `(profile_id, breakdown)` for a profile attribute, or nothing for none or the channel. */
export function profileBreakdownSource(
  scope: JourneyScope,
  choice: BreakdownChoice | undefined,
): SqlStatement | undefined {
  if (!choice || choice.kind === 'channel') return undefined;
  return breakdownSource(scope.store.dialect, scope.workspaceId, choice);
}

/** Runs `parse` on a definition; a broken rule (the parsers name the field) becomes a 400. */
export function checkedDefinition<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof RangeError || error instanceof TypeError) {
      throw new PanoramaError('journeys.invalid_definition', error.message);
    }
    throw error;
  }
}
