import { Analytics } from '@segment/analytics-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failingAppends } from './support/faulty-store.ts';
import { type RunningPanorama, startPanorama } from './support/panorama.ts';

describe('the real @segment/analytics-node client against Panorama', () => {
  const faults = { failures: 0 };
  const statuses: number[] = [];
  let panorama: RunningPanorama;
  beforeAll(async () => {
    panorama = await startPanorama({
      store: (store) => failingAppends(store, faults),
      onStatus: (status) => statuses.push(status),
    });
  });
  afterAll(async () => panorama.stop());

  it('retries after a 503 and every event is stored exactly once', async () => {
    faults.failures = 1;
    const analytics = new Analytics({ writeKey: panorama.source.writeKey, host: panorama.url, flushAt: 3 });
    analytics.identify({ userId: 'sdk-user', traits: { email: 'marie@example.fr', firstName: 'Marie' } });
    analytics.track({
      userId: 'sdk-user',
      event: 'Order Completed',
      properties: { revenue: 59.9, currency: 'EUR' },
    });
    analytics.page({ userId: 'sdk-user', name: 'Accueil', properties: { path: '/' } });
    await analytics.closeAndFlush({ timeout: 30_000 });

    expect(statuses).toEqual([503, 200]);
    const rows = await panorama.store.query<{ type: string; n: number; library_name: string }>(
      `SELECT type, count(*) AS n, any_value(library_name) AS library_name FROM events
       WHERE user_id = 'sdk-user' GROUP BY type ORDER BY type`,
    );
    expect(rows).toEqual([
      { type: 'identify', n: 1, library_name: '@segment/analytics-node' },
      { type: 'page', n: 1, library_name: '@segment/analytics-node' },
      { type: 'track', n: 1, library_name: '@segment/analytics-node' },
    ]);
  });
});
