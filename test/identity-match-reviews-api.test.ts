import { afterEach, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/access/api-keys.ts';
import { rebuildIdentity } from '../src/identity/store/index.ts';
import { refreshAllProfiles } from '../src/profiles/index.ts';
import { post, type RunningPanorama, startPanorama } from './support/panorama.ts';
import { population, slip } from './support/typo-population.ts';

const running: RunningPanorama[] = [];
afterEach(async () => {
  for (const panorama of running.splice(0)) await panorama.stop();
});

async function started(): Promise<{
  panorama: RunningPanorama;
  call: Call;
  viewer: string;
  operator: string;
}> {
  const panorama = await startPanorama();
  running.push(panorama);
  expect((await post(panorama, '/v1/batch', { batch: population() })).status).toBe(200);
  await panorama.writer.flush();
  await rebuildIdentity(panorama.store);
  await refreshAllProfiles(panorama.store);
  const { workspaceId } = panorama.settings;
  const viewer = (await createApiKey(panorama.store, workspaceId, 'conseillere', 'viewer')).secret;
  const operator = (await createApiKey(panorama.store, workspaceId, 'superviseur', 'operator')).secret;
  const call: Call = async (method, path, secret, body) => {
    const response = await fetch(`${panorama.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${secret}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    // biome-ignore lint/suspicious/noExplicitAny: the assertions check the answer's shape
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };
  return { panorama, call, viewer, operator };
}

type Call = (
  method: string,
  path: string,
  secret: string,
  body?: unknown,
  // biome-ignore lint/suspicious/noExplicitAny: the assertions check the answer's shape
) => Promise<{ status: number; body: any }>;

describe('probabilistic matching and its review queue, over HTTP', () => {
  it('queues doubtful pairs with their evidence; an operator accepts or rejects them', async () => {
    const { call, viewer, operator } = await started();
    const request = { linkAbove: 0.999999, reviewAbove: 0.5 };
    expect((await call('POST', '/api/v1/identity/link-profiles', viewer, request)).status).toBe(403);
    const run = await call('POST', '/api/v1/identity/link-profiles', operator, request);
    expect(run.status).toBe(200);
    expect(run.body.records).toBe(110);
    expect(run.body.fields).toEqual(['given_name', 'surname', 'postcode', 'email']);
    expect(run.body.proposed + run.body.linked.length).toBeGreaterThanOrEqual(25);

    const queue = await call('GET', '/api/v1/identity/reviews?limit=500', viewer);
    expect(queue.status).toBe(200);
    const reviews = queue.body.reviews as {
      reviewId: string;
      sides: { identifiers: { value: string }[] }[];
      explanation: { field: string; level: string }[];
      probability: number;
    }[];
    expect(reviews.length).toBe(run.body.proposed);
    expect(reviews[0]?.probability).toBeGreaterThanOrEqual(reviews.at(-1)?.probability ?? 1);
    const isSlip = (review: (typeof reviews)[number]) => {
      const [a, b] = review.sides.map((s) => s.identifiers[0]?.value) as [string, string];
      return slip(a) === b || slip(b) === a;
    };
    // Every till receipt is proposed with its web profile, the e-mail one slip apart.
    expect(reviews.filter(isSlip)).toHaveLength(30);
    const top = reviews.find(isSlip);
    const second = reviews.find((r) => r !== top);
    if (!top || !second) throw new Error('the queue should hold two pairs at least');
    expect(top.explanation.find((f) => f.field === 'email')?.level).toBe('damerau-levenshtein <= 1');
    const [a, b] = top.sides.map((s) => s.identifiers[0]?.value) as [string, string];

    const path = (id: string, decision: string) => `/api/v1/identity/reviews/${id}/${decision}`;
    expect((await call('POST', path(top.reviewId, 'accept'), viewer, {})).status).toBe(403);
    const accepted = await call('POST', path(top.reviewId, 'accept'), operator, { reason: 'same customer' });
    expect(accepted.status).toBe(200);
    expect(accepted.body.review.status).toBe('accepted');
    expect(accepted.body.review.decidedBy).toBe('api-key:superviseur');
    expect(accepted.body.merge.rule).toBe('operator');
    const lookup = async (email: string) =>
      (await call('GET', `/api/v1/profiles/lookup?identifier=email:${encodeURIComponent(email)}`, viewer))
        .body.profile?.profileId;
    expect(await lookup(a)).toBe(await lookup(b));

    const again = await call('POST', path(top.reviewId, 'reject'), operator, {});
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('identity.review_decided');
    const rejected = await call('POST', path(second.reviewId, 'reject'), operator, { reason: 'namesakes' });
    expect(rejected.body.review.status).toBe('rejected');
    expect(rejected.body.merge).toBeNull();
    expect((await call('POST', path('rev_unknown', 'accept'), operator, {})).status).toBe(404);

    const decided = await call('GET', '/api/v1/identity/reviews?status=rejected', viewer);
    expect(decided.body.reviews.map((r: { reviewId: string }) => r.reviewId)).toEqual([second.reviewId]);
    const rerun = await call('POST', '/api/v1/identity/link-profiles', operator, request);
    expect(rerun.body.skipped.decided).toBeGreaterThanOrEqual(1);
    expect(rerun.body.proposed).toBe(0);
  });
});
