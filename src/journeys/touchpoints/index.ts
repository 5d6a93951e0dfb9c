/**
 * Touchpoints and stages: which step of a customer's journey each stored event is, configurable
 * by rules, computed alike in memory (`mapEvent`) and in the engines (`touchpointSql`).
 * @module
 */
export { defaultTouchpointMapping } from './defaults.ts';
export { mapEvent } from './map-event.ts';
export type { MappableEvent, MappedEvent, TouchpointMapping, TouchpointRule } from './mapping.ts';
export { readTouchpointMapping } from './mapping-file.ts';
export { parseTouchpointMapping, TouchpointMappingBody, TouchpointRuleBody } from './parse.ts';
export type { PatternText } from './patterns.ts';
export { snakeCase } from './slug.ts';
export { type JourneyStage, journeyStages } from './stages.ts';
export { revenueSql, type TouchpointSql, touchpointSql } from './touchpoint-sql.ts';
