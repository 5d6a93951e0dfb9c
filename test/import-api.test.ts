import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/access/api-keys.ts';
import { createSource } from '../src/collect/source-directory.ts';
import { type RunningPanorama, startPanorama } from './support/panorama.ts';

let panorama: RunningPanorama;
let operator: string;
let viewer: string;

beforeAll(async () => {
  panorama = await startPanorama();
  await createSource(panorama.store, 'default', 'caisses', 'store');
  operator = (await createApiKey(panorama.store, 'default', 'ops', 'operator')).secret;
  viewer = (await createApiKey(panorama.store, 'default', 'read', 'viewer')).secret;
});
afterAll(async () => panorama.stop());

const orders = [
  'numero_commande;date_commande;carte_fidelite;email;montant_ttc',
  'T-1;14/03/2025 15:42;FID-001;;49,90',
  'T-2;15/03/2025 10:05;;marie@example.fr;12,00',
  'T-3;pas une date;FID-002;;5,00',
].join('\n');

async function upload(body: string, query: string, key = operator, type = 'text/csv') {
  const response = await fetch(`${panorama.url}/api/v1/sources/caisses/imports?${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': type },
    body,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('imports over the JSON API', () => {
  it('imports the body into the source while the server runs, and lists the refused lines', async () => {
    const answer = await upload(orders, 'kind=orders');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ read: 3, imported: 2, duplicates: 0, rejected: 1 });
    expect(answer.body.rejects).toEqual([{ line: 4, reason: expect.stringMatching(/pas une date/) }]);
    const rows = await panorama.store.query<{ n: number }>(
      "SELECT count(*)::INTEGER AS n FROM events WHERE name = 'Order Completed' AND origin = 'import'",
    );
    expect(rows[0]?.n).toBe(2);
  });

  it('imports nothing new the second time', async () => {
    expect((await upload(orders, 'kind=orders')).body).toMatchObject({ imported: 0, duplicates: 2 });
  });

  it('takes a mapping and JSON Lines', async () => {
    const lines = `${JSON.stringify({ ref: 'W-9', quand: '2025-04-01T10:00:00Z', client: 'u-9', total: 3 })}\n`;
    const mapping = encodeURIComponent(
      JSON.stringify({ orderId: 'ref', date: 'quand', customerId: 'client' }),
    );
    const answer = await upload(lines, `kind=orders&mapping=${mapping}`, operator, 'application/x-ndjson');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ imported: 1, mapping: { orderId: 'ref', date: 'quand' } });
  });

  it('needs an operator key, a known kind and a known source', async () => {
    expect((await upload(orders, 'kind=orders', viewer)).status).toBe(403);
    expect((await upload(orders, 'kind=invoices')).status).toBe(400);
    const unknown = await fetch(`${panorama.url}/api/v1/sources/nope/imports?kind=orders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${operator}`, 'content-type': 'text/csv' },
      body: orders,
    });
    expect(unknown.status).toBe(404);
  });
});
