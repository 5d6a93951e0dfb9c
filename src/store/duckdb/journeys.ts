import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import type { JourneyStore, SqlValue } from '../port.ts';
import type { JourneyEventsState } from '../types.ts';
import { SerialConnection } from './serial-connection.ts';

/** Named so as not to collide with the parameters of the SELECT it wraps. */
const workspaceParam = 'journey_store_workspace';

/** The materialised `journey_events` and its build state, on a connection of their own. */
export class DuckDBJourneys implements JourneyStore {
  private readonly serial: SerialConnection;

  constructor(private readonly connection: DuckDBConnection) {
    this.serial = new SerialConnection(connection);
  }

  /**
   * Deletes the workspace's rows and inserts the SELECT's sorted by (profile_id, ts), so that
   * each profile's events sit together: readers see the old rows or the new ones, never a mix.
   */
  async materialise(
    workspaceId: string,
    select: { sql: string; params: Record<string, SqlValue> },
    digest: string,
  ): Promise<{ rows: number }> {
    if (workspaceParam in select.params) throw new RangeError(`the SELECT may not use $${workspaceParam}`);
    const params = { ...duckdbValues(select.params), [workspaceParam]: workspaceId };
    const workspace = { [workspaceParam]: workspaceId };
    return this.serial.transaction(async () => {
      await this.connection.run(
        `DELETE FROM journey_events WHERE workspace_id = $${workspaceParam}`,
        workspace,
      );
      const inserted = await this.connection.run(
        `INSERT INTO journey_events
         SELECT $${workspaceParam}, profile_id, ts, channel, action, touchpoint, stage, event, revenue
         FROM (${select.sql}) ORDER BY profile_id, ts`,
        params,
      );
      const rows = inserted.rowsChanged;
      await this.connection.run(
        `DELETE FROM journey_state WHERE workspace_id = $${workspaceParam}`,
        workspace,
      );
      await this.connection.run(
        `INSERT INTO journey_state VALUES ($${workspaceParam}, $digest, $rows, now())`,
        { ...workspace, digest, rows },
      );
      return { rows };
    });
  }

  async state(workspaceId: string): Promise<JourneyEventsState | undefined> {
    const reader = await this.serial.exclusive(() =>
      this.connection.runAndReadAll(
        `SELECT digest, rows, built_at FROM journey_state WHERE workspace_id = $${workspaceParam}`,
        { [workspaceParam]: workspaceId },
      ),
    );
    const row = reader.getRowObjectsJS()[0];
    if (!row) return undefined;
    return { digest: String(row.digest), rows: Number(row.rows), builtAt: row.built_at as Date };
  }
}

function duckdbValues(params: Record<string, SqlValue>): Record<string, DuckDBValue> {
  return Object.fromEntries(
    Object.entries(params).map(([key, value]) => [key, value instanceof Date ? value.toISOString() : value]),
  );
}
