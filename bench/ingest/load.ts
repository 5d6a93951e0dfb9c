import autocannon from 'autocannon';
import type { BatchBodies } from './batches.ts';

export interface LoadOptions {
  url: string;
  writeKey: string;
  connections: number;
  durationSeconds: number;
}

export interface LoadResult {
  seconds: number;
  requests: { ok: number; overloaded: number; other: number; errors: number; timeouts: number };
  /** Events the server answered 200 for, by its own `accepted` count (the bare server echoes the batch size). */
  acknowledgedEvents: number;
  /** Batches answered 200: their events must all be in the store. */
  acknowledgedBatches: Set<number>;
  latencyMs: { p50: number; p99: number };
}

/** Posts `/v1/batch` bodies on every connection for the whole duration, one request in flight per connection. */
export async function postBatches(bodies: BatchBodies, options: LoadOptions): Promise<LoadResult> {
  const acknowledgedBatches = new Set<number>();
  let acknowledgedEvents = 0;
  let overloaded = 0;
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.durationSeconds,
    timeout: 30,
    headers: {
      'content-type': 'application/json',
      authorization: `Basic ${Buffer.from(`${options.writeKey}:`).toString('base64')}`,
    },
    requests: [
      {
        method: 'POST',
        path: '/v1/batch',
        setupRequest: (request, context) => {
          const next = bodies.next();
          context.batch = next.batch;
          return { ...request, body: next.body };
        },
        onResponse: (status, body, context) => {
          if (status === 429) overloaded++;
          if (status !== 200) return;
          acknowledgedBatches.add(context.batch as number);
          acknowledgedEvents += (JSON.parse(body) as { accepted: number }).accepted;
        },
      },
    ],
  });
  const ok = result.statusCodeStats['200']?.count ?? 0;
  return {
    seconds: result.duration,
    requests: {
      ok,
      overloaded,
      other: result['2xx'] + result.non2xx - ok - overloaded,
      errors: result.errors,
      timeouts: result.timeouts,
    },
    acknowledgedEvents,
    acknowledgedBatches,
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99 },
  };
}
