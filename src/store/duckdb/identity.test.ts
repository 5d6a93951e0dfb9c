import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DuckDBStore, openDuckDBStore } from './duckdb-store.ts';
import { migrate } from './schema-version.ts';

let dir: string;
let store: DuckDBStore;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'panorama-identity-tables-'));
  store = await openDuckDBStore(dir);
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('The identity tables on DuckDB', () => {
  it('writes every event row of a rebuild exactly, message ids with newlines and tabs included', async () => {
    const eventProfiles = [
      ...Array.from({ length: 250_001 }, (_, i) => ({ messageId: `m${i}`, profileId: `prof_${i % 7}` })),
      { messageId: 'line\nbreak', profileId: 'prof_x' },
      { messageId: 'tab\there \\ back', profileId: 'prof_y' },
    ];
    const image = { profiles: [], links: [], eventProfiles, merges: [], dropped: [] };
    await store.identity.replace('w', image, { eventsStitched: eventProfiles.length, rulesDigest: 'd' });
    const read = await store.identity.read('w');
    const order = (a: { messageId: string }, b: { messageId: string }) =>
      a.messageId < b.messageId ? -1 : 1;
    expect(read.eventProfiles.sort(order)).toEqual([...eventProfiles].sort(order));
  });

  it('holds no index on the event rows, even in a store made when there was one', async () => {
    const connection = await (await DuckDBInstance.create(':memory:')).connect();
    await migrate(connection);
    // As version 4 used to leave it: every read filters on the workspace too, so none used it.
    await connection.run(
      'CREATE INDEX identity_event_profiles_by_profile ON identity_event_profiles (profile_id)',
    );
    await connection.run('DELETE FROM schema_migrations WHERE version = 9');
    expect(await migrate(connection)).toEqual([9]);
    const indexes = await connection.runAndReadAll(
      "SELECT index_name FROM duckdb_indexes() WHERE table_name = 'identity_event_profiles'",
    );
    expect(indexes.getRows()).toEqual([]);
    connection.closeSync();
  });
});
