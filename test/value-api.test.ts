import { afterEach, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/access/api-keys.ts';
import { rebuildIdentity } from '../src/identity/store/index.ts';
import { refreshAllProfiles } from '../src/profiles/index.ts';
import { fitPurchaseModel, summariseTransactions, type Transaction } from '../src/value/index.ts';
import { post, type RunningPanorama, startPanorama } from './support/panorama.ts';

const running: RunningPanorama[] = [];
afterEach(async () => {
  for (const panorama of running.splice(0)) await panorama.stop();
});

/** 60 customers: a deterministic mix of one-time buyers, regulars and lapsed ones. */
function purchases(): Transaction[] {
  const list: Transaction[] = [];
  for (let c = 0; c < 60; c += 1) {
    const start = Date.UTC(2026, 0, 1 + (c % 20));
    const visits = c % 5 === 0 ? 1 : 1 + (c % 7);
    const gap = 5 + (c % 11) * 3;
    for (let v = 0; v < visits; v += 1) {
      const day = new Date(start + v * gap * 86_400_000);
      if (day.getTime() > Date.UTC(2026, 5, 30)) break;
      list.push({ customerId: `cust-${c}`, date: day.toISOString(), amount: 20 + ((c * 7 + v * 3) % 40) });
    }
  }
  return list;
}

describe('customer value on profiles and over the API', () => {
  it('values every customer from the stored purchases, on their profiles and ranked', async () => {
    const panorama = await startPanorama();
    running.push(panorama);
    const transactions = purchases();
    const batch = transactions.map((t, i) => ({
      type: 'track',
      event: 'Order Completed',
      userId: t.customerId,
      properties: { revenue: t.amount },
      timestamp: t.date,
      messageId: `order-${i}`,
    }));
    expect((await post(panorama, '/v1/batch', { batch })).status).toBe(200);
    await rebuildIdentity(panorama.store);
    await refreshAllProfiles(panorama.store);
    const viewer = (await createApiKey(panorama.store, 'default', 'analyste', 'viewer')).secret;
    const operator = (await createApiKey(panorama.store, 'default', 'marketing', 'operator')).secret;
    const call = async (method: string, path: string, secret = viewer) => {
      const response = await fetch(`${panorama.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${secret}` },
      });
      // biome-ignore lint/suspicious/noExplicitAny: the assertions check the answer's shape
      return { status: response.status, body: (await response.json()) as Record<string, any> };
    };
    expect((await call('GET', '/api/v1/value/summary')).body.error.code).toBe('value.not_computed');
    expect((await call('POST', '/api/v1/value/refresh')).status).toBe(403);
    const refreshed = await call('POST', '/api/v1/value/refresh', operator);
    expect(refreshed.status).toBe(200);

    // The same fit as the models on a summary computed in JavaScript from the same purchases.
    const asOf = refreshed.body.asOf as string;
    const summaries = summariseTransactions(transactions, { calibrationEnd: asOf, unit: 'week' });
    const expected = fitPurchaseModel('bg-nbd', summaries).fit;
    const model = (await call('GET', '/api/v1/value/model')).body;
    expect(model.purchaseModel.customers).toBe(60);
    expect(model.purchaseModel.logLikelihood).toBeCloseTo(expected.logLikelihood, 3);
    for (const [name, value] of Object.entries(expected.parameters as Record<string, number>))
      expect(Math.abs(model.purchaseModel.parameters[name] / value - 1)).toBeLessThan(0.01);
    expect(model.spendModel.parameters.p).toBeGreaterThan(0);

    const summary = (await call('GET', '/api/v1/value/summary')).body;
    expect(summary.customers).toBe(60);
    expect(Object.values(summary.segments as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(60);
    expect(summary.topTenPercentShare).toBeGreaterThan(0.1);
    expect(summary.convention).toMatch(/1 %|0\.01|month/);

    const ranked = (await call('GET', '/api/v1/value/customers?limit=10')).body;
    expect(ranked.total).toBe(60);
    const clvs = ranked.customers.map((c: { clv: number }) => c.clv);
    expect(clvs).toEqual([...clvs].sort((a, b) => b - a));
    expect(ranked.customers[0].valueTier).toBe(1);
    const equity = summary.equity as number;
    const all = (await call('GET', '/api/v1/value/customers?limit=1000')).body.customers;
    expect(all.reduce((sum: number, c: { clv: number }) => sum + c.clv, 0)).toBeCloseTo(equity, 6);
    const champions = (await call('GET', '/api/v1/value/customers?segment=champions')).body;
    expect(champions.customers.every((c: { rfmSegment: string }) => c.rfmSegment === 'champions')).toBe(true);

    // On the single customer view, next to the profile's own summary.
    const best = ranked.customers[0].profileId;
    const view = (await call('GET', `/api/v1/profiles/${best}`)).body;
    expect(view.value).toMatchObject({ asOf, valueTier: 1, clv: ranked.customers[0].clv });
    expect(view.value.probabilityAlive).toBeGreaterThan(0);
    expect(view.value.probabilityAlive).toBeLessThanOrEqual(1);
  });
});
