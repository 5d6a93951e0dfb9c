import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { decideReview, type LinkProfiles, matchProfiles } from '../identity/profile-matching/index.ts';
import type { Store } from '../store/port.ts';
import type { MatchReviewRow } from '../store/types.ts';
import { apiKeySecurity, requireRole } from './access.ts';
import { MergeBody } from './profiles-schemas.ts';

export interface MatchingRoutesDeps {
  store: Store;
  workspaceId: string;
  /** Links pairs of profiles (with the live identity service, or one built for the occasion). */
  linkAll: LinkProfiles;
}

const Probability = (description: string, fallback: number) =>
  Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 1, default: fallback, description });

const LinkProfilesRequest = Type.Object(
  {
    linkAbove: Type.Optional(Probability('link pairs at or above this match probability', 0.95)),
    reviewAbove: Type.Optional(Probability('queue pairs from this probability up', 0.5)),
    dryRun: Type.Optional(Type.Boolean({ description: 'score and report, link and queue nothing' })),
  },
  { additionalProperties: false },
);

const LinkProfilesBody = Type.Object({
  records: Type.Integer({ description: 'profiles with enough fields to be compared' }),
  fields: Type.Array(Type.String()),
  candidatePairs: Type.Integer(),
  scoredPairs: Type.Integer({ description: 'pairs at or above the review threshold' }),
  linked: Type.Array(
    Type.Object({
      profileA: Type.String(),
      profileB: Type.String(),
      probability: Type.Number(),
      mergeId: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
  proposed: Type.Integer({ description: 'pairs added to the review queue' }),
  skipped: Type.Object({ decided: Type.Integer(), userIds: Type.Integer(), refused: Type.Integer() }),
});

const ReviewBody = Type.Object({
  reviewId: Type.String(),
  sides: Type.Array(
    Type.Object({
      profileId: Type.String({ description: 'the profile when the pair was proposed' }),
      identifiers: Type.Array(Type.Object({ type: Type.String(), value: Type.String() })),
    }),
  ),
  probability: Type.Number(),
  matchWeight: Type.Number(),
  explanation: Type.Array(
    Type.Object({
      field: Type.String(),
      left: Type.Union([Type.String(), Type.Null()]),
      right: Type.Union([Type.String(), Type.Null()]),
      level: Type.String(),
      weight: Type.Number({ description: 'log2 Bayes factor this field adds' }),
    }),
  ),
  proposedAt: Type.String({ format: 'date-time' }),
  status: Type.Union([Type.Literal('pending'), Type.Literal('accepted'), Type.Literal('rejected')]),
  decidedBy: Type.Union([Type.String(), Type.Null()]),
  decidedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()]),
});

const ReviewsQuery = Type.Object({
  status: Type.Optional(
    Type.Union([Type.Literal('pending'), Type.Literal('accepted'), Type.Literal('rejected')], {
      default: 'pending',
    }),
  ),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
});

const DecisionRequest = Type.Optional(
  Type.Object({ reason: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false }),
);
const ReviewParams = Type.Object({ reviewId: Type.String({ minLength: 1, maxLength: 100 }) });

const tags = ['identity'];
const security = apiKeySecurity;

const reviewJson = (review: MatchReviewRow) => ({
  ...review,
  proposedAt: review.proposedAt.toISOString(),
  decidedAt: review.decidedAt?.toISOString() ?? null,
});

/** Probabilistic matching over the stored profiles, and the operators' review queue. */
export function matchingRoutes(app: FastifyInstance, deps: MatchingRoutesDeps): void {
  const { store, workspaceId } = deps;
  app.post<{ Body: Static<typeof LinkProfilesRequest> | undefined }>(
    '/api/v1/identity/link-profiles',
    {
      schema: {
        tags,
        security,
        summary:
          'Compare the profiles that share no identifier (operator): link pairs above linkAbove, queue those above reviewAbove',
        body: Type.Optional(LinkProfilesRequest),
        response: { 200: LinkProfilesBody },
      },
    },
    async (request) => {
      await requireRole(store, request, 'operator');
      const body = request.body ?? {};
      const result = await matchProfiles(store, deps.linkAll, {
        workspaceId,
        ...(body.linkAbove === undefined ? {} : { linkAbove: body.linkAbove }),
        ...(body.reviewAbove === undefined ? {} : { reviewAbove: body.reviewAbove }),
        dryRun: body.dryRun === true,
      });
      const { model: _model, ...summary } = result;
      return summary;
    },
  );
  app.get<{ Querystring: Static<typeof ReviewsQuery> }>(
    '/api/v1/identity/reviews',
    {
      schema: {
        tags,
        security,
        summary:
          'The pairs of profiles waiting for an operator, most likely first, with the evidence field by field',
        querystring: ReviewsQuery,
        response: { 200: Type.Object({ reviews: Type.Array(ReviewBody) }) },
      },
    },
    async (request) => {
      await requireRole(store, request, 'viewer');
      const reviews = await store.matching.reviews(workspaceId, {
        status: request.query.status ?? 'pending',
        limit: request.query.limit ?? 50,
      });
      return { reviews: reviews.map(reviewJson) };
    },
  );
  for (const decision of ['accept', 'reject'] as const) {
    app.post<{ Params: Static<typeof ReviewParams>; Body: Static<typeof DecisionRequest> }>(
      `/api/v1/identity/reviews/:reviewId/${decision}`,
      {
        schema: {
          tags,
          security,
          summary:
            decision === 'accept'
              ? 'Accept a pair (operator): the two profiles are linked, as an operator merge'
              : 'Reject a pair (operator): never proposed or linked by the matcher again',
          params: ReviewParams,
          body: DecisionRequest,
          response: {
            200: Type.Object({ review: ReviewBody, merge: Type.Union([MergeBody, Type.Null()]) }),
          },
        },
      },
      async (request) => {
        const key = await requireRole(store, request, 'operator');
        const reason = request.body?.reason;
        const decided = await decideReview(store, deps.linkAll, workspaceId, request.params.reviewId, {
          accept: decision === 'accept',
          by: `api-key:${key.name}`,
          ...(reason === undefined ? {} : { reason }),
        });
        const merge = decided.merge && { mergeId: decided.merge.id, ...decided.merge };
        return { review: reviewJson(decided.review), merge };
      },
    );
  }
}
