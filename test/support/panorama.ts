import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSource } from '../../src/collect/source-directory.ts';
import { readSettings, type Settings } from '../../src/config.ts';
import { buildApp, type Panorama } from '../../src/server/app.ts';
import { openDuckDBStore } from '../../src/store/duckdb/duckdb-store.ts';
import type { Store } from '../../src/store/port.ts';
import type { Source } from '../../src/store/types.ts';

export function temporaryDataDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'panorama-test-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface RunningPanorama extends Panorama {
  url: string;
  source: Source;
  settings: Settings;
  stop: () => Promise<void>;
}

/** A real Panorama on loopback, on a real DuckDB file in a temporary folder, with one web source. */
export async function startPanorama(
  options: {
    store?: (store: Store) => Store;
    settings?: Partial<Settings>;
    now?: () => number;
    /** Called with the status of every answer the server sends. */
    onStatus?: (status: number, url: string) => void;
  } = {},
): Promise<RunningPanorama> {
  const data = temporaryDataDir();
  const settings = readSettings({}, { dataDir: data.dir, port: 0, ...options.settings });
  const real = await openDuckDBStore(settings.dataDir);
  const store = options.store ? options.store(real) : real;
  const source = await createSource(real, settings.workspaceId, 'site-web', 'web');
  const panorama = await buildApp(store, settings, { now: options.now });
  const onStatus = options.onStatus;
  if (onStatus)
    panorama.app.addHook('onResponse', async (request, reply) => onStatus(reply.statusCode, request.url));
  const url = await panorama.app.listen({ port: 0, host: '127.0.0.1' });
  return {
    ...panorama,
    url,
    source,
    settings,
    stop: async () => {
      await panorama.app.close();
      await real.close();
      data.remove();
    },
  };
}

/** Posts JSON with the source's write key as HTTP Basic user name. */
export async function post(
  panorama: RunningPanorama,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const response = await fetch(`${panorama.url}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Basic ${Buffer.from(`${panorama.source.writeKey}:`).toString('base64')}`,
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : {}, headers: response.headers };
}

/** The live identity service of a Panorama started with `liveIdentity: true`. */
export function identityOf(panorama: { identity: Panorama['identity'] }): NonNullable<Panorama['identity']> {
  if (!panorama.identity)
    throw new Error('Start Panorama with settings { liveIdentity: true } for this test.');
  return panorama.identity;
}
