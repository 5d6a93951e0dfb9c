import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { PanoramaError } from '../errors.ts';
import type { IdentifierSettings } from '../identity/identifiers/index.ts';
import type { LinkResult, SplitResult } from '../identity/stitching/index.ts';
import { type CustomerViews, customerTimeline, mergeHistory, searchCustomers } from '../profiles/index.ts';
import type { Store } from '../store/port.ts';
import { apiKeySecurity, requireRole } from './access.ts';
import {
  CustomerViewBody,
  MergeBody,
  MergeProfilesRequest,
  ProfileIdParams,
  ProfileMatchBody,
  ProfilesMergedBody,
  SplitBody,
  TimelineBody,
  TimelineQueryString,
} from './profiles-schemas.ts';

export interface ProfilesRoutesDeps {
  store: Store;
  workspaceId: string;
  /** How identifiers are normalised (the default country of phone numbers…), for look-ups. */
  identifiers: IdentifierSettings;
  /** Where customer views are read from (the view cache, or the store each time). */
  views: CustomerViews;
  /** Undoes a merge (with the live identity service, or one built for the occasion). */
  split: (mergeId: string, request: { by: string; reason?: string }) => Promise<SplitResult>;
  /** Merges two profiles stitching kept apart (with the live identity service, or one built for the occasion). */
  mergeProfiles: (
    profileA: string,
    profileB: string,
    request: { by: string; reason?: string },
  ) => Promise<LinkResult>;
}

const SearchQuery = Type.Object({
  q: Type.String({ minLength: 1, maxLength: 200 }),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});
const LookupQuery = Type.Object({ identifier: Type.String({ minLength: 3, maxLength: 500 }) });
const SplitRequest = Type.Object(
  { reason: Type.Optional(Type.String({ maxLength: 500 })) },
  { additionalProperties: false },
);

const list = (text: string | undefined) =>
  text
    ?.split(',')
    .map((item) => item.trim())
    .filter(Boolean);

/** What the merge route answers: the profile that remains and the merge, or what kept them apart. */
function mergedBody(result: Extract<LinkResult, { ok: true }>): Static<typeof ProfilesMergedBody> {
  const { link, merge } = result;
  return {
    merged: merge !== null,
    profileId: merge?.into ?? null,
    mergeId: merge?.id ?? null,
    link: {
      linkId: link.id,
      identifiers: link.identifiers.map(({ type, value, raw }) => ({ type, value, raw })),
      by: link.by,
      at: link.at,
      reason: link.reason ?? null,
    },
    dropped: result.dropped.map(({ identifier, reason }) => ({
      type: identifier.type,
      value: identifier.value,
      reason,
    })),
  };
}

/** The single customer view over the JSON API: search, look-up, profile, timeline, merges, split, merge. */
export async function profilesRoutes(app: FastifyInstance, deps: ProfilesRoutesDeps): Promise<void> {
  const { store, workspaceId } = deps;
  const tags = ['customers'];
  const security = apiKeySecurity;
  app.get<{ Querystring: Static<typeof SearchQuery> }>(
    '/api/v1/profiles',
    {
      schema: {
        tags,
        security,
        summary: 'Search customers by the start of a name, e-mail or phone',
        querystring: SearchQuery,
        response: { 200: Type.Object({ profiles: Type.Array(ProfileMatchBody) }) },
      },
    },
    async (request) => {
      await requireRole(store, request, 'viewer');
      return { profiles: await searchCustomers(store, workspaceId, request.query.q, request.query.limit) };
    },
  );
  app.get<{ Querystring: Static<typeof LookupQuery> }>(
    '/api/v1/profiles/lookup',
    {
      schema: {
        tags,
        security,
        summary: 'The customer holding an identifier given as type:value (email:jane@example.com)',
        querystring: LookupQuery,
        response: { 200: CustomerViewBody },
      },
    },
    async (request) => {
      await requireRole(store, request, 'viewer');
      return deps.views.find(workspaceId, request.query.identifier, deps.identifiers);
    },
  );
  app.get<{ Params: Static<typeof ProfileIdParams> }>(
    '/api/v1/profiles/:profileId',
    {
      schema: {
        tags,
        security,
        summary: 'A customer: identities, traits with their source, consent and summary',
        params: ProfileIdParams,
        response: { 200: CustomerViewBody },
      },
    },
    async (request) => {
      await requireRole(store, request, 'viewer');
      return deps.views.view(workspaceId, request.params.profileId);
    },
  );
  app.get<{ Params: Static<typeof ProfileIdParams>; Querystring: Static<typeof TimelineQueryString> }>(
    '/api/v1/profiles/:profileId/timeline',
    {
      schema: {
        tags,
        security,
        summary: 'Everything the customer did on every channel, newest first, a page at a time',
        params: ProfileIdParams,
        querystring: TimelineQueryString,
        response: { 200: TimelineBody },
      },
    },
    async (request) => {
      await requireRole(store, request, 'viewer');
      const { limit, cursor, channel, type, event } = request.query;
      return customerTimeline(store, workspaceId, request.params.profileId, {
        ...(limit === undefined ? {} : { limit }),
        ...(cursor === undefined ? {} : { cursor }),
        ...(channel === undefined ? {} : { channels: list(channel) }),
        ...(type === undefined ? {} : { types: list(type) }),
        ...(event === undefined ? {} : { events: list(event) }),
      });
    },
  );
  app.get<{ Params: Static<typeof ProfileIdParams> }>(
    '/api/v1/profiles/:profileId/merges',
    {
      schema: {
        tags,
        security,
        summary: 'How the profile was built: each merge and what linked it, and the splits operators made',
        params: ProfileIdParams,
        response: { 200: Type.Object({ merges: Type.Array(MergeBody), splits: Type.Array(SplitBody) }) },
      },
    },
    async (request) => {
      await requireRole(store, request, 'viewer');
      return mergeHistory(store, workspaceId, request.params.profileId);
    },
  );
  app.post<{ Params: { mergeId: string }; Body: Static<typeof SplitRequest> | undefined }>(
    '/api/v1/merges/:mergeId/split',
    {
      schema: {
        tags,
        security,
        summary: 'Undo a merge (operator): its sides never share a profile again, rebuilds included',
        params: Type.Object({ mergeId: Type.String({ minLength: 1, maxLength: 200 }) }),
        body: Type.Optional(SplitRequest),
      },
    },
    async (request) => {
      const key = await requireRole(store, request, 'operator');
      const reason = request.body?.reason;
      const result = await deps.split(request.params.mergeId, {
        by: `api-key:${key.name}`,
        ...(reason === undefined ? {} : { reason }),
      });
      if (!result.ok) throw new PanoramaError(result.code, result.message);
      return { split: result.split };
    },
  );
  app.post<{ Body: Static<typeof MergeProfilesRequest> }>(
    '/api/v1/profiles/merge',
    {
      schema: {
        tags,
        security,
        summary:
          'Merge two profiles stitching kept apart (operator): kept as a decision every rebuild honours, split like any merge',
        body: MergeProfilesRequest,
        response: { 200: ProfilesMergedBody },
      },
    },
    async (request) => {
      const key = await requireRole(store, request, 'operator');
      const [profileA, profileB] = request.body.profiles as [string, string];
      const result = await deps.mergeProfiles(profileA, profileB, {
        by: `api-key:${key.name}`,
        reason: request.body.reason,
      });
      if (!result.ok) throw new PanoramaError(result.code, result.message, result.details);
      return mergedBody(result);
    },
  );
}
