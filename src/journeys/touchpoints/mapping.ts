/**
 * A touchpoint mapping: ordered rules that give a stored event its action (what was done) and its
 * journey stage. Rules are tried in order and, for the action and for the stage separately, the
 * first matching rule that sets it wins; an event no rule gives an action gets one from its name
 * (`view_<page>` for pages and screens), and one no rule gives a stage has none.
 * @module
 */
import type { PatternText } from './patterns.ts';

/**
 * One rule. It matches when every field it names matches (at least one of `channel`, `type`,
 * `event`, `properties`); it sets `action`, `stage` or both. `stage: null` says "no stage", which
 * stops later rules from giving one.
 */
export interface TouchpointRule {
  /** The source's channel (`web`, `app`, `email`, `store`, `call_centre`…). */
  channel?: PatternText;
  /** The Segment call (`track`, `page`, `screen`, `identify`, `group`, `alias`). */
  type?: PatternText;
  /** The event's name: the track event, or the page or screen name. */
  event?: PatternText;
  /** Top-level text properties, each to match (a property that is absent or not text never does). */
  properties?: Readonly<Record<string, PatternText>>;
  /** Snake case; the touchpoint is `<channel>:<action>`. */
  action?: string;
  /** Snake case, or null for none. */
  stage?: string | null;
}

/** The rules in the order they are tried, and the actions whose events carry an order's revenue. */
export interface TouchpointMapping {
  rules: readonly TouchpointRule[];
  /** Events with one of these actions carry `properties.revenue`, else `properties.total`. */
  purchaseActions: readonly string[];
}

/** What the mapping reads of a stored event. */
export interface MappableEvent {
  channel: string;
  type: string;
  /** The track event, or the page or screen name; null for identify, group and alias. */
  name: string | null;
  properties?: Readonly<Record<string, unknown>> | null;
}

/** What the mapping makes of it: the `journey_events` columns besides the profile and the time. */
export interface MappedEvent {
  action: string;
  touchpoint: string;
  stage: string | null;
  event: string;
  revenue: number | null;
}
