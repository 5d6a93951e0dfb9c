/**
 * The journeys benchmark's data: the demo business stored as the collector stores it, stitched,
 * valued, then copied `copies` times over with fresh message ids, user and anonymous ids and
 * profiles, so that 10 M events keep the demo's shapes (channels, funnels, the shift) at the size
 * asked for without simulating 90,000 customers. Kept in a folder and reused by later runs.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { rebuildIdentity } from '../../src/identity/store/index.ts';
import { refreshAllProfiles } from '../../src/profiles/index.ts';
import { openDuckDBStore } from '../../src/store/duckdb/duckdb-store.ts';
import { refreshCustomerValues } from '../../src/value/customers/index.ts';
import { storeDemoEvents } from '../identity/demo-events.ts';

export interface DatasetOptions {
  customers: number;
  copies: number;
  seed: number;
}

export interface Dataset extends DatasetOptions {
  dataDir: string;
  workspaceId: string;
  events: number;
  profiles: number;
  /** When the simulated shift happened (the demo's default: 240 days before the end). */
  shiftDate: string;
  end: string;
  timings: { storeMs: number; identityMs: number; valueMs: number; copyMs: number };
}

const day = 86_400_000;

/** Builds the data set in `dataDir`, or answers the one already there when it was built with the same options. */
export async function buildDataset(
  dataDir: string,
  options: DatasetOptions,
  progress: (line: string) => void,
): Promise<Dataset> {
  const manifest = join(dataDir, 'journeys-bench.json');
  if (existsSync(manifest)) {
    const kept = JSON.parse(readFileSync(manifest, 'utf8')) as Dataset;
    if (
      kept.customers === options.customers &&
      kept.copies === options.copies &&
      kept.seed === options.seed
    ) {
      progress(`data: reusing ${kept.events.toLocaleString('en-US')} events in ${dataDir}`);
      return kept;
    }
    throw new Error(`${dataDir} holds another data set (${manifest}); remove it or pick another --data`);
  }
  const end = new Date(Math.floor(Date.now() / day) * day);
  const timings = { storeMs: 0, identityMs: 0, valueMs: 0, copyMs: 0 };
  let started = Date.now();
  const store = await openDuckDBStore(dataDir);
  let workspaceId = '';
  try {
    let shown = 0;
    const summary = await storeDemoEvents(store, {
      customers: options.customers,
      seed: options.seed,
      end,
      holdBackFrom: new Date(end.getTime() + day),
      heldBackFile: join(dataDir, 'held-back.jsonl'),
      onProgress: (stored) => {
        if (stored < shown + 250_000) return;
        shown = stored;
        progress(`data: ${stored.toLocaleString('en-US')} demo events stored`);
      },
    });
    timings.storeMs = Date.now() - started;
    progress(
      `data: ${summary.stored.toLocaleString('en-US')} demo events stored in ${seconds(timings.storeMs)}`,
    );
    started = Date.now();
    await rebuildIdentity(store);
    await refreshAllProfiles(store);
    timings.identityMs = Date.now() - started;
    progress(`data: identity rebuilt and profiles refreshed in ${seconds(timings.identityMs)}`);
    started = Date.now();
    const [workspace] = await store.query<{ workspace_id: string }>(
      'SELECT DISTINCT workspace_id FROM events',
    );
    if (!workspace) throw new Error('the demo stored no event');
    workspaceId = workspace.workspace_id;
    await refreshCustomerValues(store, workspaceId);
    timings.valueMs = Date.now() - started;
    progress(`data: customers valued in ${seconds(timings.valueMs)}`);
  } finally {
    await store.close();
  }
  started = Date.now();
  const counts = await copyBusiness(join(dataDir, 'panorama.duckdb'), options.copies, progress);
  timings.copyMs = Date.now() - started;
  const dataset: Dataset = {
    ...options,
    dataDir,
    workspaceId,
    ...counts,
    shiftDate: new Date(end.getTime() - 240 * day).toISOString().slice(0, 10),
    end: end.toISOString().slice(0, 10),
    timings,
  };
  writeFileSync(manifest, `${JSON.stringify(dataset, null, 2)}\n`);
  return dataset;
}

/**
 * Adds copies 1 … copies−1 of every event, event-to-profile row, profile summary and value, each
 * copy's identifiers suffixed `~k` so copies never share a person. Copies then differ only by who
 * they are; that is enough for timing queries, not for statistics.
 */
async function copyBusiness(
  file: string,
  copies: number,
  progress: (line: string) => void,
): Promise<{ events: number; profiles: number }> {
  const instance = await DuckDBInstance.create(file);
  const connection = await instance.connect();
  try {
    for (let k = 1; k < copies; k += 1) {
      await connection.run('BEGIN');
      await connection.run(
        `INSERT INTO events SELECT * REPLACE (message_id || '~${k}' AS message_id,
          user_id || '~${k}' AS user_id, anonymous_id || '~${k}' AS anonymous_id)
        FROM events WHERE NOT contains(message_id, '~')`,
      );
      await connection.run(
        `INSERT INTO identity_event_profiles SELECT * REPLACE (message_id || '~${k}' AS message_id, profile_id || '~${k}' AS profile_id)
        FROM identity_event_profiles WHERE NOT contains(message_id, '~')`,
      );
      for (const table of ['profile_summaries', 'profile_values', 'profile_traits', 'identity_profiles']) {
        await connection.run(
          `INSERT INTO ${table} SELECT * REPLACE (profile_id || '~${k}' AS profile_id) FROM ${table} WHERE NOT contains(profile_id, '~')`,
        );
      }
      await connection.run('COMMIT');
      progress(`data: copy ${k + 1} of ${copies} written`);
    }
    await connection.run('CHECKPOINT');
    const reader = await connection.runAndReadAll(
      'SELECT (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM identity_profiles) AS profiles',
    );
    const [row] = reader.getRowObjectsJS();
    return { events: Number(row?.events), profiles: Number(row?.profiles) };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
