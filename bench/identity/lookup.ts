import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDuckDBStore } from '../../src/store/duckdb/duckdb-store.ts';
import { identifierLookupSql, ofProfile } from '../../src/store/duckdb/profiles.ts';
import type { Store } from '../../src/store/port.ts';
import { viewCacheDirName } from '../../src/store/view-cache.ts';
import { type RunningServer, startServer } from '../ingest/children.ts';
import { loadRoute, type RouteLoad } from './lookup-load.ts';
import { storeSyntheticProfiles, syntheticProfile } from './synthetic-profiles.ts';

const profileServer = fileURLToPath(new URL('./profile-server.ts', import.meta.url));

export interface LookupOptions {
  profiles: number;
  connections: number;
  durationSeconds: number;
}

/** One query of a look-up run alone, one at a time (no load): its plan's scan and its times. */
export interface QueryFigures {
  query: string;
  scan: string;
  medianMs: number;
  p99Ms: number;
}

/**
 * When a load ran: `cold` right after the first start, while the view cache fills (misses read
 * DuckDB); `warm` once it is full; `restarted` after a clean restart, the cache kept on disk.
 */
export type LookupPhase = 'cold' | 'warm' | 'restarted';

export interface LookupFigures {
  profiles: number;
  buildMs: number;
  routes: (RouteLoad & { phase: LookupPhase; cacheState: string })[];
  queries: QueryFigures[];
  /** From the first start until the cache was full (check, then the warm-up pass). */
  warmUpMs: number;
  /** From the restart until the cache served (the digest check). */
  restartReadyMs: number;
  /** Size of the LMDB folder once warm. */
  cacheMiB: number;
}

const workspace = 'default';

/**
 * The customer API under load over loopback: a store of `profiles` synthetic profiles, a real
 * server (`buildApp`, in a child process), and autocannon asking for random existing customers,
 * by e-mail (`/api/v1/profiles/lookup`) and by id (`/api/v1/profiles/:id`): cold (right after the
 * first start, while the view cache fills), warm (once full, with `/health` under the same load as
 * the baseline), and after a clean restart. Then the look-up's queries are timed alone and explained.
 */
export async function benchLookup(
  dir: string,
  options: LookupOptions,
  log: (line: string) => void,
): Promise<LookupFigures> {
  log(`look-up: storing ${options.profiles.toLocaleString('en-US')} synthetic profiles`);
  const building = performance.now();
  const secret = await storeSyntheticProfiles(dir, options.profiles);
  const buildMs = performance.now() - building;
  const headers = { authorization: `Bearer ${secret}` };
  const random = () => syntheticProfile(Math.floor(Math.random() * options.profiles));
  const byEmail = () => `/api/v1/profiles/lookup?identifier=${encodeURIComponent(`email:${random().email}`)}`;
  const byId = () => `/api/v1/profiles/${random().profileId}`;
  const customerRoutes = [
    ['GET /api/v1/profiles/lookup?identifier=email:…', byEmail],
    ['GET /api/v1/profiles/:id', byId],
  ] as const;
  const routes: LookupFigures['routes'] = [];
  const run = async (server: RunningServer, phase: LookupPhase, route: string, path: () => string) => {
    log(`look-up: ${phase} ${route} on ${options.connections} connections for ${options.durationSeconds} s`);
    const load = { url: server.url, connections: options.connections, headers };
    const figures = await loadRoute(route, path, { ...load, durationSeconds: options.durationSeconds });
    const cacheState = await viewCacheState(server.url);
    routes.push({ ...figures, phase, cacheState, peakRssMiB: server.peakRssMiB() });
  };

  const starting = performance.now();
  let server = await startServer(['--import', 'tsx', profileServer, '--data', dir]);
  log(`look-up: serving on ${server.url} (pid ${server.pid}); the view cache is empty`);
  await checkAnswers(server.url, headers);
  for (const [route, path] of customerRoutes) await run(server, 'cold', route, path);
  await untilReady(server.url, log);
  const warmUpMs = performance.now() - starting;
  log(`look-up: the view cache is full ${seconds(warmUpMs)} s after the start`);
  log('look-up: warming up (3 s per route, not counted)');
  for (const [, path] of customerRoutes)
    await loadRoute('warm-up', path, {
      url: server.url,
      connections: options.connections,
      headers,
      durationSeconds: 3,
    });
  await run(server, 'warm', 'GET /health', () => '/health');
  for (const [route, path] of customerRoutes) await run(server, 'warm', route, path);
  const cacheMiB = sizeMiB(join(dir, viewCacheDirName));

  log('look-up: restarting the server (clean stop, the cache kept)');
  await server.stop();
  const restarting = performance.now();
  server = await startServer(['--import', 'tsx', profileServer, '--data', dir]);
  await untilReady(server.url, log);
  const restartReadyMs = performance.now() - restarting;
  await checkAnswers(server.url, headers);
  for (const [route, path] of customerRoutes) await run(server, 'restarted', route, path);
  await server
    .stop()
    .catch((error: Error) => log(`look-up: the server did not stop cleanly: ${error.message}`));
  log('look-up: timing and explaining the queries one at a time');
  const store = await openDuckDBStore(dir);
  try {
    return {
      profiles: options.profiles,
      buildMs,
      routes,
      queries: await timeQueries(store, options.profiles),
      warmUpMs,
      restartReadyMs,
      cacheMiB,
    };
  } finally {
    await store.close();
  }
}

/** What `/health` says of the view cache: `checking`, `warming`, `ready` or `off`. */
async function viewCacheState(url: string): Promise<string> {
  const health = (await (await fetch(`${url}/health`)).json()) as { viewCache?: string };
  return health.viewCache ?? 'unknown';
}

async function untilReady(url: string, log: (line: string) => void): Promise<void> {
  let shown = performance.now();
  for (;;) {
    const state = await viewCacheState(url);
    if (state === 'ready' || state === 'off') return;
    if (performance.now() - shown > 30_000) {
      shown = performance.now();
      log(`look-up: the view cache is ${state}…`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function sizeMiB(path: string): number {
  return Number(execFileSync('du', ['-sk', path], { encoding: 'utf8' }).split('\t')[0]) / 1024;
}

const seconds = (ms: number) => (ms / 1000).toFixed(1);

/** Fails loudly unless a look-up finds the right customer: a benchmark of 404s would prove nothing. */
async function checkAnswers(url: string, headers: Record<string, string>): Promise<void> {
  const expected = syntheticProfile(7);
  const identifier = encodeURIComponent(`email:${expected.email.toUpperCase()}`);
  const response = await fetch(`${url}/api/v1/profiles/lookup?identifier=${identifier}`, { headers });
  const body = (await response.json()) as { id?: string; identities?: unknown[] };
  if (response.status !== 200 || body.id !== expected.profileId || body.identities?.length !== 3)
    throw new Error(`the look-up answered ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
}

/**
 * The queries one look-up makes, as src/store/duckdb/profiles.ts writes them, each run 50 times
 * alone on the reader connection, with the scan DuckDB chose (`EXPLAIN ANALYZE`).
 */
async function timeQueries(store: Store, profiles: number): Promise<QueryFigures[]> {
  const queries: [string, string, (i: number) => Record<string, string>][] = [
    [
      'identity_links by id_value (findByIdentifier)',
      identifierLookupSql,
      (i) => ({ workspace, value: syntheticProfile(i).email, type: 'email' }),
    ],
    ...['identity_profiles', 'identity_links', 'profile_traits', 'profile_consents', 'profile_summaries'].map(
      (table) =>
        [
          `${table} by profile_id (get)`,
          ofProfile(table),
          (i: number) => ({ workspace, profile: syntheticProfile(i).profileId }),
        ] as [string, string, (i: number) => Record<string, string>],
    ),
  ];
  const figures: QueryFigures[] = [];
  for (const [query, sql, params] of queries) {
    const times: number[] = [];
    for (let run = 0; run < 50; run++) {
      const started = performance.now();
      await store.query(sql, params(Math.floor(Math.random() * profiles)));
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    figures.push({
      query,
      scan: await scanOf(store, sql, params(1)),
      medianMs: times[25] ?? Number.NaN,
      p99Ms: times[49] ?? Number.NaN,
    });
  }
  return figures;
}

/** How the plan reads its table: `Sequential Scan` or `Index Scan`, from the JSON of `EXPLAIN ANALYZE`. */
async function scanOf(store: Store, sql: string, params: Record<string, string>): Promise<string> {
  const [row] = await store.query<{ explain_value: string }>(`EXPLAIN (ANALYZE, FORMAT json) ${sql}`, params);
  const types = [...String(row?.explain_value ?? '').matchAll(/"Type":\s*"([^"]+Scan)"/g)].map((m) => m[1]);
  return [...new Set(types)].join(', ') || 'unknown';
}
