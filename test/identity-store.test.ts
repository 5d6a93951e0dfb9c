import { afterEach, describe, expect, it } from 'vitest';
import { createSource } from '../src/collect/source-directory.ts';
import { readSettings } from '../src/config.ts';
import type { IdentityService } from '../src/identity/service.ts';
import { mergeRow, profileRows, rebuildIdentity } from '../src/identity/store/index.ts';
import { buildApp } from '../src/server/app.ts';
import { openDuckDBStore } from '../src/store/duckdb/duckdb-store.ts';
import type { Store } from '../src/store/port.ts';
import type { IdentityImage } from '../src/store/types.ts';
import { aroundAppend, failingAppends } from './support/faulty-store.ts';
import {
  identityOf,
  post,
  type RunningPanorama,
  startPanorama,
  temporaryDataDir,
} from './support/panorama.ts';

const running: { stop: () => Promise<void> }[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) await r.stop();
});

async function started(options: Parameters<typeof startPanorama>[0] = {}): Promise<RunningPanorama> {
  const panorama = await startPanorama({ ...options, settings: { liveIdentity: true, ...options.settings } });
  running.push(panorama);
  return panorama;
}

const at = (hour: number, minute = 0) => new Date(Date.UTC(2026, 2, 3, hour, minute)).toISOString();

/** Arrival order: the 10:00 identify first, then earlier and later events that join it. */
const story = [
  [
    {
      type: 'identify',
      userId: 'u1',
      anonymousId: 'a1',
      traits: { email: 'Jane@Maison.fr' },
      timestamp: at(10),
      messageId: 's1',
    },
  ],
  [
    {
      type: 'track',
      event: 'Viewed',
      anonymousId: 'a2',
      properties: { email: 'jane@maison.fr ' },
      timestamp: at(9),
      messageId: 's2',
    },
  ],
  [
    { type: 'page', anonymousId: 'a3', timestamp: at(11), messageId: 's3' },
    {
      type: 'identify',
      anonymousId: 'a3',
      traits: { phone: '06 12 34 56 79' },
      timestamp: at(11, 5),
      messageId: 's4',
    },
  ],
  [{ type: 'track', event: 'Bought', anonymousId: 'a3', userId: 'u1', timestamp: at(12), messageId: 's5' }],
  [
    {
      type: 'identify',
      userId: 'u2',
      traits: { email: 'jane@maison.fr' },
      timestamp: at(13),
      messageId: 's6',
    },
  ],
  [{ type: 'page', anonymousId: 'a2', timestamp: at(8), messageId: 's7' }],
];

async function sendInOrder(panorama: RunningPanorama, batches: readonly unknown[][]): Promise<void> {
  for (const batch of batches) expect((await post(panorama, '/v1/batch', { batch })).status).toBe(200);
}

async function rebuilt(store: Store, workspaceId: string): Promise<IdentityImage> {
  await rebuildIdentity(store);
  return store.identity.read(workspaceId);
}

/** The graph's side of what the tables should hold (dropped identifiers aside). */
async function graphImage(store: Store, identity: IdentityService, workspaceId: string) {
  const graph = identity.graph(workspaceId);
  if (!graph) throw new Error(`no graph for ${workspaceId}`);
  const ids = await store.query<{ message_id: string }>(
    'SELECT DISTINCT message_id FROM events WHERE workspace_id = $w ORDER BY message_id',
    { w: workspaceId },
  );
  const profiles = graph.profiles().map(profileRows);
  return {
    profiles: profiles.map((p) => p.profile),
    links: profiles
      .flatMap((p) => p.links)
      .sort((a, b) => (a.idType + a.idValue < b.idType + b.idValue ? -1 : 1)),
    eventProfiles: ids.flatMap(({ message_id }) => {
      const profileId = graph.profileOfEvent(message_id);
      return profileId === null ? [] : [{ messageId: message_id, profileId }];
    }),
    merges: graph.merges().map(mergeRow),
  };
}

/** The store with some of its identity methods replaced (to inject failures). */
function withIdentity(real: Store, overrides: Partial<Store['identity']>): Store {
  const store = aroundAppend(real, (append, list, refusals) => append(list, refusals));
  const identity = real.identity;
  return {
    ...store,
    identity: {
      sourceEvents: (n) => identity.sourceEvents(n),
      read: (w) => identity.read(w),
      state: (w) => identity.state(w),
      splits: () => identity.splits(),
      replace: (w, image, s, splits) => identity.replace(w, image, s, splits),
      apply: (w, change) => identity.apply(w, change),
      ...overrides,
    },
  };
}

function withoutDropped({ dropped: _, ...image }: IdentityImage) {
  return image;
}

describe('identity tables kept in step with ingestion', () => {
  it('stitches events as they are stored, late ones included, exactly as a full rebuild does', async () => {
    const panorama = await started();
    const workspace = panorama.settings.workspaceId;
    await sendInOrder(panorama, story);
    await identityOf(panorama).idle();

    const live = await panorama.store.identity.read(workspace);
    expect(live.profiles).toHaveLength(2);
    const jane = live.links.find((l) => l.idType === 'user_id' && l.idValue === 'u1')?.profileId;
    expect(
      live.links
        .filter((l) => l.profileId === jane)
        .map((l) => `${l.idType}:${l.idValue}`)
        .sort(),
    ).toEqual([
      'anonymous_id:a1',
      'anonymous_id:a2',
      'anonymous_id:a3',
      'email:jane@maison.fr',
      'phone:+33612345679',
      'user_id:u1',
    ]);
    expect(live.eventProfiles.filter((e) => e.profileId === jane).map((e) => e.messageId)).toEqual([
      's1',
      's2',
      's3',
      's4',
      's5',
      's7',
    ]);
    expect(live.merges.length).toBeGreaterThanOrEqual(1);
    expect(live.dropped).toEqual([
      expect.objectContaining({
        messageId: 's6',
        idType: 'email',
        reason: { rule: 'limit', type: 'user_id', max: 1 },
      }),
    ]);
    expect(withoutDropped(live)).toEqual(await graphImage(panorama.store, identityOf(panorama), workspace));

    expect(await rebuilt(panorama.store, workspace)).toEqual(live);
  });

  it('writes an operator’s split, which the rebuild then honours', async () => {
    const panorama = await started();
    const workspace = panorama.settings.workspaceId;
    await sendInOrder(panorama, story);
    await identityOf(panorama).idle();
    const before = await panorama.store.identity.read(workspace);
    const merge = before.merges.at(-1);
    if (!merge) throw new Error('the story merges profiles');

    const split = await identityOf(panorama).split(workspace, merge.mergeId, { by: 'ops', reason: 'test' });
    expect(split.ok).toBe(true);
    const after = await panorama.store.identity.read(workspace);
    expect(after.profiles.length).toBeGreaterThan(before.profiles.length);
    expect(after.merges.map((m) => m.mergeId)).not.toContain(merge.mergeId);
    expect(withoutDropped(after)).toEqual(await graphImage(panorama.store, identityOf(panorama), workspace));
    expect(await panorama.store.identity.splits()).toEqual([
      expect.objectContaining({ workspaceId: workspace, mergeId: merge.mergeId, by: 'ops', reason: 'test' }),
    ]);
    expect(await rebuilt(panorama.store, workspace)).toEqual(after);
  });

  it.each([7, 11])(
    'gives the rebuild’s tables whatever the arrival order and the batching (seed %i)',
    async (seed) => {
      const panorama = await started({ settings: { maxEventsPerWrite: 40 } });
      const workspace = panorama.settings.workspaceId;
      const next = random(seed);
      const pick = (prefix: string, n: number) => `${prefix}${Math.floor(next() * n)}`;
      const events = Array.from({ length: 400 }, (_, i) => {
        const traits: Record<string, string> = {};
        if (next() < 0.3) traits.email = `${pick('p', 25)}@maison.fr`;
        if (next() < 0.15) traits.phone = `06 12 34 ${String(10 + Math.floor(next() * 20))} 77`;
        return {
          type: next() < 0.5 ? 'identify' : 'track',
          event: 'Tick',
          anonymousId: pick('anon-', 120),
          ...(next() < 0.25 ? { userId: pick('user-', 30) } : {}),
          traits,
          timestamp: new Date(Date.UTC(2026, 0, 1) + Math.floor(next() * 30 * 86_400_000)).toISOString(),
          messageId: `r${i}`,
        };
      });
      const batches: unknown[][] = [];
      for (let i = 0; i < events.length; ) {
        const size = 1 + Math.floor(next() * 30);
        batches.push(events.slice(i, i + size));
        i += size;
      }
      // Four senders at once: writes group and overlap, and most events arrive out of time order.
      const lanes = [0, 1, 2, 3].map(async (lane) => {
        for (let b = lane; b < batches.length; b += 4)
          expect((await post(panorama, '/v1/batch', { batch: batches[b] })).status).toBe(200);
      });
      await Promise.all(lanes);
      await identityOf(panorama).idle();

      const live = await panorama.store.identity.read(workspace);
      expect(live.merges.length).toBeGreaterThan(5);
      expect(live.dropped.length).toBeGreaterThan(0);
      expect(live.eventProfiles).toHaveLength(400);
      expect(withoutDropped(live)).toEqual(await graphImage(panorama.store, identityOf(panorama), workspace));
      expect(await rebuilt(panorama.store, workspace)).toEqual(live);
    },
  );
});

describe('identity after a restart', () => {
  it('builds the graph the tables hold, and catches up with events stored without it', async () => {
    const data = temporaryDataDir();
    const settings = readSettings({}, { dataDir: data.dir, port: 0, liveIdentity: true });
    try {
      let store = await openDuckDBStore(data.dir);
      const source = await createSource(store, settings.workspaceId, 'site-web', 'web');
      let panorama = await buildApp(store, settings);
      const url = await panorama.app.listen({ port: 0, host: '127.0.0.1' });
      await sendInOrder({ ...panorama, url, source, settings, stop: async () => {} }, story);
      await identityOf(panorama).idle();
      const [merge] = (await store.identity.read(settings.workspaceId)).merges;
      expect(
        await identityOf(panorama).split(settings.workspaceId, merge?.mergeId as string, { by: 'ops' }),
      ).toMatchObject({ ok: true });
      await panorama.app.close();
      const before = await store.identity.read(settings.workspaceId);
      // Stored without the service (as an import run while the server is down would).
      await store.events.append([
        storedEvent(settings.workspaceId, source.id, 's8', { userId: 'u1', anonymousId: 'a9' }),
      ]);
      await store.close();

      store = await openDuckDBStore(data.dir);
      panorama = await buildApp(store, settings);
      await identityOf(panorama).idle();
      expect(identityOf(panorama).graph(settings.workspaceId)?.splits()).toHaveLength(1);
      const after = await store.identity.read(settings.workspaceId);
      expect(after.eventProfiles).toHaveLength(before.eventProfiles.length + 1);
      expect(after.links.map((l) => l.idValue)).toContain('a9');
      expect(withoutDropped(after)).toEqual(
        await graphImage(store, identityOf(panorama), settings.workspaceId),
      );
      expect(await rebuilt(store, settings.workspaceId)).toEqual(after);
      await panorama.app.close();
      await store.close();
    } finally {
      data.remove();
    }
  });
});

describe('identity tables that could not be rebuilt at start', () => {
  it('rewrites them, with an operator’s split, at the next change', async () => {
    const data = temporaryDataDir();
    const settings = readSettings({}, { dataDir: data.dir, port: 0, liveIdentity: true });
    try {
      let store = await openDuckDBStore(data.dir);
      const source = await createSource(store, settings.workspaceId, 'site-web', 'web');
      await store.events.append(
        [{ anonymousId: 'a0' }, { userId: 'u1', anonymousId: 'a1' }, { userId: 'u1', anonymousId: 'a0' }].map(
          (ids, i) => storedEvent(settings.workspaceId, source.id, `x${i}`, ids),
        ),
      );
      await store.close();

      store = await openDuckDBStore(data.dir);
      const failures = { left: 1 };
      const faulty = withIdentity(store, {
        replace: async (w, image, state, splits) => {
          if (failures.left-- > 0) throw new Error('IO Error: disk full (injected)');
          return store.identity.replace(w, image, state, splits);
        },
      });
      const panorama = await buildApp(faulty, settings);
      await identityOf(panorama).idle();
      expect((await store.identity.read(settings.workspaceId)).profiles).toEqual([]);
      const [merge] = identityOf(panorama).graph(settings.workspaceId)?.merges() ?? [];
      expect(
        await identityOf(panorama).split(settings.workspaceId, merge?.id as string, { by: 'ops' }),
      ).toMatchObject({ ok: true });
      const after = await store.identity.read(settings.workspaceId);
      expect(after.profiles).toHaveLength(2);
      expect(await store.identity.splits()).toHaveLength(1);
      expect(await rebuilt(store, settings.workspaceId)).toEqual(after);
      await panorama.app.close();
      await store.close();
    } finally {
      data.remove();
    }
  });
});

describe('the writer tells identity only what it committed', () => {
  it('stores no identity rows for a write that failed', async () => {
    const state = { failures: 1 };
    const panorama = await started({ store: (s) => failingAppends(s, state) });
    const workspace = panorama.settings.workspaceId;
    const failed = await post(panorama, '/v1/identify', { userId: 'lost', messageId: 'f1' });
    expect(failed.status).toBe(503);
    await identityOf(panorama).idle();
    expect(await panorama.store.identity.read(workspace)).toEqual({
      profiles: [],
      links: [],
      eventProfiles: [],
      merges: [],
      dropped: [],
    });
    expect((await post(panorama, '/v1/identify', { userId: 'kept', messageId: 'f2' })).status).toBe(200);
    await identityOf(panorama).idle();
    const image = await panorama.store.identity.read(workspace);
    expect(image.links.map((l) => l.idValue)).toEqual(['kept']);
    expect(image.eventProfiles.map((e) => e.messageId)).toEqual(['f2']);
  });

  it('keeps acknowledging events while the identity tables cannot be written, then catches up', async () => {
    const failures = { left: 2 };
    const panorama = await started({
      store: (real) =>
        withIdentity(real, {
          apply: async (w, change) => {
            if (failures.left-- > 0) throw new Error('IO Error: disk full (injected)');
            return real.identity.apply(w, change);
          },
        }),
    });
    const workspace = panorama.settings.workspaceId;
    const rowsAfterEachBatch: number[] = [];
    for (const batch of story) {
      expect((await post(panorama, '/v1/batch', { batch })).status).toBe(200);
      await identityOf(panorama).idle();
      rowsAfterEachBatch.push((await panorama.store.identity.read(workspace)).eventProfiles.length);
    }
    // The first two writes failed; the third wrote what they lacked too.
    expect(rowsAfterEachBatch).toEqual([0, 0, 4, 5, 6, 7]);
    expect(await panorama.store.identity.read(workspace)).toEqual(await rebuilt(panorama.store, workspace));
  });
});

function storedEvent(
  workspaceId: string,
  sourceId: string,
  messageId: string,
  ids: { userId?: string; anonymousId?: string },
) {
  const now = new Date(Date.UTC(2026, 2, 3, 14));
  return {
    workspaceId,
    sourceId,
    channel: 'web' as const,
    messageId,
    type: 'identify' as const,
    name: null,
    userId: ids.userId ?? null,
    anonymousId: ids.anonymousId ?? null,
    groupId: null,
    previousId: null,
    timestamp: now,
    originalTimestamp: null,
    sentAt: null,
    receivedAt: now,
    timestampClamped: false,
    origin: 'import' as const,
    properties: null,
    traits: null,
    context: null,
    integrations: null,
    ip: null,
    userAgent: null,
    locale: null,
    consent: null,
    campaign: null,
    libraryName: null,
    libraryVersion: null,
  };
}

/** mulberry32: a small seeded generator, so a failing order can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
