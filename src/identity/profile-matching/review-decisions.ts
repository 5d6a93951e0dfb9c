import { PanoramaError } from '../../errors.ts';
import type { Store } from '../../store/port.ts';
import type { MatchReviewRow, MatchReviewSide } from '../../store/types.ts';
import type { MergeRecord } from '../stitching/index.ts';
import type { LinkProfiles } from './match-profiles.ts';

export interface ReviewDecision {
  accept: boolean;
  by: string;
  reason?: string;
  at?: Date;
}

export interface DecidedReview {
  review: MatchReviewRow;
  /** The merge an acceptance made (null when the two were already one profile). */
  merge: MergeRecord | null;
}

/**
 * An operator's decision on a pending pair. Rejecting keeps the pair apart for good (the matcher
 * never proposes or links it again); accepting links the two profiles as they are now (found again
 * through their identifiers, since merges may have moved them) like an operator's merge.
 */
export async function decideReview(
  store: Store,
  link: LinkProfiles,
  workspaceId: string,
  reviewId: string,
  decision: ReviewDecision,
): Promise<DecidedReview> {
  const review = await store.matching.review(workspaceId, reviewId);
  if (!review) {
    throw new PanoramaError('identity.review_not_found', `No pair ${reviewId} in the review queue.`);
  }
  if (review.status !== 'pending') {
    throw new PanoramaError(
      'identity.review_decided',
      `The pair ${reviewId} was already ${review.status} by ${review.decidedBy ?? 'someone'}.`,
      { status: review.status },
    );
  }
  const at = decision.at ?? new Date();
  const record = (status: 'accepted' | 'rejected') =>
    store.matching.decide(workspaceId, reviewId, {
      status,
      by: decision.by,
      at,
      reason: decision.reason ?? null,
    }) as Promise<MatchReviewRow>;
  if (!decision.accept) return { review: await record('rejected'), merge: null };

  const [a, b] = await Promise.all(review.sides.map((side) => currentProfile(store, workspaceId, side)));
  if (!a || !b) {
    throw new PanoramaError(
      'identity.review_profile_gone',
      `One side of ${reviewId} no longer exists (erased since it was proposed); reject the pair instead.`,
    );
  }
  let merge: MergeRecord | null = null;
  if (a !== b) {
    const why = `accepted match review ${reviewId} (probability ${review.probability.toFixed(4)})`;
    const [result] = await link([
      {
        profileA: a,
        profileB: b,
        request: { by: decision.by, at, reason: decision.reason ? `${why}: ${decision.reason}` : why },
      },
    ]);
    if (result && !result.ok) throw new PanoramaError(result.code, result.message, result.details);
    merge = result?.merge ?? null;
  }
  return { review: await record('accepted'), merge };
}

/** The profile a side is in now: the one holding its first identifier still held. */
async function currentProfile(
  store: Store,
  workspaceId: string,
  side: MatchReviewSide,
): Promise<string | undefined> {
  for (const identifier of side.identifiers) {
    const found = await store.profiles.findByIdentifier(workspaceId, identifier.type, identifier.value);
    if (found) return found;
  }
  return undefined;
}
