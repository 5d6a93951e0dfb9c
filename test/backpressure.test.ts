import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aroundAppend } from './support/faulty-store.ts';
import { post, type RunningPanorama, startPanorama } from './support/panorama.ts';

describe('under overload', () => {
  let open: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  let panorama: RunningPanorama;
  beforeAll(async () => {
    panorama = await startPanorama({
      settings: { maxPendingEvents: 10 },
      store: (store) =>
        aroundAppend(store, async (real, events, refusals) => {
          await gate; // the disk is slow
          return real(events, refusals);
        }),
    });
  });
  afterAll(async () => panorama.stop());

  it('answers 429 with Retry-After instead of buffering without bound, and keeps what it acknowledged', async () => {
    const batch = (lane: number) => ({
      batch: Array.from({ length: 8 }, (_, i) => ({
        type: 'track',
        userId: 'u',
        event: 'E',
        messageId: `bp-${lane}-${i}`,
      })),
    });
    const inFlight = [0, 1, 2].map((lane) => post(panorama, '/v1/batch', batch(lane)));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const refused = await post(panorama, '/v1/batch', batch(3));
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(refused.body).toMatchObject({ success: false, error: { code: 'collect.overloaded' } });
    open();
    const answers = await Promise.all(inFlight);
    const acknowledged = answers.filter((a) => a.status === 200).length;
    expect(acknowledged).toBeGreaterThanOrEqual(1);
    expect(await panorama.store.events.count()).toBe(acknowledged * 8);
  });
});
