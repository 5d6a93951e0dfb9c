import { randomBytes } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import { PanoramaError } from '../../errors.ts';
import type { ApiKeyStore, Store } from '../port.ts';
import type { ApiKey, NewApiKey, Role } from '../types.ts';

interface ApiKeyRow extends Record<string, unknown> {
  id: string;
  workspace_id: string;
  name: string;
  role: string;
  key_prefix: string;
  created_at: Date;
  revoked_at: Date | null;
}

const columns = 'id, workspace_id, name, role, key_prefix, created_at, revoked_at';

export class DuckDBApiKeys implements ApiKeyStore {
  constructor(
    private readonly connection: DuckDBConnection,
    private readonly store: Store,
  ) {}

  async create(key: NewApiKey): Promise<ApiKey> {
    const taken = await this.store.query(
      'SELECT 1 FROM api_keys WHERE workspace_id = $workspace AND name = $name',
      { workspace: key.workspaceId, name: key.name },
    );
    if (taken.length > 0) {
      throw new PanoramaError('access.invalid', `An API key named "${key.name}" already exists.`);
    }
    const id = `key_${randomBytes(8).toString('hex')}`;
    await this.connection.run(
      `INSERT INTO api_keys (id, workspace_id, name, role, key_hash, key_prefix, created_at)
       VALUES ($id, $workspace, $name, $role, $hash, $prefix, now())`,
      {
        id,
        workspace: key.workspaceId,
        name: key.name,
        role: key.role,
        hash: key.keyHash,
        prefix: key.keyPrefix,
      },
    );
    return this.one('id = $id', { id }) as Promise<ApiKey>;
  }

  async list(workspaceId: string): Promise<ApiKey[]> {
    const rows = await this.store.query<ApiKeyRow>(
      `SELECT ${columns} FROM api_keys WHERE workspace_id = $workspace ORDER BY created_at, name`,
      { workspace: workspaceId },
    );
    return rows.map(toApiKey);
  }

  findByHash(keyHash: string): Promise<ApiKey | undefined> {
    return this.one('key_hash = $hash', { hash: keyHash });
  }

  async revoke(workspaceId: string, name: string): Promise<ApiKey | undefined> {
    await this.connection.run(
      `UPDATE api_keys SET revoked_at = now()
       WHERE workspace_id = $workspace AND name = $name AND revoked_at IS NULL`,
      { workspace: workspaceId, name },
    );
    return this.one('workspace_id = $workspace AND name = $name', { workspace: workspaceId, name });
  }

  private async one(where: string, params: Record<string, string>): Promise<ApiKey | undefined> {
    const rows = await this.store.query<ApiKeyRow>(`SELECT ${columns} FROM api_keys WHERE ${where}`, params);
    return rows[0] && toApiKey(rows[0]);
  }
}

function toApiKey(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    name: row.name,
    role: row.role as Role,
    keyPrefix: row.key_prefix,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}
