import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../port.ts';
import { databaseFileName, openDuckDBStore } from './duckdb-store.ts';

const dir = mkdtempSync(join(tmpdir(), 'panorama-profile-batches-'));
let store: Store;

/** Five profiles of `default` (one bare, one in another workspace), with awkward values. */
const rows = [
  `INSERT INTO identity_profiles VALUES
    ('default', 'prof_a', '2026-01-01 10:00:00.123456+00', '2026-02-01 10:00:00+00', 12, 1),
    ('default', 'prof_b', '2026-01-02 10:00:00+00', '2026-02-02 10:00:00.999999+00', 3, 0),
    ('default', 'prof_c', '1969-12-31 23:59:59.5+00', '2026-02-03 10:00:00+00', 1, 0),
    ('default', 'prof_d', '2026-01-04 10:00:00+00', '2026-02-04 10:00:00+00', 2, 0),
    ('default', 'prof_e', '2026-01-05 10:00:00+00', '2026-02-05 10:00:00+00', 5, 2),
    ('other', 'prof_b', '2026-01-02 10:00:00+00', '2026-02-02 10:00:00+00', 9, 0)`,
  `INSERT INTO identity_links VALUES
    ('default', 'email', 'jane@maison.fr', 'Jane@Maison.fr', 'prof_a', '2026-01-01 10:00:00.5+00', '2026-02-01 10:00:00+00'),
    ('default', 'anonymous_id', 'anon-1', 'anon-1', 'prof_a', '2026-01-01 09:00:00+00', '2026-01-01 10:00:00+00'),
    ('default', 'anonymous_id', 'anon-0', 'anon-0', 'prof_a', '2026-01-01 11:00:00+00', '2026-01-01 12:00:00+00'),
    ('default', 'user_id', 'cust-2', 'cust-2', 'prof_b', '2026-01-02 10:00:00+00', '2026-02-02 10:00:00+00'),
    ('default', 'email', 'é"\\@x.fr', 'É"\\@X.fr', 'prof_e', '2026-01-05 10:00:00+00', '2026-02-05 10:00:00+00'),
    ('other', 'user_id', 'cust-9', 'cust-9', 'prof_b', '2026-01-02 10:00:00+00', '2026-02-02 10:00:00+00')`,
  `INSERT INTO profile_traits VALUES
    ('default', 'prof_a', 'city', '"Lyon"', 'crm', 'crm', '2026-01-03 10:00:00.000001+00', 'm1'),
    ('default', 'prof_a', 'age', '41', 'crm', 'crm', '2026-01-03 10:00:00+00', 'm1'),
    ('default', 'prof_a', 'score', '1.10', 'web', 'web', '2026-01-03 10:00:00+00', 'm2'),
    ('default', 'prof_a', 'big', '12345678901234567890', 'web', 'web', '2026-01-03 10:00:00+00', 'm2'),
    ('default', 'prof_a', 'address', '{"street":"1 rue \\"A\\"","zip":["69", null, true]}', 'web', 'web', '2026-01-03 10:00:00+00', 'm2'),
    ('default', 'prof_e', 'none', 'null', 'web', 'web', '2026-01-03 10:00:00+00', 'm3')`,
  `INSERT INTO profile_consents VALUES
    ('default', 'prof_a', 'marketing', 'email', false, 'newsletter', '2026-01-07 10:00:00+00'),
    ('default', 'prof_a', 'marketing', 'all', true, 'site-web', '2026-01-02 10:00:00+00'),
    ('default', 'prof_b', 'analytics', 'all', true, 'app', '2026-01-02 10:00:00+00')`,
  `INSERT INTO profile_summaries VALUES
    ('default', 'prof_a', '2026-01-01 10:00:00+00', '2026-02-01 10:00:00+00', 12, ['web', 'store'], 2, 0.30000000000000004, '2026-01-05 10:00:00.25+00', NULL, NULL, 1),
    ('default', 'prof_b', '2026-01-02 10:00:00+00', '2026-02-02 10:00:00+00', 3, [], 0, 0, NULL, '2026-01-09 10:00:00+00', 'call_centre', 0)`,
  `INSERT INTO profile_values VALUES
    ('default', 'prof_a', '2026-03-01', 0.1234567890123, 1.5, 42.25, 63.375, 1, 'champions', 5, 4, 5),
    ('default', 'prof_e', '2026-03-01', 1, 0, NULL, NULL, 10, 'lost', 1, 1, 1),
    ('other', 'prof_b', '2026-03-01', 0.5, 0.5, 1, 1, 5, 'lost', 1, 1, 1)`,
];

beforeAll(async () => {
  await (await openDuckDBStore(dir)).close();
  const instance = await DuckDBInstance.create(join(dir, databaseFileName));
  const connection = await instance.connect();
  for (const sql of rows) await connection.run(sql);
  connection.closeSync();
  instance.closeSync();
  store = await openDuckDBStore(dir);
});

afterAll(async () => {
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function everyBatch(workspaceId: string, limit: number) {
  const found = [];
  let after: string | null = null;
  for (;;) {
    const batch = await store.profiles.profilesAfter(workspaceId, after, limit);
    if (batch.length === 0) return found;
    found.push(...batch);
    after = batch.at(-1)?.profile.profileId ?? null;
  }
}

describe('batched profile reads', () => {
  it('give, profile by profile, what get and value give', async () => {
    const batched = await everyBatch('default', 2);
    expect(batched.map((p) => p.profile.profileId)).toEqual([
      'prof_a',
      'prof_b',
      'prof_c',
      'prof_d',
      'prof_e',
    ]);
    for (const { value, ...record } of batched) {
      const id = record.profile.profileId;
      expect(record).toStrictEqual(await store.profiles.get('default', id));
      expect(value).toStrictEqual(await store.profiles.value('default', id));
    }
  });

  it('read one workspace only', async () => {
    const [other] = await everyBatch('other', 10);
    expect(other?.profile.events).toBe(9);
    expect(other?.identifiers.map((i) => i.idValue)).toEqual(['cust-9']);
    expect(other?.value?.probabilityAlive).toBe(0.5);
  });

  it('read value rows in profile-id order, a batch at a time', async () => {
    const first = await store.profiles.valuesAfter('default', null, 1);
    const second = await store.profiles.valuesAfter('default', 'prof_a', 5);
    expect([...first, ...second]).toStrictEqual([
      await store.profiles.value('default', 'prof_a'),
      await store.profiles.value('default', 'prof_e'),
    ]);
    expect(await store.profiles.valuesAfter('default', 'prof_e', 5)).toEqual([]);
  });

  it('digest the rows views are read from, per workspace', async () => {
    const before = await store.profiles.viewsDigest('default');
    const other = await store.profiles.viewsDigest('other');
    expect(await store.profiles.viewsDigest('default')).toBe(before);
    await store.profiles.saveValues('default', { asOf: '2026-03-02', customers: [], summary: {} });
    expect(await store.profiles.viewsDigest('default')).not.toBe(before);
    expect(await store.profiles.viewsDigest('other')).toBe(other);
  });
});
