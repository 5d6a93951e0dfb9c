/**
 * The journey analyses as the API and the CLI run them: one entry point, a definition in JSON.
 * @module
 */
export { analyseJourneys, isJourneyAnalysis, type JourneyAnalysis, journeyAnalyses } from './analyse.ts';
export { type BreakdownChoice, freshSource, type JourneyScope, parseBreakdown } from './scope.ts';
export { radar } from './shifts.ts';
export {
  type TouchpointCatalogue,
  type TouchpointCount,
  touchpointCatalogue,
} from './touchpoint-catalogue.ts';
