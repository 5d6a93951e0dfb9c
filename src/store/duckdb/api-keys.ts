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
  /**
   * Keys by hash, as last read: every JSON API request checks its key, and the table only
   * changes through this object (one process owns the database), which forgets them on change.
   */
  private readonly known = new Map<string, ApiKey | undefined>();

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
    this.known.clear();
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
    this.known.clear();
    return this.one('id = $id', { id }) as Promise<ApiKey>;
  }

  async list(workspaceId: string): Promise<ApiKey[]> {
    const rows = await this.store.query<ApiKeyRow>(
      `SELECT ${columns} FROM api_keys WHERE workspace_id = $workspace ORDER BY created_at, name`,
      { workspace: workspaceId },
    );
    return rows.map(toApiKey);
  }

  async findByHash(keyHash: string): Promise<ApiKey | undefined> {
    if (this.known.has(keyHash)) return this.known.get(keyHash);
    const key = await this.one('key_hash = $hash', { hash: keyHash });
    if (this.known.size >= 10_000) this.known.clear();
    this.known.set(keyHash, key);
    return key;
  }

  async revoke(workspaceId: string, name: string): Promise<ApiKey | undefined> {
    this.known.clear();
    await this.connection.run(
      `UPDATE api_keys SET revoked_at = now()
       WHERE workspace_id = $workspace AND name = $name AND revoked_at IS NULL`,
      { workspace: workspaceId, name },
    );
    // Again: a look-up that read the key before the update may have cached it meanwhile.
    this.known.clear();
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
