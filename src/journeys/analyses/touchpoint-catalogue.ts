/**
 * The touchpoints a workspace's journeys hold, with their stage and how often they occur: what
 * people pick funnel steps and path anchors from.
 * @module
 */
import { type JourneyStage, journeyStages, type TouchpointMapping } from '../touchpoints/index.ts';
import { freshSource, type JourneyScope } from './scope.ts';

export interface TouchpointCount {
  touchpoint: string;
  channel: string;
  action: string;
  stage: string | null;
  events: number;
  profiles: number;
}

export interface TouchpointCatalogue {
  /** The default stages in the order a customer meets them, each with what the customer does. */
  stages: { stage: JourneyStage; meaning: string }[];
  /** The rules in force, the business's first. */
  mapping: TouchpointMapping;
  /** Most frequent first. */
  touchpoints: TouchpointCount[];
}

/** Every touchpoint of the workspace's journeys, most frequent first, with the mapping in force. */
export async function touchpointCatalogue(scope: JourneyScope): Promise<TouchpointCatalogue> {
  const source = await freshSource(scope);
  const rows = await scope.store.query<Record<string, unknown>>(
    `WITH journey_events AS (${source.sql})
SELECT touchpoint, channel, action, stage, count(*) AS events, count(DISTINCT profile_id) AS profiles
FROM journey_events
GROUP BY touchpoint, channel, action, stage
ORDER BY events DESC, touchpoint`,
    source.params,
  );
  return {
    stages: Object.entries(journeyStages).map(([stage, meaning]) => ({
      stage: stage as JourneyStage,
      meaning,
    })),
    mapping: scope.mapping,
    touchpoints: rows.map((row) => ({
      touchpoint: String(row.touchpoint),
      channel: String(row.channel),
      action: String(row.action),
      stage: row.stage === null ? null : String(row.stage),
      events: Number(row.events),
      profiles: Number(row.profiles),
    })),
  };
}
