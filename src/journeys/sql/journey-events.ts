/**
 * The relation every journey analysis reads, `journey_events`: one row per stored event, resolved
 * to the profile it belongs to and mapped to its touchpoint and stage. Analysis builders take its
 * SELECT as `source` and open their statement with `WITH journey_events AS (<source>)`.
 *
 * | column | DuckDB | ClickHouse | meaning |
 * |---|---|---|---|
 * | profile_id | VARCHAR | String | the stitched profile (never NULL) |
 * | ts | TIMESTAMPTZ | DateTime64(3, 'UTC') | when it happened |
 * | channel | VARCHAR | String | the source's channel (web, app, store, call_centre…) |
 * | action | VARCHAR | String | what was done, snake case (`product_viewed`, `order_completed`…) |
 * | touchpoint | VARCHAR | String | `<channel>:<action>` |
 * | stage | VARCHAR NULL | Nullable(String) | journey stage (discover, consider, buy…), NULL when none |
 * | event | VARCHAR | String | the event's name (track event, page or screen name, else its type) |
 * | revenue | DOUBLE NULL | Nullable(Float64) | the order's revenue on purchases |
 * @module
 */

/** One `journey_events` row as plain data (what the pure engines and the test fixtures use). */
export interface JourneyEvent {
  profileId: string;
  /** Milliseconds since 1970-01-01 UTC. */
  ts: number;
  channel: string;
  action: string;
  touchpoint: string;
  stage: string | null;
  event: string;
  revenue: number | null;
}

export const journeyEventColumns = [
  'profile_id',
  'ts',
  'channel',
  'action',
  'touchpoint',
  'stage',
  'event',
  'revenue',
] as const;
