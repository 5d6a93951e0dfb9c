import autocannon from 'autocannon';

export interface RouteLoadOptions {
  url: string;
  connections: number;
  durationSeconds: number;
  headers?: Record<string, string>;
}

export interface RouteLoad {
  route: string;
  seconds: number;
  ok: number;
  /** Answers other than 200, errors and timeouts. */
  failed: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  peakRssMiB?: number;
}

/**
 * Sends GET requests to one route on every connection for the whole duration, one in flight per
 * connection, each to the path `nextPath` gives (a random existing customer, say).
 */
export async function loadRoute(
  route: string,
  nextPath: () => string,
  options: RouteLoadOptions,
): Promise<RouteLoad> {
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.durationSeconds,
    timeout: 30,
    ...(options.headers ? { headers: options.headers } : {}),
    requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: nextPath() }) }],
  });
  const ok = result.statusCodeStats['200']?.count ?? 0;
  return {
    route,
    seconds: result.duration,
    ok,
    failed: result['2xx'] + result.non2xx - ok + result.errors + result.timeouts,
    requestsPerSecond: ok / result.duration,
    latencyMs: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
    },
  };
}
