/**
 * Every journey analysis behind one door, as the API and the CLI ask for them: a name and a
 * definition (plain JSON, so that a view can be shared as a link). Each answer carries the
 * definition it was computed from.
 * @module
 */
import { PanoramaError } from '../../errors.ts';
import { runAttribution } from '../attribution-sql/index.ts';
import { parseChannelMixDefinition, runChannelMix } from '../channel-mix/index.ts';
import { parseFunnelDefinition, runFunnel, runFunnelDropOffs } from '../funnels/index.ts';
import { runPaths } from '../paths/index.ts';
import {
  parseLifecycleDefinition,
  parseRetentionDefinition,
  runLifecycle,
  runRetention,
} from '../retention/index.ts';
import type { SqlStatement } from '../sql/dialect.ts';
import { withDefaultRange } from './default-range.ts';
import { dropOffProfiles } from './drop-off-profiles.ts';
import {
  type BreakdownChoice,
  checkedDefinition,
  freshSource,
  type JourneyScope,
  parseBreakdown,
  profileBreakdownSource,
} from './scope.ts';
import { shareLink } from './share-link.ts';

export const journeyAnalyses = [
  'funnel',
  'funnel-drop-offs',
  'paths',
  'retention',
  'lifecycle',
  'channel-mix',
  'attribution',
] as const;
export type JourneyAnalysis = (typeof journeyAnalyses)[number];

export function isJourneyAnalysis(name: string): name is JourneyAnalysis {
  return (journeyAnalyses as readonly string[]).includes(name);
}

type Definition = Record<string, unknown>;
type Runner = (scope: JourneyScope, source: SqlStatement, definition: Definition) => Promise<unknown>;

/** The definition without the fields the door itself reads (`breakdown`, `step`, `limit`, …). */
function without(definition: Definition, ...fields: string[]): Definition {
  return Object.fromEntries(Object.entries(definition).filter(([key]) => !fields.includes(key)));
}

/** A funnel's own definition: the entry channel is its breakdown, a profile attribute is a source. */
function funnelOf(definition: Definition, breakdown: BreakdownChoice | undefined) {
  const own = without(definition, 'breakdown', 'step', 'limit', 'offset');
  return checkedDefinition(() =>
    parseFunnelDefinition(breakdown?.kind === 'channel' ? { ...own, breakdown: 'channel' } : own),
  );
}

/** Only the funnel takes a channel breakdown (the channel of the entry event). */
function profileOnly(analysis: string, breakdown: BreakdownChoice | undefined) {
  if (breakdown?.kind === 'channel') {
    throw new PanoramaError(
      'journeys.invalid_definition',
      `${analysis}: breakdown by channel is for funnels; here break down by segment, value_tier or trait:<name>.`,
      { field: 'breakdown' },
    );
  }
  return breakdown;
}

function pageOf(definition: Definition): { step: number; limit: number; offset: number } {
  const number = (field: string, fallback: number | undefined, min: number, max: number) => {
    const value = definition[field] ?? fallback;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      throw new PanoramaError(
        'journeys.invalid_definition',
        `funnel drop-offs: ${field} must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}.`,
        { field },
      );
    }
    return value;
  };
  return {
    step: number('step', undefined, 1, 19),
    limit: number('limit', 50, 1, 1000),
    offset: number('offset', 0, 0, 1e9),
  };
}

const runners: Record<JourneyAnalysis, Runner> = {
  funnel: (scope, source, definition) => {
    const breakdown = parseBreakdown(definition.breakdown);
    return runFunnel(
      scope.store,
      source,
      funnelOf(definition, breakdown),
      profileBreakdownSource(scope, breakdown),
    );
  },
  'funnel-drop-offs': (scope, source, definition) => {
    const { step, limit, offset } = pageOf(definition);
    return runFunnelDropOffs(scope.store, source, funnelOf(definition, undefined), step, { limit, offset });
  },
  paths: async (scope, source, definition) => {
    const { dropOffs, ...own } = definition;
    const profiles = dropOffs === undefined ? undefined : dropOffProfiles(scope, source, dropOffs, funnelOf);
    return checkedRun(() => runPaths(scope.store, source, own, profiles));
  },
  retention: (scope, source, definition) => {
    const breakdown = profileOnly('retention', parseBreakdown(definition.breakdown));
    const own = checkedDefinition(() =>
      parseRetentionDefinition(withDefaultRange(without(definition, 'breakdown'), 'month')),
    );
    return runRetention(scope.store, source, own, profileBreakdownSource(scope, breakdown));
  },
  lifecycle: (scope, source, definition) => {
    const breakdown = profileOnly('lifecycle', parseBreakdown(definition.breakdown));
    const own = checkedDefinition(() =>
      parseLifecycleDefinition(withDefaultRange(without(definition, 'breakdown'), 'week')),
    );
    return runLifecycle(scope.store, source, own, profileBreakdownSource(scope, breakdown));
  },
  'channel-mix': (scope, source, definition) => {
    const breakdown = profileOnly('channel mix', parseBreakdown(definition.breakdown));
    const own = checkedDefinition(() =>
      parseChannelMixDefinition(withDefaultRange(without(definition, 'breakdown'), 'week')),
    );
    return runChannelMix(scope.store, source, own, profileBreakdownSource(scope, breakdown));
  },
  attribution: (scope, source, definition) =>
    checkedRun(() => runAttribution(scope.store, source, definition)),
};

/** For the runners that check their definition themselves: a broken rule becomes a 400. */
async function checkedRun<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof RangeError) throw new PanoramaError('journeys.invalid_definition', error.message);
    throw error;
  }
}

/**
 * Runs one journey analysis on the workspace's stitched journeys (rebuilt first when stale).
 * @example await analyseJourneys(scope, 'funnel', { steps: [{ action: 'product_viewed' }, { action: 'order_completed' }] })
 */
export async function analyseJourneys(
  scope: JourneyScope,
  analysis: JourneyAnalysis,
  definition: unknown,
): Promise<{ analysis: JourneyAnalysis; definition: Definition; link: string; result: unknown }> {
  if (typeof definition !== 'object' || definition === null || Array.isArray(definition)) {
    throw new PanoramaError(
      'journeys.invalid_definition',
      `${analysis}: the definition must be a JSON object.`,
    );
  }
  const own = definition as Definition;
  const source = await freshSource(scope);
  const result = await runners[analysis](scope, source, own);
  return { analysis, definition: own, link: shareLink(`/api/v1/journeys/${analysis}`, own), result };
}
