import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { createSource, rotateWriteKey, type SourceDirectory } from '../collect/source-directory.ts';
import type { Store } from '../store/port.ts';
import { channels, type Source } from '../store/types.ts';
import { apiKeySecurity, requireRole } from './access.ts';

const SourceBody = Type.Object({
  id: Type.String(),
  name: Type.String(),
  channel: Type.Union(channels.map((c) => Type.Literal(c))),
  writeKey: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
});
const NewSourceBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 64 }),
    channel: Type.Union(channels.map((c) => Type.Literal(c))),
  },
  { additionalProperties: false },
);
const SourceName = Type.Object({ name: Type.String() });

function sourceJson(source: Source): Static<typeof SourceBody> {
  return { ...source, createdAt: source.createdAt.toISOString() };
}

/**
 * Sources over the JSON API, so they can be managed while the server runs (the CLI needs the
 * store to itself): list (viewer), create and rotate the write key (admin).
 */
export async function sourcesRoutes(
  app: FastifyInstance,
  deps: { store: Store; sources: SourceDirectory; workspaceId: string },
): Promise<void> {
  const tags = ['sources'];
  app.get(
    '/api/v1/sources',
    {
      schema: {
        tags,
        summary: 'List the sources with their channel and write key',
        security: apiKeySecurity,
        response: { 200: Type.Object({ sources: Type.Array(SourceBody) }) },
      },
    },
    async (request) => {
      await requireRole(deps.store, request, 'viewer');
      return { sources: (await deps.store.sources.list(deps.workspaceId)).map(sourceJson) };
    },
  );
  app.post<{ Body: Static<typeof NewSourceBody> }>(
    '/api/v1/sources',
    {
      schema: {
        tags,
        summary: 'Create a source; the answer carries its write key',
        security: apiKeySecurity,
        body: NewSourceBody,
        response: { 201: SourceBody },
      },
    },
    async (request, reply) => {
      await requireRole(deps.store, request, 'admin');
      const source = await createSource(
        deps.store,
        deps.workspaceId,
        request.body.name,
        request.body.channel,
      );
      deps.sources.forget();
      return reply.code(201).send(sourceJson(source));
    },
  );
  app.post<{ Params: Static<typeof SourceName> }>(
    '/api/v1/sources/:name/rotate',
    {
      schema: {
        tags,
        summary: 'Give a source a new write key; the old one stops working at once',
        security: apiKeySecurity,
        params: SourceName,
        response: { 200: SourceBody },
      },
    },
    async (request) => {
      await requireRole(deps.store, request, 'admin');
      const source = await rotateWriteKey(deps.store, deps.workspaceId, request.params.name);
      deps.sources.forget();
      return sourceJson(source);
    },
  );
}
