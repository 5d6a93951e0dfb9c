/**
 * Versioned schema changes, applied in order, each once, each in its own transaction.
 * Never edit a migration that has shipped: add a new one.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'sources and events',
    sql: `
      CREATE TABLE sources (
        id VARCHAR PRIMARY KEY,
        workspace_id VARCHAR NOT NULL,
        name VARCHAR NOT NULL,
        channel VARCHAR NOT NULL,
        write_key VARCHAR NOT NULL UNIQUE,
        created_at TIMESTAMPTZ NOT NULL,
        UNIQUE (workspace_id, name)
      );
      CREATE TABLE events (
        workspace_id VARCHAR NOT NULL,
        source_id VARCHAR NOT NULL,
        channel VARCHAR NOT NULL,
        message_id VARCHAR NOT NULL,
        type VARCHAR NOT NULL,
        name VARCHAR,
        user_id VARCHAR,
        anonymous_id VARCHAR,
        group_id VARCHAR,
        previous_id VARCHAR,
        timestamp TIMESTAMPTZ NOT NULL,
        original_timestamp TIMESTAMPTZ,
        sent_at TIMESTAMPTZ,
        received_at TIMESTAMPTZ NOT NULL,
        timestamp_clamped BOOLEAN NOT NULL,
        origin VARCHAR NOT NULL,
        properties JSON,
        traits JSON,
        context JSON,
        integrations JSON,
        ip VARCHAR,
        user_agent VARCHAR,
        locale VARCHAR,
        consent JSON,
        campaign JSON,
        library_name VARCHAR,
        library_version VARCHAR
      );
      CREATE TABLE refused_events (
        workspace_id VARCHAR NOT NULL,
        source_id VARCHAR,
        received_at TIMESTAMPTZ NOT NULL,
        origin VARCHAR NOT NULL,
        reason VARCHAR NOT NULL,
        payload VARCHAR NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'API keys',
    sql: `
      CREATE TABLE api_keys (
        id VARCHAR PRIMARY KEY,
        workspace_id VARCHAR NOT NULL,
        name VARCHAR NOT NULL,
        role VARCHAR NOT NULL,
        key_hash VARCHAR NOT NULL UNIQUE,
        key_prefix VARCHAR NOT NULL,
        created_at TIMESTAMPTZ NOT NULL,
        revoked_at TIMESTAMPTZ,
        UNIQUE (workspace_id, name)
      );
    `,
  },
];
