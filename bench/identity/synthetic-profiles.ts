import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { createApiKey } from '../../src/access/api-keys.ts';
import { databaseFileName, openDuckDBStore } from '../../src/store/duckdb/duckdb-store.ts';

/**
 * The i-th synthetic profile: ids and identifiers shaped as stitching writes them (`prof_` and
 * 16 hex digits, normalised e-mail, `cust_<n>` user id, a UUID-shaped anonymous id).
 */
export function syntheticProfile(i: number): { profileId: string; email: string; userId: string } {
  return {
    profileId: `prof_${createHash('md5').update(`p${i}`).digest('hex').slice(0, 16)}`,
    email: `client.${i}@exemple.fr`,
    userId: `cust_${i}`,
  };
}

/**
 * Fills the identity and profile tables with `count` profiles in SQL (`INSERT … SELECT` over
 * `range`), in the shapes the rebuild and the profile refresh write: per profile one
 * `identity_profiles` row, three `identity_links` (e-mail, user id, anonymous id), three
 * `identity_event_profiles` rows, four traits (e-mail, first and last name, city, each as JSON
 * text with its source and channel), two consents and one summary. Rows go in in profile id
 * order, as `imageOf` writes them. The events themselves are not stored: the look-up and profile
 * routes read none. Answers a viewer API key's secret.
 */
export async function storeSyntheticProfiles(dataDir: string, count: number): Promise<string> {
  const store = await openDuckDBStore(dataDir);
  let secret: string;
  try {
    secret = (await createApiKey(store, 'default', 'bench-viewer', 'viewer')).secret;
  } finally {
    await store.close();
  }
  const instance = await DuckDBInstance.create(join(dataDir, databaseFileName), { threads: '2' });
  const connection = await instance.connect();
  try {
    // Bulk inserts into indexed tables are slow; the migration's indexes are built again after.
    const indexes = await connection.runAndReadAll('SELECT index_name, sql FROM duckdb_indexes()');
    const definitions = indexes.getRowObjectsJS() as { index_name: string; sql: string }[];
    for (const { index_name } of definitions) await connection.run(`DROP INDEX ${index_name}`);
    for (const sql of fillSql(count)) await connection.run(sql);
    for (const { sql } of definitions) await connection.run(sql);
    await connection.run('CHECKPOINT');
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  return secret;
}

/** Every synthetic profile's ids and times, once, in profile id order (as `imageOf` writes rows). */
function profilesSql(count: number): string {
  const hex = (seed: string, from: number, length: number) =>
    `substr(md5('${seed}' || i), ${from}, ${length})`;
  const anonymousId = [
    hex('a', 1, 8),
    hex('a', 9, 4),
    hex('a', 13, 4),
    hex('a', 17, 4),
    hex('a', 21, 12),
  ].join(" || '-' || ");
  const firstSeenUs = '1704067200000000 + (i % 31536000) * 1000000';
  return `CREATE TEMP TABLE synthetic_profiles AS
    SELECT i, 'prof_' || ${hex('p', 1, 16)} AS profile_id, ${anonymousId} AS anonymous_id,
      'client.' || i || '@exemple.fr' AS email,
      make_timestamptz(${firstSeenUs}) AS first_seen,
      make_timestamptz(${firstSeenUs} + 86400000000 * (1 + i % 300)) AS last_seen
    FROM range(${count}) AS r(i) ORDER BY profile_id`;
}

function fillSql(count: number): string[] {
  const from = (rows: number) => `FROM synthetic_profiles, range(${rows}) AS r(k) ORDER BY profile_id, k`;
  const pick = (values: string[]) =>
    `CASE k ${values.map((v, n) => (n < values.length - 1 ? `WHEN ${n} THEN ${v}` : `ELSE ${v}`)).join(' ')} END`;
  return [
    profilesSql(count),
    `INSERT INTO identity_profiles SELECT 'default', profile_id, first_seen, last_seen, 3 + i % 60,
       CASE WHEN i % 5 = 0 THEN 1 ELSE 0 END ${from(1)}`,
    `INSERT INTO identity_links SELECT 'default', ${pick(["'anonymous_id'", "'email'", "'user_id'"])},
       ${pick(['anonymous_id', 'email', `'cust_' || i`])},
       ${pick(['anonymous_id', `'Client.' || i || '@Exemple.fr'`, `'cust_' || i`])},
       profile_id, first_seen, last_seen ${from(3)}`,
    `INSERT INTO identity_event_profiles SELECT 'default', 'evt-' || i || '-' || k, profile_id ${from(3)}`,
    `INSERT INTO profile_traits SELECT 'default', profile_id, ${pick(["'city'", "'email'", "'firstName'", "'lastName'"])},
       to_json(${pick([`['Paris', 'Lyon', 'Lille', 'Nantes'][1 + i % 4]`, 'email', `'Prénom' || (i % 997)`, `'Nom' || (i % 4999)`])}),
       ${pick(["'site-web'", "'crm'"])}, ${pick(["'web'", "'crm'"])}, last_seen, 'evt-' || i || '-0' ${from(4)}`,
    `INSERT INTO profile_consents SELECT 'default', profile_id, ${pick(["'analytics'", "'marketing'"])}, 'all',
       i % 3 <> 0, 'site-web', first_seen ${from(2)}`,
    `INSERT INTO profile_summaries SELECT 'default', profile_id, first_seen, last_seen, 3 + i % 60,
       CASE WHEN i % 2 = 0 THEN ['store', 'web'] ELSE ['app', 'email', 'web'] END,
       i % 4, (i % 4) * 57.5, CASE WHEN i % 4 > 0 THEN last_seen END,
       CASE WHEN i % 9 = 0 THEN last_seen END, CASE WHEN i % 9 = 0 THEN 'call_centre' END,
       CASE WHEN i % 9 = 0 THEN 1 ELSE 0 END ${from(1)}`,
  ];
}
