import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { PanoramaError } from '../errors.ts';
import {
  analyseJourneys,
  isJourneyAnalysis,
  type JourneyAnalysis,
  type JourneyScope,
  journeyAnalyses,
  radar,
  touchpointCatalogue,
} from '../journeys/analyses/index.ts';
import { apiKeySecurity, requireRole } from './access.ts';

const AnyObject = Type.Object({}, { additionalProperties: true });
const DefinitionQuery = Type.Object({
  definition: Type.Optional(Type.String({ description: 'the definition as JSON (URL-encoded)' })),
});

const summaries: Record<JourneyAnalysis, string> = {
  funnel: 'Funnel: ordered, strict or any-order steps, a window from entry, conversion and time to convert',
  'funnel-drop-offs': 'The profiles whose best attempt reached `step` but not the next, a page at a time',
  paths: 'Paths for a Sankey: from a start or to an end touchpoint, sessions, repeats collapsed',
  retention: 'Retention by cohort of first purchase or first contact, recurring and rolling',
  lifecycle: 'Lifecycle per interval: new, returning, resurrecting, dormant',
  'channel-mix': 'Channel mix per interval, counted per customer, single-channel and omnichannel shares',
  attribution:
    'Attribution of conversions and revenue: first touch, last touch, linear, Markov removal effect',
};

/** Reads `?definition=` (a shared link) or answers an empty definition. */
export function definitionFromQuery(text: string | undefined): unknown {
  if (text === undefined || text === '') return {};
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new PanoramaError(
      'journeys.invalid_definition',
      `definition is not valid JSON: ${(error as Error).message}`,
      { field: 'definition' },
    );
  }
}

/**
 * Journeys over the JSON API: each analysis by POST (its definition in the body) or by GET (its
 * definition in `?definition=`, so that a view is a link); the touchpoints people build them from.
 */
export async function journeysRoutes(app: FastifyInstance, scope: JourneyScope): Promise<void> {
  const tags = ['journeys'];
  const security = apiKeySecurity;
  app.get(
    '/api/v1/journeys/touchpoints',
    {
      schema: {
        tags,
        security,
        summary:
          'The touchpoints of the stitched journeys, with their stage and counts, and the mapping in force',
        response: { 200: AnyObject },
      },
    },
    async (request) => {
      await requireRole(scope.store, request, 'viewer');
      return touchpointCatalogue(scope);
    },
  );
  const answer = async (analysis: string, definition: unknown) => {
    if (!isJourneyAnalysis(analysis)) {
      throw new PanoramaError(
        'journeys.invalid_definition',
        `No journey analysis "${analysis}"; there are ${journeyAnalyses.join(', ')}.`,
      );
    }
    return analyseJourneys(scope, analysis, definition);
  };
  for (const analysis of journeyAnalyses) {
    const path = `/api/v1/journeys/${analysis}`;
    const schema = { tags, security, summary: summaries[analysis], response: { 200: AnyObject } };
    app.post(path, { schema: { ...schema, body: AnyObject } }, async (request) => {
      await requireRole(scope.store, request, 'viewer');
      return answer(analysis, request.body);
    });
    app.get<{ Querystring: { definition?: string } }>(
      path,
      { schema: { ...schema, querystring: DefinitionQuery } },
      async (request) => {
        await requireRole(scope.store, request, 'viewer');
        return answer(analysis, definitionFromQuery(request.query.definition));
      },
    );
  }
  const shiftsSchema = {
    tags: ['shift radar'],
    security,
    summary:
      'The shift radar: when customer behaviour shifted, what changed, for whom, and the value at stake, biggest first',
    response: { 200: AnyObject },
  };
  const shifts = (definition: unknown) => radar(scope, definition);
  app.post('/api/v1/shifts', { schema: { ...shiftsSchema, body: AnyObject } }, async (request) => {
    await requireRole(scope.store, request, 'viewer');
    return shifts(request.body ?? {});
  });
  app.get<{ Querystring: { definition?: string } }>(
    '/api/v1/shifts',
    { schema: { ...shiftsSchema, querystring: DefinitionQuery } },
    async (request) => {
      await requireRole(scope.store, request, 'viewer');
      return shifts(definitionFromQuery(request.query.definition));
    },
  );
}
