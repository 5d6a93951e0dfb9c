import { afterEach, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/access/api-keys.ts';
import { rebuildIdentity } from '../src/identity/store/index.ts';
import { ensureJourneyEvents } from '../src/journeys/sources/index.ts';
import { refreshAllProfiles } from '../src/profiles/index.ts';
import { identityOf, post, type RunningPanorama, startPanorama } from './support/panorama.ts';

const running: RunningPanorama[] = [];
afterEach(async () => {
  for (const panorama of running.splice(0)) await panorama.stop();
});

const at = (day: number) => new Date(Date.UTC(2026, 2, day, 10)).toISOString();

const jane = [
  { type: 'page', name: 'Accueil', anonymousId: 'anon-1', timestamp: at(1), messageId: 'j1' },
  {
    type: 'identify',
    userId: 'cust-1',
    anonymousId: 'anon-1',
    traits: { email: 'jane.doe@maison.fr', firstName: 'Jane', phone: '0612345679' },
    timestamp: at(2),
    messageId: 'j2',
  },
  {
    type: 'track',
    event: 'Order Completed',
    userId: 'cust-1',
    properties: { revenue: 42.5 },
    timestamp: at(3),
    messageId: 'j3',
  },
];
const paul = [
  {
    type: 'identify',
    userId: 'cust-2',
    traits: { email: 'paul@martin-famille.fr' },
    timestamp: at(2),
    messageId: 'p1',
  },
];

async function started(live: boolean) {
  const panorama = await startPanorama({ settings: { liveIdentity: live } });
  running.push(panorama);
  const { store, settings } = panorama;
  expect((await post(panorama, '/v1/batch', { batch: [...jane, ...paul] })).status).toBe(200);
  // A refused item that names Jane: its payload is personal data too.
  const refused = await post(panorama, '/v1/batch', {
    batch: [
      { type: 'track', userId: 'cust-1', properties: { email: 'jane.doe@maison.fr' } },
      { type: 'page', userId: 'cust-2', timestamp: at(4), messageId: 'p2' },
    ],
  });
  expect(refused.status).toBe(207);
  const settle = async () => {
    if (live) await identityOf(panorama).idle();
    else {
      await panorama.writer.flush();
      await rebuildIdentity(store);
      await refreshAllProfiles(store);
    }
  };
  await settle();
  const admin = (await createApiKey(store, settings.workspaceId, 'dpo', 'admin')).secret;
  const operator = (await createApiKey(store, settings.workspaceId, 'service', 'operator')).secret;
  const call = async (method: string, path: string, secret: string, body?: unknown) => {
    const response = await fetch(`${panorama.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${secret}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return {
      status: response.status,
      headers: response.headers,
      // biome-ignore lint/suspicious/noExplicitAny: the assertions check the answer's shape
      body: (await response.json()) as Record<string, any>,
    };
  };
  const janeId = (await call('GET', '/api/v1/profiles/lookup?identifier=user_id:cust-1', operator)).body
    .id as string;
  return { panorama, store, admin, operator, call, settle, janeId };
}

const count = async (store: RunningPanorama['store'], sql: string) =>
  Number((await store.query<{ n: number }>(sql))[0]?.n);

describe('privacy: export and erase a person', () => {
  it('exports everything held about a customer as one JSON document', async () => {
    const { call, operator, janeId } = await started(false);
    const exported = await call('GET', `/api/v1/profiles/${janeId}/export`, operator);
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toContain(`${janeId}.json`);
    expect(exported.body.customer.traits.firstName.value).toBe('Jane');
    expect(exported.body.customer.identities).toHaveLength(4);
    expect(exported.body.events.map((e: { messageId: string }) => e.messageId)).toEqual(['j3', 'j2', 'j1']);
    expect(exported.body.history).toEqual({ merges: [], splits: [] });
  });

  for (const live of [false, true]) {
    it(`erases a person, keeps a tombstone, and turns their identifiers away (${live ? 'live' : 'rebuilt'} identity)`, async () => {
      const { panorama, store, call, admin, operator, settle, janeId } = await started(live);
      await ensureJourneyEvents(store, 'default');
      const journeyRows = `SELECT count(*) AS n FROM journey_events WHERE profile_id = '${janeId}'`;
      expect(await count(store, journeyRows)).toBe(3);
      expect((await call('POST', `/api/v1/profiles/${janeId}/erase`, operator, { reason: 'x' })).status).toBe(
        403,
      );
      const erased = await call('POST', `/api/v1/profiles/${janeId}/erase`, admin, {
        reason: 'RGPD article 17',
      });
      expect(erased.status).toBe(200);
      expect(erased.body.erasure).toMatchObject({
        profileId: janeId,
        by: 'api-key:dpo',
        identifiers: 4,
        events: 3,
      });

      expect(
        await count(store, `SELECT count(*) AS n FROM events WHERE message_id IN ('j1', 'j2', 'j3')`),
      ).toBe(0);
      expect(await count(store, `SELECT count(*) AS n FROM events WHERE message_id = 'p1'`)).toBe(1);
      expect(
        await count(store, `SELECT count(*) AS n FROM identity_links WHERE id_value LIKE '%jane%'`),
      ).toBe(0);
      expect(await count(store, `SELECT count(*) AS n FROM refused_events WHERE payload LIKE '%jane%'`)).toBe(
        0,
      );
      expect(
        await count(store, `SELECT count(*) AS n FROM profile_traits WHERE profile_id = '${janeId}'`),
      ).toBe(0);
      expect(await count(store, journeyRows)).toBe(0);
      // The tombstone and the suppression list hold nothing readable about her.
      const kept = JSON.stringify(await store.query('SELECT * FROM erasures, suppressed_identifiers'));
      expect(kept).not.toMatch(/jane|cust-1|anon-1|612345679/i);
      expect((await call('GET', '/api/v1/erasures', admin)).body.erasures).toHaveLength(1);
      expect((await call('GET', `/api/v1/profiles/${janeId}`, operator)).status).toBe(404);

      // She comes back through a page view and a CRM import naming her e-mail: nothing is stored.
      const back = await post(panorama, '/v1/batch', {
        batch: [
          { type: 'page', anonymousId: 'anon-1', timestamp: at(9), messageId: 'j9' },
          {
            type: 'identify',
            anonymousId: 'crm-77',
            traits: { email: 'Jane.Doe@Maison.fr' },
            timestamp: at(9),
            messageId: 'j10',
          },
          {
            type: 'identify',
            userId: 'cust-3',
            traits: { email: 'léa@maison.fr' },
            timestamp: at(9),
            messageId: 'l1',
          },
        ],
      });
      expect(back.status).toBe(200);
      await settle();
      expect(await count(store, `SELECT count(*) AS n FROM events WHERE message_id IN ('j9', 'j10')`)).toBe(
        0,
      );
      expect(await count(store, `SELECT count(*) AS n FROM events WHERE message_id = 'l1'`)).toBe(1);
      const lookup = await call(
        'GET',
        '/api/v1/profiles/lookup?identifier=email:jane.doe@maison.fr',
        operator,
      );
      expect(lookup.status).toBe(404);
      expect((await call('GET', '/api/v1/profiles/lookup?identifier=user_id:cust-2', operator)).status).toBe(
        200,
      );
    });
  }
});
