import { deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningPanorama, startPanorama } from './support/panorama.ts';

let panorama: RunningPanorama;
beforeAll(async () => {
  panorama = await startPanorama();
});
afterAll(async () => panorama.stop());

async function send(body: Buffer, encoding: string) {
  const response = await fetch(`${panorama.url}/v1/batch`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'content-encoding': encoding,
      authorization: `Basic ${Buffer.from(`${panorama.source.writeKey}:`).toString('base64')}`,
    },
    body,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

function batch(prefix: string, n: number) {
  return JSON.stringify({
    batch: Array.from({ length: n }, (_, i) => ({
      type: 'track',
      event: 'Product Viewed',
      userId: `u-${prefix}`,
      messageId: `${prefix}-${i}`,
    })),
  });
}

describe('compressed request bodies (as RudderStack SDKs send them)', () => {
  it('stores a gzip batch and a deflate batch', async () => {
    expect(await send(gzipSync(batch('gz', 3)), 'gzip')).toMatchObject({
      status: 200,
      body: { success: true, accepted: 3 },
    });
    expect(await send(deflateSync(batch('df', 2)), 'deflate')).toMatchObject({
      status: 200,
      body: { success: true, accepted: 2 },
    });
    const rows = await panorama.store.query<{ n: number }>(
      "SELECT count(*)::INTEGER AS n FROM events WHERE message_id LIKE 'gz-%' OR message_id LIKE 'df-%'",
    );
    expect(rows[0]?.n).toBe(5);
  });

  it('applies the 500 KB batch limit to the decompressed body', async () => {
    const padding = 'x'.repeat(20_000);
    const big = JSON.stringify({
      batch: Array.from({ length: 30 }, (_, i) => ({
        type: 'track',
        event: 'Big',
        userId: 'u-big',
        messageId: `big-${i}`,
        properties: { padding },
      })),
    });
    const compressed = gzipSync(big);
    expect(compressed.length).toBeLessThan(100_000);
    const answer = await send(compressed, 'gzip');
    expect(answer.status).toBe(413);
  });

  it('names a broken gzip body and an unsupported encoding', async () => {
    const broken = await send(Buffer.from('not gzip at all'), 'gzip');
    expect(broken.status).toBe(400);
    expect(JSON.stringify(broken.body)).toMatch(/could not be decompressed/);
    const brotli = await send(Buffer.from(batch('br', 1)), 'br');
    expect(brotli.status).toBe(415);
    expect((brotli.body.error as { message: string }).message).toMatch(
      /Content-Encoding "br" is not supported/,
    );
  });
});
