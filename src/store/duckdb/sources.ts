import { randomBytes } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import { PanoramaError } from '../../errors.ts';
import type { SourceStore, Store } from '../port.ts';
import type { Channel, NewSource, Source } from '../types.ts';

interface SourceRow extends Record<string, unknown> {
  id: string;
  workspace_id: string;
  name: string;
  channel: string;
  write_key: string;
  created_at: Date;
}

const columns = 'id, workspace_id, name, channel, write_key, created_at';

export class DuckDBSources implements SourceStore {
  constructor(
    private readonly connection: DuckDBConnection,
    private readonly store: Store,
  ) {}

  async create(source: NewSource): Promise<Source> {
    if (await this.findByName(source.workspaceId, source.name)) {
      throw new PanoramaError('sources.invalid', `A source named "${source.name}" already exists.`);
    }
    const id = `src_${randomBytes(8).toString('hex')}`;
    await this.connection.run(
      `INSERT INTO sources (${columns}) VALUES ($id, $workspace, $name, $channel, $key, now())`,
      { id, workspace: source.workspaceId, name: source.name, channel: source.channel, key: source.writeKey },
    );
    return this.byId(id);
  }

  async list(workspaceId?: string): Promise<Source[]> {
    const rows = await this.store.query<SourceRow>(
      `SELECT ${columns} FROM sources ${workspaceId ? 'WHERE workspace_id = $workspace' : ''} ORDER BY created_at, name`,
      workspaceId ? { workspace: workspaceId } : {},
    );
    return rows.map(toSource);
  }

  async findByName(workspaceId: string, name: string): Promise<Source | undefined> {
    const rows = await this.store.query<SourceRow>(
      `SELECT ${columns} FROM sources WHERE workspace_id = $workspace AND name = $name`,
      { workspace: workspaceId, name },
    );
    return rows[0] && toSource(rows[0]);
  }

  async findByWriteKey(writeKey: string): Promise<Source | undefined> {
    const rows = await this.store.query<SourceRow>(`SELECT ${columns} FROM sources WHERE write_key = $key`, {
      key: writeKey,
    });
    return rows[0] && toSource(rows[0]);
  }

  async rotateWriteKey(sourceId: string, newWriteKey: string): Promise<Source> {
    await this.connection.run('UPDATE sources SET write_key = $key WHERE id = $id', {
      key: newWriteKey,
      id: sourceId,
    });
    return this.byId(sourceId);
  }

  private async byId(id: string): Promise<Source> {
    const rows = await this.store.query<SourceRow>(`SELECT ${columns} FROM sources WHERE id = $id`, { id });
    if (!rows[0]) throw new PanoramaError('sources.not_found', `No source with id ${id}.`);
    return toSource(rows[0]);
  }
}

function toSource(row: SourceRow): Source {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    name: row.name,
    channel: row.channel as Channel,
    writeKey: row.write_key,
    createdAt: row.created_at,
  };
}
