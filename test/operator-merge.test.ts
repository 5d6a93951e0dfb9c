import { afterEach, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/access/api-keys.ts';
import { createSource } from '../src/collect/source-directory.ts';
import { rebuildIdentity } from '../src/identity/store/index.ts';
import { refreshAllProfiles } from '../src/profiles/index.ts';
import { identityOf, post, type RunningPanorama, startPanorama } from './support/panorama.ts';

const running: RunningPanorama[] = [];
afterEach(async () => {
  for (const panorama of running.splice(0)) await panorama.stop();
});

const at = (day: number, hour = 10) => new Date(Date.UTC(2026, 2, day, hour)).toISOString();

/** Jane signs up on the web shop with her personal e-mail and buys. */
const jane = [
  { type: 'page', name: 'Accueil', anonymousId: 'anon-1', timestamp: at(1), messageId: 'j1' },
  {
    type: 'identify',
    userId: 'cust-1',
    anonymousId: 'anon-1',
    traits: { email: 'Jane.Doe@Maison.fr', firstName: 'Jane', lastName: 'Doe' },
    timestamp: at(2),
    messageId: 'j2',
  },
  {
    type: 'track',
    event: 'Order Completed',
    userId: 'cust-1',
    properties: { orderId: 'o1', revenue: 42.5 },
    timestamp: at(3),
    messageId: 'j3',
  },
];
/** The newsletter for professionals knows her only by her work e-mail: stitching keeps it apart. */
const janeAtWork = [
  {
    type: 'identify',
    anonymousId: 'pro-7',
    traits: { email: 'j.doe@entreprise.fr', company: 'Entreprise SA' },
    timestamp: at(4),
    messageId: 'w1',
  },
  { type: 'track', event: 'Email Opened', anonymousId: 'pro-7', timestamp: at(5), messageId: 'w2' },
];
const paul = [
  {
    type: 'identify',
    userId: 'cust-2',
    traits: { email: 'paul@martin-famille.fr', firstName: 'Paul' },
    timestamp: at(2),
    messageId: 'p1',
  },
];

// biome-ignore lint/suspicious/noExplicitAny: the assertions check the answer's shape
type Answer = { status: number; body: Record<string, any> };

async function withJane(live: boolean) {
  const panorama = await startPanorama({ settings: { liveIdentity: live } });
  running.push(panorama);
  const { store, settings } = panorama;
  const newsletter = await createSource(store, settings.workspaceId, 'newsletter-pro', 'email');
  const send = async (writeKey: string, batch: unknown[]) => {
    const basic = `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`;
    expect((await post(panorama, '/v1/batch', { batch }, { authorization: basic })).status).toBe(200);
  };
  await send(panorama.source.writeKey, [...jane, ...paul]);
  await send(newsletter.writeKey, janeAtWork);
  if (live) await identityOf(panorama).idle();
  else {
    await rebuildIdentity(store);
    await refreshAllProfiles(store);
  }
  const viewer = (await createApiKey(store, settings.workspaceId, 'conseillere', 'viewer')).secret;
  const operator = (await createApiKey(store, settings.workspaceId, 'superviseur', 'operator')).secret;
  const call = async (method: string, path: string, secret: string, body?: unknown): Promise<Answer> => {
    const response = await fetch(`${panorama.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${secret}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Answer['body'] };
  };
  const get = (path: string) => call('GET', path, viewer);
  const lookup = (identifier: string) =>
    get(`/api/v1/profiles/lookup?identifier=${encodeURIComponent(identifier)}`);
  const merge = (profiles: string[], secret = operator, reason = 'même personne, e-mail pro') =>
    call('POST', '/api/v1/profiles/merge', secret, { profiles, reason });
  const split = (mergeId: string) =>
    call('POST', `/api/v1/merges/${mergeId}/split`, operator, { reason: 'fusion erronée' });
  const personal = (await lookup('email:jane.doe@maison.fr')).body.id as string;
  const work = (await lookup('email:j.doe@entreprise.fr')).body.id as string;
  const paulId = (await lookup('user_id:cust-2')).body.id as string;
  return { panorama, get, lookup, merge, split, viewer, personal, work, paulId };
}

const keysOf = (view: Answer['body']) =>
  (view.identities as { type: string; value: string }[]).map((i) => `${i.type}:${i.value}`).sort();

describe('merging customers by an operator', () => {
  for (const live of [false, true]) {
    it(`lets an operator (not a viewer) merge two profiles stitching kept apart (live identity ${live})`, async () => {
      const { merge, lookup, get, viewer, personal, work } = await withJane(live);
      expect(personal).not.toBe(work);

      const forbidden = await merge([work, personal], viewer);
      expect(forbidden.status).toBe(403);
      expect(forbidden.body.error.code).toBe('access.forbidden');

      const done = await merge([work, personal]);
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({ merged: true, profileId: personal, dropped: [] });
      expect(done.body.mergeId).toMatch(/^mrg_/);
      expect(done.body.link).toMatchObject({
        by: 'api-key:superviseur',
        reason: 'même personne, e-mail pro',
        identifiers: [
          { type: 'email', value: 'j.doe@entreprise.fr' },
          { type: 'user_id', value: 'cust-1' },
        ],
      });

      const byWork = (await lookup('email:j.doe@entreprise.fr')).body;
      const byPersonal = (await lookup('email: Jane.Doe@Maison.fr')).body;
      expect(byWork.id).toBe(personal);
      expect(byPersonal).toEqual(byWork);
      expect(keysOf(byWork)).toEqual([
        'anonymous_id:anon-1',
        'anonymous_id:pro-7',
        'email:j.doe@entreprise.fr',
        'email:jane.doe@maison.fr',
        'user_id:cust-1',
      ]);
      expect(byWork.summary).toMatchObject({ events: 5, channels: ['email', 'web'], orders: 1 });
      expect(byWork.traits.company.value).toBe('Entreprise SA');
      expect((await get(`/api/v1/profiles/${work}`)).status).toBe(404);

      const history = await get(`/api/v1/profiles/${personal}/merges`);
      expect(history.body.merges).toContainEqual(
        expect.objectContaining({
          mergeId: done.body.mergeId,
          rule: 'operator',
          messageId: done.body.link.linkId,
          into: personal,
          absorbed: [work],
          by: 'api-key:superviseur',
          reason: 'même personne, e-mail pro',
        }),
      );
    });
  }

  it('keeps the merge through a rebuild: the same profiles, tables and history', async () => {
    const { panorama, merge, lookup, get, personal, work } = await withJane(false);
    const done = await merge([personal, work]);
    expect(done.body.merged).toBe(true);
    const workspace = panorama.settings.workspaceId;
    const tables = await panorama.store.identity.read(workspace);
    const view = (await lookup('email:j.doe@entreprise.fr')).body;
    const history = (await get(`/api/v1/profiles/${personal}/merges`)).body;

    await rebuildIdentity(panorama.store);
    await refreshAllProfiles(panorama.store);
    expect(await panorama.store.identity.read(workspace)).toEqual(tables);
    expect((await lookup('email:j.doe@entreprise.fr')).body).toEqual(view);
    expect((await get(`/api/v1/profiles/${personal}/merges`)).body).toEqual(history);
  });

  it('gives the rebuild’s tables when identity is live, late events after the merge included', async () => {
    const { panorama, merge, lookup, personal, work } = await withJane(true);
    expect((await merge([personal, work])).body.merged).toBe(true);
    // Stamped before the decision: its component is stitched again, the link in its place.
    const late = {
      type: 'identify',
      anonymousId: 'pro-7',
      traits: { phone: '06 12 34 56 79' },
      timestamp: at(6),
      messageId: 'w3',
    };
    expect((await post(panorama, '/v1/batch', { batch: [late] })).status).toBe(200);
    await identityOf(panorama).idle();
    expect((await lookup('phone:+33612345679')).body.id).toBe(personal);
    const workspace = panorama.settings.workspaceId;
    const tables = await panorama.store.identity.read(workspace);
    await rebuildIdentity(panorama.store);
    expect(await panorama.store.identity.read(workspace)).toEqual(tables);
  });

  it('undoes an operator merge with a split, which rebuilds honour', async () => {
    const { panorama, merge, split, lookup, get, personal, work } = await withJane(false);
    const done = await merge([personal, work]);
    expect((await split(done.body.mergeId)).status).toBe(200);
    expect((await lookup('email:j.doe@entreprise.fr')).body.id).toBe(work);
    expect((await lookup('email:jane.doe@maison.fr')).body.id).toBe(personal);
    const history = (await get(`/api/v1/profiles/${personal}/merges`)).body;
    expect(history.merges.map((m: { rule: string }) => m.rule)).not.toContain('operator');
    expect(history.splits).toContainEqual(
      expect.objectContaining({ mergeId: done.body.mergeId, by: 'api-key:superviseur' }),
    );

    await rebuildIdentity(panorama.store);
    await refreshAllProfiles(panorama.store);
    expect((await lookup('email:j.doe@entreprise.fr')).body.id).toBe(work);
    expect(keysOf((await lookup('user_id:cust-1')).body)).not.toContain('email:j.doe@entreprise.fr');
  });

  it('refuses two customers with different user ids, a customer with itself and an unknown one', async () => {
    const { merge, lookup, personal, work, paulId } = await withJane(false);
    const refused = await merge([personal, paulId]);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('identity.merge_refused');
    expect(refused.body.error.message).toMatch(/cust-1.*cust-2/);
    expect(refused.body.error.userIds).toEqual(['cust-1', 'cust-2']);
    expect((await lookup('user_id:cust-2')).body.id).toBe(paulId);

    const itself = await merge([work, work]);
    expect(itself.status).toBe(400);
    expect(itself.body.error.message).toMatch(/itself/);
    const unknown = await merge([work, 'prof_nobody']);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('profiles.not_found');
    const malformed = await merge([work]);
    expect(malformed.status).toBe(400);
  });

  it('is documented in the OpenAPI document', async () => {
    const { panorama } = await withJane(false);
    const doc = (await (await fetch(`${panorama.url}/openapi.json`)).json()) as {
      paths: Record<string, { post?: { requestBody?: unknown; responses?: Record<string, unknown> } }>;
    };
    const route = doc.paths['/api/v1/profiles/merge']?.post;
    expect(route?.requestBody).toBeDefined();
    expect(Object.keys(route?.responses ?? {})).toContain('200');
  });
});
