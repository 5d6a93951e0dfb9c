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

/** Jane: browses anonymously, signs up, buys twice, opens a ticket, unsubscribes from e-mails. */
const jane = [
  { type: 'page', name: 'Accueil', anonymousId: 'anon-1', timestamp: at(1), messageId: 'j1' },
  {
    type: 'identify',
    userId: 'cust-1',
    anonymousId: 'anon-1',
    traits: { email: 'Jane.Doe@Maison.fr', firstName: 'Jane', lastName: 'Doe', city: 'Lyon' },
    context: { consent: { categoryPreferences: { marketing: true, analytics: true } } },
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
  {
    type: 'track',
    event: 'Order Completed',
    userId: 'cust-1',
    properties: { orderId: 'o2', revenue: 17.5 },
    timestamp: at(5),
    messageId: 'j4',
  },
  {
    type: 'identify',
    userId: 'cust-1',
    traits: { city: 'Villeurbanne', phone: '06 12 34 56 79' },
    timestamp: at(6),
    messageId: 'j5',
  },
];
const janeByEmail = [
  { type: 'track', event: 'Email Opened', anonymousId: 'mail-7', timestamp: at(1, 11), messageId: 'm0' },
  {
    type: 'track',
    event: 'Unsubscribed',
    anonymousId: 'mail-7',
    context: { traits: { email: 'jane.doe@maison.fr' } },
    timestamp: at(7),
    messageId: 'm1',
  },
];
const janeAtTheCallCentre = [
  {
    type: 'track',
    event: 'Ticket Opened',
    userId: 'cust-1',
    properties: { ticketId: 't1', status: 'open', subject: 'Colis en retard' },
    context: { traits: { city: 'Bron' } },
    timestamp: at(8),
    messageId: 'c1',
  },
  {
    type: 'track',
    event: 'Ticket Opened',
    userId: 'cust-1',
    properties: { ticketId: 't0', status: 'Fermé', subject: 'Facture' },
    timestamp: at(4),
    messageId: 'c0',
  },
];
const paul = [
  {
    type: 'identify',
    userId: 'cust-2',
    traits: { email: 'paul@martin-famille.fr', firstName: 'Paul', lastName: 'Martin' },
    timestamp: at(2),
    messageId: 'p1',
  },
];

async function withJane(live: boolean, traitSources: Record<string, string[]> = {}) {
  const panorama = await startPanorama({ settings: { liveIdentity: live, traitSources } });
  running.push(panorama);
  const { store, settings } = panorama;
  const newsletter = await createSource(store, settings.workspaceId, 'newsletter', 'email');
  const callCentre = await createSource(store, settings.workspaceId, 'service-client', 'call_centre');
  const send = async (writeKey: string, batch: unknown[]) => {
    const basic = `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`;
    const answer = await post(panorama, '/v1/batch', { batch }, { authorization: basic });
    expect(answer.status).toBe(200);
  };
  await send(panorama.source.writeKey, [...jane, ...paul]);
  await send(newsletter.writeKey, janeByEmail);
  await send(callCentre.writeKey, janeAtTheCallCentre);
  if (live) await identityOf(panorama).idle();
  else {
    await rebuildIdentity(store);
    await refreshAllProfiles(store, traitSources);
  }
  const viewer = (await createApiKey(store, settings.workspaceId, 'conseillere', 'viewer')).secret;
  const operator = (await createApiKey(store, settings.workspaceId, 'superviseur', 'operator')).secret;
  const get = async (path: string, secret = viewer) => {
    const response = await fetch(`${panorama.url}${path}`, {
      headers: { authorization: `Bearer ${secret}` },
    });
    // biome-ignore lint/suspicious/noExplicitAny: the assertions check the answer's shape
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };
  return { panorama, get, viewer, operator };
}

describe('the single customer view API', () => {
  it('finds a customer by any identifier, as typed, and shows everything known in one place', async () => {
    const { get } = await withJane(false);
    const found = await get(
      `/api/v1/profiles/lookup?identifier=${encodeURIComponent('email: JANE.DOE@maison.fr ')}`,
    );
    expect(found.status).toBe(200);
    const view = found.body;
    expect(
      view.identities.map((i: { type: string; value: string }) => `${i.type}:${i.value}`).sort(),
    ).toEqual([
      'anonymous_id:anon-1',
      'anonymous_id:mail-7',
      'email:jane.doe@maison.fr',
      'phone:+33612345679',
      'user_id:cust-1',
    ]);
    // Latest wins by default, with where and when it was said.
    expect(view.traits.city).toMatchObject({
      value: 'Bron',
      source: 'service-client',
      channel: 'call_centre',
    });
    expect(view.traits.lastName).toMatchObject({ value: 'Doe', source: 'site-web', observedAt: at(2) });
    expect(view.traits.firstName.value).toBe('Jane');
    // Marketing was granted everywhere, then withdrawn on e-mail.
    expect(view.consent.purposes.marketing).toMatchObject({ granted: true, source: 'site-web' });
    expect(view.consent.channels.email.marketing).toMatchObject({ granted: false, source: 'newsletter' });
    expect(view.summary).toMatchObject({
      events: 9,
      channels: ['call_centre', 'email', 'web'],
      orders: 2,
      revenue: 60,
      lastOrder: at(5),
      lastContact: at(8),
      lastContactChannel: 'call_centre',
      openTickets: 1,
    });

    const byPhone = await get(
      `/api/v1/profiles/lookup?identifier=${encodeURIComponent('phone:+33 6 12 34 56 79')}`,
    );
    expect(byPhone.body.id).toBe(view.id);
    const byId = await get(`/api/v1/profiles/${view.id}`);
    expect(byId.body).toEqual(view);
  });

  it('gives the same view whether identity is stitched live or rebuilt', async () => {
    const live = await withJane(true);
    const rebuilt = await withJane(false);
    const lookup = `/api/v1/profiles/lookup?identifier=user_id:cust-1`;
    const [a, b] = [(await live.get(lookup)).body, (await rebuilt.get(lookup)).body];
    expect(a.traits).toEqual(b.traits);
    expect(a.consent).toEqual(b.consent);
    expect(a.summary).toEqual(b.summary);
    expect(a.identities).toEqual(b.identities);
  });

  it('takes a trait from the sources the business trusts first, when told', async () => {
    for (const live of [false, true]) {
      const { get } = await withJane(live, { city: ['site-web'] });
      const view = (await get('/api/v1/profiles/lookup?identifier=user_id:cust-1')).body;
      expect(view.traits.city).toMatchObject({
        value: 'Villeurbanne',
        source: 'site-web',
        observedAt: at(6),
      });
    }
  });

  it('searches by the start of a name, an e-mail or a phone', async () => {
    const { get } = await withJane(false);
    const byName = await get('/api/v1/profiles?q=jan');
    expect(byName.body.profiles).toHaveLength(1);
    expect(byName.body.profiles[0]).toMatchObject({ name: 'Jane Doe', email: 'jane.doe@maison.fr' });
    expect((await get('/api/v1/profiles?q=PAUL@')).body.profiles[0].name).toBe('Paul Martin');
    expect((await get('/api/v1/profiles?q=%2B336123')).body.profiles[0].phone).toBe('+33612345679');
    expect((await get('/api/v1/profiles?q=zz')).body.profiles).toEqual([]);
    const tooShort = await get('/api/v1/profiles?q=j');
    expect(tooShort.status).toBe(400);
    expect(tooShort.body.error.code).toBe('profiles.invalid_query');
  });

  it('pages through the timeline of every channel, newest first, and filters it', async () => {
    const { get } = await withJane(false);
    const id = (await get('/api/v1/profiles/lookup?identifier=user_id:cust-1')).body.id;
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const page = await get(`/api/v1/profiles/${id}/timeline?limit=4${query}`);
      expect(page.status).toBe(200);
      expect(page.body.events.length).toBeLessThanOrEqual(4);
      seen.push(...page.body.events.map((e: { messageId: string }) => e.messageId));
      cursor = page.body.next;
    } while (cursor);
    expect(seen).toEqual(['c1', 'm1', 'j5', 'j4', 'c0', 'j3', 'j2', 'm0', 'j1']);

    const orders = await get(`/api/v1/profiles/${id}/timeline?event=Order%20Completed`);
    expect(orders.body.events.map((e: { messageId: string }) => e.messageId)).toEqual(['j4', 'j3']);
    const calls = await get(`/api/v1/profiles/${id}/timeline?channel=call_centre,email&type=track`);
    expect(calls.body.events.map((e: { messageId: string }) => e.messageId)).toEqual([
      'c1',
      'm1',
      'c0',
      'm0',
    ]);
    const bad = await get(`/api/v1/profiles/${id}/timeline?cursor=not-a-cursor`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/cursor/);
  });

  it('shows the merge history, and lets an operator (not a viewer) undo a merge', async () => {
    const { get, panorama, viewer, operator } = await withJane(false);
    const id = (await get('/api/v1/profiles/lookup?identifier=user_id:cust-1')).body.id;
    const history = await get(`/api/v1/profiles/${id}/merges`);
    expect(history.status).toBe(200);
    const byEmail = history.body.merges.find((m: { linkedBy: { type: string }[] }) =>
      m.linkedBy.some((l) => l.type === 'email'),
    );
    expect(byEmail).toBeDefined();

    const split = (secret: string, mergeId: string) =>
      fetch(`${panorama.url}/api/v1/merges/${mergeId}/split`, {
        method: 'POST',
        headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
        body: JSON.stringify({ reason: 'adresse e-mail partagée' }),
      });
    expect((await split(viewer, byEmail.mergeId)).status).toBe(403);
    const done = await split(operator, byEmail.mergeId);
    expect(done.status).toBe(200);
    const unknown = await split(operator, 'mrg_unknown');
    expect(unknown.status).toBe(404);

    const after = await get('/api/v1/profiles/lookup?identifier=user_id:cust-1');
    const types = after.body.identities.map((i: { type: string; value: string }) => `${i.type}:${i.value}`);
    expect(types).not.toContain('anonymous_id:mail-7');
    const history2 = await get(`/api/v1/profiles/${after.body.id}/merges`);
    expect(history2.body.merges.map((m: { mergeId: string }) => m.mergeId)).not.toContain(byEmail.mergeId);
    expect(history2.body.splits).toHaveLength(1);
    expect(history2.body.splits[0]).toMatchObject({
      mergeId: byEmail.mergeId,
      by: 'api-key:superviseur',
      reason: 'adresse e-mail partagée',
    });
  });

  it('answers 404 for an unknown customer or identifier and 400 for a malformed one', async () => {
    const { get } = await withJane(false);
    expect((await get('/api/v1/profiles/prof_nobody')).status).toBe(404);
    expect((await get('/api/v1/profiles/prof_nobody/timeline')).status).toBe(404);
    const unknown = await get('/api/v1/profiles/lookup?identifier=email:nobody@maison.fr');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('identity.unknown_identifier');
    const malformed = await get('/api/v1/profiles/lookup?identifier=jane');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toMatch(/type:value/);
    expect((await fetch(`${(running[0] as RunningPanorama).url}/api/v1/profiles/prof_x`)).status).toBe(401);
  });
});
