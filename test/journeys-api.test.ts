import { afterEach, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/access/api-keys.ts';
import { rebuildIdentity } from '../src/identity/store/index.ts';
import { post, type RunningPanorama, startPanorama } from './support/panorama.ts';

const running: RunningPanorama[] = [];
afterEach(async () => {
  for (const panorama of running.splice(0)) await panorama.stop();
});

const at = (day: number, minute: number) => new Date(Date.UTC(2026, 2, day, 10, minute)).toISOString();

/**
 * Three customers on the web source. ada views, adds and buys within the hour; bob views and adds,
 * never buys; cleo views twice, then buys two days later without adding (an order with no add).
 * Funnel view → add → buy, ordered, 14 days: entered 3, added 2 (ada, bob), bought 1 (ada).
 */
function journeys() {
  const track = (userId: string, event: string, timestamp: string, properties = {}) => ({
    type: 'track',
    userId,
    event,
    timestamp,
    properties,
    messageId: `${userId}-${event}-${timestamp}`,
  });
  return [
    track('ada', 'Product Viewed', at(2, 0)),
    track('ada', 'Product Added', at(2, 5)),
    track('ada', 'Order Completed', at(2, 20), { revenue: 80 }),
    track('bob', 'Product Viewed', at(3, 0)),
    track('bob', 'Product Added', at(3, 2)),
    track('cleo', 'Product Viewed', at(4, 0)),
    track('cleo', 'Product Viewed', at(4, 1)),
    track('cleo', 'Order Completed', at(6, 0), { revenue: 30 }),
  ];
}

const funnel = {
  steps: [{ action: 'product_viewed' }, { action: 'product_added' }, { action: 'order_completed' }],
  from: '2026-03-01',
  to: '2026-04-01',
};

describe('journeys over the JSON API', () => {
  it('runs a funnel from a definition in the body or in a shared link, on the stitched journeys', async () => {
    const panorama = await startPanorama();
    running.push(panorama);
    expect((await post(panorama, '/v1/batch', { batch: journeys() })).status).toBe(200);
    await rebuildIdentity(panorama.store);
    const viewer = (await createApiKey(panorama.store, 'default', 'analyste', 'viewer')).secret;
    const call = async (method: string, path: string, body?: unknown, secret: string | null = viewer) => {
      const response = await fetch(`${panorama.url}${path}`, {
        method,
        headers: {
          ...(secret ? { authorization: `Bearer ${secret}` } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      // biome-ignore lint/suspicious/noExplicitAny: the assertions check the answer's shape
      return { status: response.status, body: (await response.json()) as Record<string, any> };
    };

    expect((await call('POST', '/api/v1/journeys/funnel', funnel, null)).status).toBe(401);
    const answered = await call('POST', '/api/v1/journeys/funnel', funnel);
    expect(answered.status).toBe(200);
    expect(answered.body.definition).toEqual(funnel);
    const overall = answered.body.result.overall;
    expect(overall.entered).toBe(3);
    expect(overall.steps.map((s: { reached: number }) => s.reached)).toEqual([3, 2, 1]);
    // ada: 5 minutes from view to add, 15 from add to order.
    expect(overall.steps[2].timeFromEntry.medianMs).toBe(20 * 60_000);

    const shared = await call('GET', answered.body.link);
    expect(shared.status).toBe(200);
    expect(shared.body.result).toEqual(answered.body.result);

    const dropped = await call('POST', '/api/v1/journeys/funnel-drop-offs', { ...funnel, step: 2 });
    // bob: the only one who added and did not buy; reached step 2 at 10:02 on 3 March.
    expect(dropped.body.result.profiles).toHaveLength(1);
    expect(dropped.body.result.profiles[0].reachedAt).toBe(Date.parse(at(3, 2)));

    const paths = await call('POST', '/api/v1/journeys/paths', {
      from: '2026-03-01',
      to: '2026-04-01',
      dropOffs: { funnel, step: 2 },
    });
    expect(paths.status).toBe(200);
    expect(paths.body.result.edges).toEqual([
      expect.objectContaining({ source: '1_web:product_viewed', target: '2_web:product_added', count: 1 }),
    ]);

    const catalogue = await call('GET', '/api/v1/journeys/touchpoints');
    expect(catalogue.body.touchpoints).toContainEqual(
      expect.objectContaining({
        touchpoint: 'web:product_viewed',
        stage: 'consider',
        events: 4,
        profiles: 3,
      }),
    );
    expect(catalogue.body.stages.map((s: { stage: string }) => s.stage)).toContain('get_help');

    // The radar on two chosen periods: the report, its findings valued, and the link that repeats it.
    const periods = {
      before: { from: '2026-03-02', to: '2026-03-04' },
      after: { from: '2026-03-04', to: '2026-03-07' },
    };
    const shifts = await call('POST', '/api/v1/shifts', { periods });
    expect(shifts.status).toBe(200);
    expect(shifts.body.report.shifts).toEqual([]);
    expect(Array.isArray(shifts.body.report.findings)).toBe(true);
    expect((await call('GET', shifts.body.link)).body.report).toEqual(shifts.body.report);

    // A new order from bob is taken in at the next question: journeys are rebuilt when stale.
    const order = {
      type: 'track',
      userId: 'bob',
      event: 'Order Completed',
      timestamp: at(3, 30),
      messageId: 'bob-order',
    };
    expect((await post(panorama, '/v1/batch', { batch: [order] })).status).toBe(200);
    await rebuildIdentity(panorama.store);
    const again = await call('POST', '/api/v1/journeys/funnel', funnel);
    expect(again.body.result.overall.steps.map((s: { reached: number }) => s.reached)).toEqual([3, 2, 2]);
  });

  it('names what is wrong with a definition', async () => {
    const panorama = await startPanorama();
    running.push(panorama);
    const viewer = (await createApiKey(panorama.store, 'default', 'analyste', 'viewer')).secret;
    const ask = async (path: string, body: unknown) => {
      const response = await fetch(`${panorama.url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${viewer}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return {
        status: response.status,
        body: (await response.json()) as { error: { code: string; message: string } },
      };
    };
    const oneStep = await ask('/api/v1/journeys/funnel', { steps: [{ action: 'x' }] });
    expect(oneStep.status).toBe(400);
    expect(oneStep.body.error.code).toBe('journeys.invalid_definition');
    expect(oneStep.body.error.message).toMatch(/steps/);
    const byChannel = await ask('/api/v1/journeys/retention', { breakdown: 'channel' });
    expect(byChannel.body.error.message).toMatch(/breakdown by channel is for funnels/);
    const badRadar = await ask('/api/v1/shifts', { thresholds: { cramersV: 3 } });
    expect(badRadar.status).toBe(400);
    expect(badRadar.body.error.message).toMatch(/cramersV/);
    const badLink = await fetch(`${panorama.url}/api/v1/journeys/paths?definition=%7Bnope`, {
      headers: { authorization: `Bearer ${viewer}` },
    });
    expect(badLink.status).toBe(400);
  });
});
