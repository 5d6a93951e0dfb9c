import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/access/api-keys.ts';
import { createSource } from '../src/collect/source-directory.ts';
import { readSettings, type Settings } from '../src/config.ts';
import { PanoramaError } from '../src/errors.ts';
import { rebuildIdentity } from '../src/identity/store/index.ts';
import { refreshAllProfiles, storeViews } from '../src/profiles/index.ts';
import { buildApp, type Panorama } from '../src/server/app.ts';
import { databaseFileName, openDuckDBStore } from '../src/store/duckdb/duckdb-store.ts';
import { openLmdbViewCache } from '../src/store/lmdb/view-cache.ts';
import type { Store } from '../src/store/port.ts';
import { viewCacheDirName } from '../src/store/view-cache.ts';
import { runPanorama, spawnServer } from './support/cli.ts';
import { temporaryDataDir } from './support/panorama.ts';

// The customer API served from the view cache (LMDB) must answer what DuckDB answers, whatever
// changed the data: operators' merges and splits, live stitching, a valuation, an erasure, a
// command run while the server was stopped, a crash.

const cleanUps: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanUp of cleanUps.splice(0).reverse()) await cleanUp();
});

const at = (day: number, hour = 10) => new Date(Date.UTC(2026, 2, day, hour)).toISOString();
const jane = [
  { type: 'page', name: 'Accueil', anonymousId: 'anon-1', timestamp: at(1), messageId: 'j1' },
  {
    type: 'identify',
    userId: 'cust-1',
    anonymousId: 'anon-1',
    traits: { email: 'Jane.Doe@Maison.fr', firstName: 'Jane', city: 'Lyon' },
    context: { consent: { categoryPreferences: { marketing: true } } },
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
/** Jane's work e-mail, which stitching keeps apart until an operator merges it. */
const janeAtWork = [
  {
    type: 'identify',
    anonymousId: 'pro-7',
    traits: { email: 'j.doe@entreprise.fr', company: 'Entreprise SA' },
    timestamp: at(4),
    messageId: 'w1',
  },
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

interface Served {
  panorama: Panorama;
  url: string;
  /** The DuckDB store under the cache, read directly for what it would answer. */
  engine: Store;
  /** Customer reads that reached DuckDB (`profiles.get`). */
  reads: { get: number };
  stop: () => Promise<void>;
}

/** A real server on loopback over `dir`, its store's customer reads counted. */
async function serve(dir: string, settings: Partial<Settings> = {}): Promise<Served> {
  const engine = await openDuckDBStore(dir);
  const reads = { get: 0 };
  const profiles = new Proxy(engine.profiles, {
    get(target, key) {
      const value = Reflect.get(target, key, target);
      if (typeof value !== 'function') return value;
      if (key === 'get') reads.get += 1;
      return value.bind(target);
    },
  });
  const counted = new Proxy(engine, {
    get: (target, key) => (key === 'profiles' ? profiles : Reflect.get(target, key, target)),
  });
  const panorama = await buildApp(counted, readSettings({}, { dataDir: dir, port: 0, ...settings }));
  const url = await panorama.app.listen({ port: 0, host: '127.0.0.1' });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await panorama.app.close();
    await engine.close();
  };
  cleanUps.push(stop);
  return { panorama, url, engine, reads, stop };
}

function dataDir(): string {
  const data = temporaryDataDir();
  cleanUps.push(data.remove);
  return data.dir;
}

async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > 30_000) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const warm = (served: Served) => until(() => served.panorama.viewCache?.state === 'ready', 'a warm cache');

/** Stores events through the collection API, with a new source of the given name. */
async function send(served: Served, source: string, batch: unknown[]): Promise<void> {
  const { writeKey } = await createSource(served.engine, 'default', source, 'web');
  const response = await fetch(`${served.url}/v1/batch`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`,
    },
    body: JSON.stringify({ batch }),
  });
  expect(response.status).toBe(200);
  await served.panorama.writer.flush();
}

/** Jane (two profiles) and Paul, stitched by a rebuild, and keys to ask with. */
async function withCustomers(served: Served) {
  await send(served, 'site-web', [...jane, ...paul]);
  await send(served, 'newsletter-pro', janeAtWork);
  if (served.panorama.identity) await served.panorama.identity.idle();
  else {
    await rebuildIdentity(served.panorama.store);
    await refreshAllProfiles(served.panorama.store);
  }
  return keys(served);
}

async function keys(served: Served) {
  const viewer = (await createApiKey(served.engine, 'default', `viewer-${Math.random()}`, 'viewer')).secret;
  const operator = (await createApiKey(served.engine, 'default', `op-${Math.random()}`, 'operator')).secret;
  const admin = (await createApiKey(served.engine, 'default', `admin-${Math.random()}`, 'admin')).secret;
  return { viewer, operator, admin };
}

async function call(served: Served, path: string, secret: string, method = 'GET', body?: unknown) {
  const response = await fetch(`${served.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${secret}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  // biome-ignore lint/suspicious/noExplicitAny: the assertions check the answer's shape
  return { status: response.status, text, body: JSON.parse(text) as Record<string, any> };
}

const lookupPath = (identifier: string) =>
  `/api/v1/profiles/lookup?identifier=${encodeURIComponent(identifier)}`;

/** Asks the API by identifier and checks it answers exactly what DuckDB holds now. */
async function lookUp(served: Served, secret: string, identifier: string) {
  const answer = await call(served, lookupPath(identifier), secret);
  expect(answer).toMatchObject(
    await fromStore(served, () => storeViews(served.engine).find('default', identifier)),
  );
  return answer;
}

async function profile(served: Served, secret: string, profileId: string) {
  const answer = await call(served, `/api/v1/profiles/${profileId}`, secret);
  expect(answer).toMatchObject(
    await fromStore(served, () => storeViews(served.engine).view('default', profileId)),
  );
  return answer;
}

async function fromStore(_served: Served, read: () => Promise<unknown>) {
  try {
    return { status: 200, body: JSON.parse(JSON.stringify(await read())) };
  } catch (error) {
    if (error instanceof PanoramaError) return { status: error.status };
    throw error;
  }
}

describe('the customer view cache', () => {
  it('answers byte for byte what the store answers, without a query once warm', async () => {
    const dir = dataDir();
    const cold = await serve(dir, { viewCache: false });
    const { viewer } = await withCustomers(cold);
    const paths = ['email:jane.doe@maison.fr', 'user_id:cust-2', 'email:j.doe@entreprise.fr'].map(lookupPath);
    const janeId = (await call(cold, paths[0] as string, viewer)).body.id as string;
    paths.push(`/api/v1/profiles/${janeId}`);
    const answers = [];
    for (const path of paths) answers.push((await call(cold, path, viewer)).text);
    await cold.stop();

    const served = await serve(dir);
    await warm(served);
    served.reads.get = 0;
    for (const [n, path] of paths.entries()) {
      expect((await call(served, path, viewer)).text).toBe(answers[n]);
      expect((await call(served, path, viewer)).text).toBe(answers[n]);
    }
    expect(served.reads.get).toBe(0);
    expect((await call(served, lookupPath('email:nobody@maison.fr'), viewer)).status).toBe(404);
    expect((await call(served, '/api/v1/profiles/prof_nobody', viewer)).status).toBe(404);
  });

  it('follows an operator’s merge and its split', async () => {
    const served = await serve(dataDir());
    const { viewer, operator } = await withCustomers(served);
    await warm(served);
    const personal = (await lookUp(served, viewer, 'email:jane.doe@maison.fr')).body.id;
    const work = (await lookUp(served, viewer, 'email:j.doe@entreprise.fr')).body.id;
    await profile(served, viewer, work);

    const merged = await call(served, '/api/v1/profiles/merge', operator, 'POST', {
      profiles: [personal, work],
      reason: 'même personne',
    });
    expect(merged.body.merged).toBe(true);
    expect((await lookUp(served, viewer, 'email:j.doe@entreprise.fr')).body.id).toBe(personal);
    expect((await profile(served, viewer, work)).status).toBe(404);
    expect((await profile(served, viewer, personal)).body.identities).toHaveLength(5);

    const split = await call(served, `/api/v1/merges/${merged.body.mergeId}/split`, operator, 'POST', {});
    expect(split.status).toBe(200);
    expect((await lookUp(served, viewer, 'email:j.doe@entreprise.fr')).body.id).not.toBe(personal);
    expect((await lookUp(served, viewer, 'email:jane.doe@maison.fr')).body.identities).toHaveLength(3);
    await profile(served, viewer, personal);
  });

  it('follows live stitching as events arrive', async () => {
    const served = await serve(dataDir(), { liveIdentity: true });
    const { viewer } = await withCustomers(served);
    await warm(served);
    expect((await lookUp(served, viewer, 'user_id:cust-1')).body.traits.city.value).toBe('Lyon');
    await send(served, 'crm', [
      {
        type: 'identify',
        userId: 'cust-1',
        traits: { city: 'Villeurbanne', phone: '06 12 34 56 79' },
        timestamp: at(9),
        messageId: 'j9',
      },
    ]);
    await served.panorama.identity?.idle();
    const moved = await lookUp(served, viewer, 'user_id:cust-1');
    expect(moved.body.traits.city.value).toBe('Villeurbanne');
    expect((await lookUp(served, viewer, 'phone:06 12 34 56 79')).body.id).toBe(moved.body.id);
  });

  it('shows a new valuation at once, and after its values are kept', async () => {
    const served = await serve(dataDir());
    const orders = Array.from({ length: 60 }, (_, c) =>
      Array.from({ length: 1 + (c % 4) }, (_, v) => ({
        type: 'track',
        event: 'Order Completed',
        userId: `cust-${c}`,
        properties: { revenue: 20 + ((c * 7 + v * 3) % 40) },
        timestamp: new Date(Date.UTC(2026, 0, 1 + (c % 20) + v * 9)).toISOString(),
        messageId: `order-${c}-${v}`,
      })),
    ).flat();
    await send(served, 'boutique', orders);
    await rebuildIdentity(served.panorama.store);
    await refreshAllProfiles(served.panorama.store);
    const { viewer, operator } = await keys(served);
    await warm(served);
    expect((await lookUp(served, viewer, 'user_id:cust-3')).body.value).toBeNull();

    expect((await call(served, '/api/v1/value/refresh', operator, 'POST')).status).toBe(200);
    const valued = await lookUp(served, viewer, 'user_id:cust-3');
    expect(valued.body.value).toMatchObject({ rfmSegment: expect.any(String) });
    await warm(served);
    served.reads.get = 0;
    expect(await lookUp(served, viewer, 'user_id:cust-3')).toEqual(valued);
    await lookUp(served, viewer, 'user_id:cust-7');
    expect(served.reads.get).toBe(0);
  });

  it('forgets an erased person: view, look-ups and value', async () => {
    const dir = dataDir();
    const served = await serve(dir);
    const { viewer, admin } = await withCustomers(served);
    await warm(served);
    const janeView = (await lookUp(served, viewer, 'email:jane.doe@maison.fr')).body;
    const erased = await call(served, `/api/v1/profiles/${janeView.id}/erase`, admin, 'POST', {
      reason: 'RGPD',
    });
    expect(erased.status).toBe(200);
    expect((await profile(served, viewer, janeView.id)).status).toBe(404);
    for (const { type, value } of janeView.identities)
      expect((await lookUp(served, viewer, `${type}:${value}`)).status).toBe(404);
    await lookUp(served, viewer, 'user_id:cust-2');
    await served.stop();

    const cache = openLmdbViewCache(join(dir, viewCacheDirName));
    try {
      expect(await cache.view('default', janeView.id)).toBeUndefined();
      expect(await cache.value('default', janeView.id)).toBeUndefined();
      for (const { type, value } of janeView.identities)
        expect(await cache.profileHolding('default', `${type}:${value}`)).toBeUndefined();
      expect(await cache.profileHolding('default', 'user_id:cust-2')).toBeDefined();
    } finally {
      await cache.close();
    }
  });

  it('keeps its views across a clean restart, and notices a command run meanwhile', async () => {
    const dir = dataDir();
    const first = await serve(dir);
    const { viewer } = await withCustomers(first);
    await warm(first);
    await lookUp(first, viewer, 'email:jane.doe@maison.fr');
    await first.stop();

    const again = await serve(dir);
    await warm(again);
    again.reads.get = 0;
    await lookUp(again, viewer, 'email:jane.doe@maison.fr');
    expect(again.reads.get).toBe(0);
    await again.stop();

    const erased = await runPanorama([
      'privacy',
      'erase',
      'email:jane.doe@maison.fr',
      '--reason',
      'RGPD',
      '--yes',
      '--data',
      dir,
    ]);
    expect(erased.code).toBe(0);
    const rebuilt = await runPanorama(['identity', 'rebuild', '--data', dir], {
      PANORAMA_TRAIT_SOURCES: 'firstName=newsletter-pro',
    });
    expect(rebuilt.code).toBe(0);
    const after = await serve(dir);
    expect((await lookUp(after, viewer, 'email:jane.doe@maison.fr')).status).toBe(404);
    await lookUp(after, viewer, 'user_id:cust-2');
    await warm(after);
    expect((await lookUp(after, viewer, 'email:jane.doe@maison.fr')).status).toBe(404);
    await lookUp(after, viewer, 'email:j.doe@entreprise.fr');
  });

  it('empties a cache whose server did not stop cleanly', async () => {
    const dir = dataDir();
    const first = await serve(dir);
    const { viewer } = await withCustomers(first);
    await first.stop();

    const { child, url } = await spawnServer(dir);
    try {
      await until(async () => {
        const health = (await (await fetch(`${url}/health`)).json()) as { viewCache: string };
        return health.viewCache === 'ready';
      }, 'the child server’s warm cache');
    } finally {
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    const cache = openLmdbViewCache(join(dir, viewCacheDirName));
    try {
      expect(await cache.count('default')).toBeGreaterThan(0);
      expect(await cache.note('default', 'stamp')).toBeUndefined();
    } finally {
      await cache.close();
    }
    // A write the crashed server had committed but not yet forgotten in the cache.
    const instance = await DuckDBInstance.create(join(dir, databaseFileName));
    const connection = await instance.connect();
    await connection.run(`UPDATE profile_traits SET value = '"Marseille"' WHERE trait = 'city'`);
    connection.closeSync();
    instance.closeSync();
    const after = await serve(dir);
    await warm(after);
    const janeView = await lookUp(after, viewer, 'email:jane.doe@maison.fr');
    expect(janeView.body.traits.city.value).toBe('Marseille');
  });

  it('can be turned off', async () => {
    const served = await serve(dataDir(), { viewCache: false });
    const { viewer } = await withCustomers(served);
    expect(served.panorama.viewCache).toBeUndefined();
    expect(((await (await fetch(`${served.url}/health`)).json()) as { viewCache: string }).viewCache).toBe(
      'off',
    );
    await lookUp(served, viewer, 'email:jane.doe@maison.fr');
    await lookUp(served, viewer, 'email:jane.doe@maison.fr');
    expect(served.reads.get).toBeGreaterThanOrEqual(2);
    expect(readSettings({ PANORAMA_VIEW_CACHE: 'off' }).viewCache).toBe(false);
    expect(readSettings({}).viewCache).toBe(true);
  });
});
