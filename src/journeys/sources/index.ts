/**
 * Where journey analyses read from: the materialised `journey_events` relation (built from the
 * events and the identity tables, kept fresh by `ensureJourneyEvents`) and the profile attributes
 * used for breakdowns and value weighting.
 * @module
 */
export { breakdownSource, noBreakdown, type ProfileBreakdown, profileValueSource } from './breakdown.ts';
export { journeyDigest, journeyInputsSql } from './digest.ts';
export { ensureJourneyEvents, type JourneyBuildProgress, type JourneyEventsStatus } from './ensure.ts';
export { journeyEventsOf, journeyProfileOf, type StoredJourneyInput } from './journey-events-of.ts';
export { journeyEventsSelect } from './journey-events-select.ts';
export { type JourneyRange, journeySource } from './journey-source.ts';
