import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { takeIn } from '../src/collect/intake.ts';
import { describeShift, resolveDemoOptions } from '../src/demo/index.ts';
import { rebuildIdentity } from '../src/identity/store/index.ts';
import {
  ensureJourneyEvents,
  type JourneyBuildProgress,
  journeyEventsOf,
  journeySource,
  type StoredJourneyInput,
} from '../src/journeys/sources/index.ts';
import { defaultTouchpointMapping } from '../src/journeys/touchpoints/index.ts';
import { openDuckDBStore } from '../src/store/duckdb/duckdb-store.ts';
import type { Store } from '../src/store/port.ts';
import type { Source } from '../src/store/types.ts';
import { storeDemoWithTruth } from './support/demo-store.ts';
import { temporaryDataDir } from './support/panorama.ts';

const options = resolveDemoOptions({ customers: 120, seed: 11, end: new Date('2026-11-01') });
const source = journeySource('duckdb', 'default');

/** A row as a comparable line: the same multiset of lines means the same rows. */
const line = (r: Record<string, unknown>) =>
  [
    r.profile_id,
    (r.ts as Date).getTime(),
    r.channel,
    r.action,
    r.touchpoint,
    r.stage,
    r.event,
    r.revenue,
  ].join('|');

describe('journey_events on the demo business', () => {
  const data = temporaryDataDir();
  let store: Store;
  let first: Awaited<ReturnType<typeof ensureJourneyEvents>>;
  const progress: JourneyBuildProgress[] = [];

  beforeAll(async () => {
    store = await openDuckDBStore(data.dir);
    await storeDemoWithTruth(store, options);
    await rebuildIdentity(store);
    first = await ensureJourneyEvents(store, 'default', defaultTouchpointMapping, (p) => progress.push(p));
  }, 180_000);

  afterAll(async () => {
    await store?.close();
    data.remove();
  });

  it('gives every stored event exactly one row, mapped as journeyEventsOf maps it', async () => {
    const events = await store.query<Record<string, unknown>>(
      `SELECT message_id, user_id, anonymous_id, timestamp, channel, type, name, properties::VARCHAR AS properties
       FROM events WHERE workspace_id = 'default'`,
    );
    const inputs: StoredJourneyInput[] = events.map((e) => ({
      messageId: String(e.message_id),
      userId: (e.user_id as string | null) ?? null,
      anonymousId: (e.anonymous_id as string | null) ?? null,
      timestamp: (e.timestamp as Date).getTime(),
      channel: String(e.channel),
      type: String(e.type),
      name: (e.name as string | null) ?? null,
      properties: e.properties === null ? null : JSON.parse(String(e.properties)),
    }));
    const image = await store.identity.read('default');
    const expected = journeyEventsOf(
      inputs,
      new Map(image.eventProfiles.map((e) => [e.messageId, e.profileId])),
      defaultTouchpointMapping,
    ).map((e) =>
      [e.profileId, e.ts, e.channel, e.action, e.touchpoint, e.stage, e.event, e.revenue].join('|'),
    );
    const rows = (await store.query<Record<string, unknown>>(source.sql, source.params)).map(line);
    expect(first).toMatchObject({ rebuilt: true, rows: events.length });
    expect(rows.length).toBe(events.length);
    expect(rows.sort()).toEqual(expected.sort());
    expect(progress.map((p) => p.step)).toEqual(['building', 'built']);
  });

  it("holds the stages the demo's shift moves, and every event with an identifier on a stitched profile", async () => {
    const stages = await store.query<{ stage: string }>(
      `SELECT DISTINCT stage FROM (${source.sql}) WHERE stage IS NOT NULL`,
      source.params,
    );
    const found = new Set(stages.map((s) => s.stage));
    for (const { stage } of describeShift(options).stages) expect(found, stage).toContain(stage);
    // Identity stitches every event that carries an identifier; the others (the employees' eNPS
    // answers, reviews whose author it dropped) each keep a trail of their own.
    const [fallbacks] = await store.query<{ user: number; anon: number; message: number }>(
      `SELECT count(*) FILTER (WHERE profile_id LIKE 'user:%') AS user,
        count(*) FILTER (WHERE profile_id LIKE 'anon:%') AS anon,
        count(*) FILTER (WHERE profile_id LIKE 'message:%') AS message FROM (${source.sql})`,
      source.params,
    );
    const [unplaced] = await store.query<{ n: number }>(
      `SELECT count(*) AS n FROM events e
       ANTI JOIN identity_event_profiles p ON p.workspace_id = e.workspace_id AND p.message_id = e.message_id
       WHERE e.workspace_id = 'default' AND e.user_id IS NULL AND e.anonymous_id IS NULL`,
    );
    expect(fallbacks).toEqual({ user: 0, anon: 0, message: unplaced?.n });
  });

  it("carries each order's revenue (else its total), summing to the events' own", async () => {
    const [stored] = await store.query<{ orders: number; revenue: number }>(
      `SELECT count(*) AS orders,
        sum(coalesce(TRY_CAST(properties ->> '$.revenue' AS DOUBLE), TRY_CAST(properties ->> '$.total' AS DOUBLE))) AS revenue
       FROM events WHERE workspace_id = 'default' AND name = 'Order Completed'`,
    );
    const [journeys] = await store.query<{ orders: number; revenue: number; carrying: number }>(
      `SELECT count(*) FILTER (WHERE action = 'order_completed') AS orders, sum(revenue) AS revenue,
        count(revenue) AS carrying FROM (${source.sql})`,
      source.params,
    );
    expect(stored?.orders).toBeGreaterThan(50);
    expect(journeys?.orders).toBe(stored?.orders);
    expect(journeys?.carrying).toBe(stored?.orders);
    expect(journeys?.revenue).toBeCloseTo(stored?.revenue ?? Number.NaN, 6);
  });

  it('rebuilds only once something it reads has changed', async () => {
    expect(await ensureJourneyEvents(store, 'default')).toEqual({ ...first, rebuilt: false });
    const site = (await store.sources.findByName('default', 'site-web')) as Source;
    const arrival = { source: site, receivedAt: new Date('2026-11-01T12:00:00Z'), origin: 'api' as const };
    const message = {
      type: 'page',
      name: 'Aide',
      anonymousId: 'new-visitor',
      timestamp: '2026-10-31T12:00:00Z',
    };
    await store.events.append(takeIn([message], undefined, arrival).events);
    const after = await ensureJourneyEvents(store, 'default');
    expect(after).toMatchObject({ rebuilt: true, rows: first.rows + 1 });
    const visitor = await store.query<{ profile_id: string; stage: string }>(
      `SELECT profile_id, stage FROM (${source.sql}) WHERE profile_id = 'anon:new-visitor'`,
      source.params,
    );
    expect(visitor).toEqual([{ profile_id: 'anon:new-visitor', stage: 'get_help' }]);
    // Once identity has stitched it, the event moves from its fallback trail to its profile.
    await rebuildIdentity(store);
    const [stitched, waiting] = await Promise.all([
      ensureJourneyEvents(store, 'default'),
      ensureJourneyEvents(store, 'default'),
    ]);
    expect(stitched).toMatchObject({ rebuilt: true, rows: first.rows + 1 });
    // Two calls at once take turns: the second finds the rows fresh.
    expect(waiting).toEqual({ ...stitched, rebuilt: false });
    const [moved] = await store.query<{ n: number }>(
      `SELECT count(*) AS n FROM (${source.sql}) WHERE profile_id = 'anon:new-visitor'`,
      source.params,
    );
    expect(moved?.n).toBe(0);
  });
});
