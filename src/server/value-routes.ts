import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { PanoramaError } from '../errors.ts';
import type { Store } from '../store/port.ts';
import { rfmSegmentNames } from '../value/index.ts';
import { apiKeySecurity, requireRole } from './access.ts';
import { ComputedValueBody } from './profiles-schemas.ts';

export interface ValueRoutesDeps {
  store: Store;
  workspaceId: string;
  /** Values the customers now (the scheduler's job, run on demand). */
  refresh: () => Promise<unknown>;
}

const CustomersQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  segment: Type.Optional(Type.Union(rfmSegmentNames.map((s) => Type.Literal(s)))),
  tier: Type.Optional(Type.Integer({ minimum: 1, maximum: 10 })),
});
const Valuation = Type.Object({}, { additionalProperties: true });

/** Customer value over the JSON API: the valuation's summary and models, the ranked customers. */
export async function valueRoutes(app: FastifyInstance, deps: ValueRoutesDeps): Promise<void> {
  const { store, workspaceId } = deps;
  const tags = ['value'];
  const security = apiKeySecurity;
  const latest = async () => {
    const valuation = await store.profiles.valuation(workspaceId);
    if (!valuation) {
      throw new PanoramaError(
        'value.not_computed',
        'Customers have not been valued yet: POST /api/v1/value/refresh (operator), or wait for the hourly run.',
      );
    }
    return valuation;
  };
  app.get(
    '/api/v1/value/summary',
    {
      schema: {
        tags,
        security,
        summary:
          'Customer equity, the share of value of the top 1 % and 10 %, the Pareto curve, segments, the models',
        response: { 200: Valuation },
      },
    },
    async (request) => {
      await requireRole(store, request, 'viewer');
      const { computedAt, asOf, summary } = await latest();
      return { computedAt, asOf, ...summary };
    },
  );
  app.get(
    '/api/v1/value/model',
    {
      schema: {
        tags,
        security,
        summary:
          'The fitted purchase and spend models: parameters, standard errors, log-likelihood, diagnostics',
        response: { 200: Valuation },
      },
    },
    async (request) => {
      await requireRole(store, request, 'viewer');
      const { computedAt, asOf, summary } = await latest();
      return {
        computedAt,
        asOf,
        purchaseModel: summary.purchaseModel ?? null,
        spendModel: summary.spendModel ?? null,
      };
    },
  );
  app.get<{ Querystring: Static<typeof CustomersQuery> }>(
    '/api/v1/value/customers',
    {
      schema: {
        tags,
        security,
        summary: 'Customers from most to least valuable, optionally of one RFM segment or value tier',
        querystring: CustomersQuery,
        response: {
          200: Type.Object({
            total: Type.Integer(),
            customers: Type.Array(
              Type.Composite([
                Type.Object({ profileId: Type.String() }),
                Type.Omit(ComputedValueBody, ['asOf']),
              ]),
            ),
          }),
        },
      },
    },
    async (request) => {
      await requireRole(store, request, 'viewer');
      await latest();
      const { limit = 50, offset = 0, segment, tier } = request.query;
      return store.profiles.values(workspaceId, {
        limit,
        offset,
        ...(segment === undefined ? {} : { segment }),
        ...(tier === undefined ? {} : { tier }),
      });
    },
  );
  app.post(
    '/api/v1/value/refresh',
    {
      schema: { tags, security, summary: 'Value every customer now from the stored purchases (operator)' },
    },
    async (request) => {
      await requireRole(store, request, 'operator');
      await deps.refresh();
      const { computedAt, asOf, summary } = await latest();
      return { computedAt, asOf, ...summary };
    },
  );
}
