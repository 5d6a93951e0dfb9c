import type { DuckDBConnection } from '@duckdb/node-api';
import { PanoramaError } from '../../errors.ts';
import { migrations } from './migrations.ts';

/** Brings the database up to the newest migration; returns the versions it applied. */
export async function migrate(connection: DuckDBConnection): Promise<number[]> {
  await connection.run(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMPTZ NOT NULL)`);
  const reader = await connection.runAndReadAll('SELECT version FROM schema_migrations');
  const applied = new Set(reader.getRowsJS().map((row) => Number(row[0])));
  const newest = Math.max(0, ...applied);
  const known = Math.max(...migrations.map((m) => m.version));
  if (newest > known) {
    throw new PanoramaError(
      'store.migration_failed',
      `This data directory was written by a newer Panorama (schema ${newest}, this one knows ${known}). Upgrade Panorama.`,
    );
  }
  const done: number[] = [];
  for (const migration of migrations) {
    if (applied.has(migration.version)) continue;
    try {
      await connection.run('BEGIN TRANSACTION');
      await connection.run(migration.sql);
      await connection.run('INSERT INTO schema_migrations VALUES ($version, $name, now())', {
        version: migration.version,
        name: migration.name,
      });
      await connection.run('COMMIT');
      done.push(migration.version);
    } catch (error) {
      await connection.run('ROLLBACK').catch(() => undefined);
      throw new PanoramaError(
        'store.migration_failed',
        `Migration ${migration.version} (${migration.name}) failed: ${(error as Error).message}`,
      );
    }
  }
  return done;
}
