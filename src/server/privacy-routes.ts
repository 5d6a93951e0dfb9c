import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { exportCustomer } from '../profiles/index.ts';
import type { Store } from '../store/port.ts';
import type { ErasureRecord } from '../store/types.ts';
import { apiKeySecurity, requireRole } from './access.ts';
import { ProfileIdParams } from './profiles-schemas.ts';

export interface PrivacyRoutesDeps {
  store: Store;
  workspaceId: string;
  erase: (profileId: string, request: { by: string; reason?: string }) => Promise<ErasureRecord>;
}

const ErasureBody = Type.Object({
  erasureId: Type.String(),
  profileId: Type.String(),
  by: Type.String(),
  at: Type.String({ format: 'date-time' }),
  reason: Type.Union([Type.String(), Type.Null()]),
  identifiers: Type.Integer(),
  events: Type.Integer(),
});
const EraseRequest = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 500 }) },
  { additionalProperties: false },
);

/** Data-subject rights over the JSON API: export everything about a person, erase a person. */
export async function privacyRoutes(app: FastifyInstance, deps: PrivacyRoutesDeps): Promise<void> {
  const { store, workspaceId } = deps;
  const tags = ['privacy'];
  const security = apiKeySecurity;
  app.get<{ Params: Static<typeof ProfileIdParams> }>(
    '/api/v1/profiles/:profileId/export',
    {
      schema: {
        tags,
        security,
        summary: 'Everything held about a customer, as one JSON document (operator)',
        params: ProfileIdParams,
      },
    },
    async (request, reply) => {
      await requireRole(store, request, 'operator');
      const exported = await exportCustomer(store, workspaceId, request.params.profileId);
      reply.header('content-disposition', `attachment; filename="${request.params.profileId}.json"`);
      return exported;
    },
  );
  app.post<{ Params: Static<typeof ProfileIdParams>; Body: Static<typeof EraseRequest> }>(
    '/api/v1/profiles/:profileId/erase',
    {
      schema: {
        tags,
        security,
        summary: 'Erase a customer: events, identifiers and traits go, a tombstone stays (admin)',
        params: ProfileIdParams,
        body: EraseRequest,
        response: { 200: Type.Object({ erasure: ErasureBody }) },
      },
    },
    async (request) => {
      const key = await requireRole(store, request, 'admin');
      const erasure = await deps.erase(request.params.profileId, {
        by: `api-key:${key.name}`,
        reason: request.body.reason,
      });
      return { erasure };
    },
  );
  app.get(
    '/api/v1/erasures',
    {
      schema: {
        tags,
        security,
        summary: 'The tombstones of erased customers: who asked, when, why, how much (admin)',
        response: { 200: Type.Object({ erasures: Type.Array(ErasureBody) }) },
      },
    },
    async (request) => {
      await requireRole(store, request, 'admin');
      return { erasures: await store.privacy.erasures(workspaceId) };
    },
  );
}
