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
  {
    version: 3,
    name: 'identity graph',
    // No primary keys: rows are replaced by delete-then-insert inside one transaction, which
    // DuckDB's unique indexes can refuse; the identity service keeps each key unique itself.
    sql: `
      CREATE TABLE identity_profiles (
        workspace_id VARCHAR NOT NULL,
        profile_id VARCHAR NOT NULL,
        first_seen TIMESTAMPTZ NOT NULL,
        last_seen TIMESTAMPTZ NOT NULL,
        events BIGINT NOT NULL,
        merges INTEGER NOT NULL
      );
      CREATE TABLE identity_links (
        workspace_id VARCHAR NOT NULL,
        id_type VARCHAR NOT NULL,
        id_value VARCHAR NOT NULL,
        raw VARCHAR NOT NULL,
        profile_id VARCHAR NOT NULL,
        first_seen TIMESTAMPTZ NOT NULL,
        last_seen TIMESTAMPTZ NOT NULL
      );
      CREATE TABLE identity_event_profiles (
        workspace_id VARCHAR NOT NULL,
        message_id VARCHAR NOT NULL,
        profile_id VARCHAR NOT NULL
      );
      CREATE TABLE identity_merges (
        workspace_id VARCHAR NOT NULL,
        merge_id VARCHAR NOT NULL,
        merged_at TIMESTAMPTZ NOT NULL,
        message_id VARCHAR NOT NULL,
        rule VARCHAR NOT NULL,
        into_profile_id VARCHAR NOT NULL,
        absorbed JSON NOT NULL,
        linked_by JSON NOT NULL,
        sides JSON NOT NULL
      );
      CREATE TABLE identity_splits (
        workspace_id VARCHAR NOT NULL,
        split_id VARCHAR NOT NULL,
        merge_id VARCHAR NOT NULL,
        sides JSON NOT NULL,
        decided_by VARCHAR NOT NULL,
        decided_at TIMESTAMPTZ NOT NULL,
        reason VARCHAR
      );
      CREATE TABLE identity_dropped (
        workspace_id VARCHAR NOT NULL,
        message_id VARCHAR NOT NULL,
        id_type VARCHAR NOT NULL,
        id_value VARCHAR NOT NULL,
        raw VARCHAR NOT NULL,
        reason JSON NOT NULL
      );
      CREATE TABLE identity_state (
        workspace_id VARCHAR NOT NULL,
        events_stitched BIGINT NOT NULL,
        rules_digest VARCHAR NOT NULL,
        updated_at TIMESTAMPTZ NOT NULL
      );
    `,
  },
  {
    version: 4,
    name: 'profiles',
    // What the single customer view reads, kept per profile when identity is written. DuckDB
    // uses an index only for an equality on one indexed column, hence single-column indexes
    // (and none on identity_event_profiles: maintaining it doubled every identity commit).
    sql: `
      CREATE TABLE profile_traits (
        workspace_id VARCHAR NOT NULL,
        profile_id VARCHAR NOT NULL,
        trait VARCHAR NOT NULL,
        value JSON NOT NULL,
        source VARCHAR NOT NULL,
        channel VARCHAR NOT NULL,
        observed_at TIMESTAMPTZ NOT NULL,
        message_id VARCHAR NOT NULL
      );
      CREATE TABLE profile_consents (
        workspace_id VARCHAR NOT NULL,
        profile_id VARCHAR NOT NULL,
        purpose VARCHAR NOT NULL,
        channel VARCHAR NOT NULL,
        granted BOOLEAN NOT NULL,
        source VARCHAR NOT NULL,
        observed_at TIMESTAMPTZ NOT NULL
      );
      CREATE TABLE profile_summaries (
        workspace_id VARCHAR NOT NULL,
        profile_id VARCHAR NOT NULL,
        first_seen TIMESTAMPTZ NOT NULL,
        last_seen TIMESTAMPTZ NOT NULL,
        events BIGINT NOT NULL,
        channels VARCHAR[] NOT NULL,
        orders BIGINT NOT NULL,
        revenue DOUBLE NOT NULL,
        last_order TIMESTAMPTZ,
        last_contact TIMESTAMPTZ,
        last_contact_channel VARCHAR,
        open_tickets BIGINT NOT NULL
      );
      CREATE INDEX identity_links_by_value ON identity_links (id_value);
      CREATE INDEX identity_links_by_profile ON identity_links (profile_id);
      CREATE INDEX identity_profiles_by_id ON identity_profiles (profile_id);
      CREATE INDEX profile_traits_by_profile ON profile_traits (profile_id);
      CREATE INDEX profile_consents_by_profile ON profile_consents (profile_id);
      CREATE INDEX profile_summaries_by_profile ON profile_summaries (profile_id);
    `,
  },
  {
    version: 5,
    name: 'erasures and suppression',
    // Only digests of erased identifiers are kept: enough to recognise them, not to read them.
    sql: `
      CREATE TABLE erasures (
        workspace_id VARCHAR NOT NULL,
        erasure_id VARCHAR NOT NULL,
        profile_id VARCHAR NOT NULL,
        requested_by VARCHAR NOT NULL,
        erased_at TIMESTAMPTZ NOT NULL,
        reason VARCHAR,
        identifiers INTEGER NOT NULL,
        events BIGINT NOT NULL
      );
      CREATE TABLE suppressed_identifiers (
        workspace_id VARCHAR NOT NULL,
        id_type VARCHAR NOT NULL,
        value_digest VARCHAR NOT NULL,
        erasure_id VARCHAR NOT NULL,
        created_at TIMESTAMPTZ NOT NULL
      );
    `,
  },
  {
    version: 6,
    name: 'operator links',
    // Merges operators decide are kept as decisions (like splits), which every rebuild replays;
    // the merge they cause names who decided and why.
    sql: `
      CREATE TABLE identity_operator_links (
        workspace_id VARCHAR NOT NULL,
        link_id VARCHAR NOT NULL,
        identifiers JSON NOT NULL,
        decided_by VARCHAR NOT NULL,
        decided_at TIMESTAMPTZ NOT NULL,
        reason VARCHAR
      );
      ALTER TABLE identity_merges ADD COLUMN decided_by VARCHAR;
      ALTER TABLE identity_merges ADD COLUMN reason VARCHAR;
    `,
  },
  {
    version: 7,
    name: 'customer value',
    sql: `
      CREATE TABLE profile_values (
        workspace_id VARCHAR NOT NULL,
        profile_id VARCHAR NOT NULL,
        as_of DATE NOT NULL,
        probability_alive DOUBLE NOT NULL,
        expected_purchases_90d DOUBLE NOT NULL,
        expected_spend DOUBLE,
        clv DOUBLE,
        value_tier INTEGER NOT NULL,
        rfm_segment VARCHAR NOT NULL,
        rfm_recency INTEGER NOT NULL,
        rfm_frequency INTEGER NOT NULL,
        rfm_monetary INTEGER NOT NULL
      );
      CREATE INDEX profile_values_by_profile ON profile_values (profile_id);
      CREATE TABLE value_models (
        workspace_id VARCHAR NOT NULL,
        computed_at TIMESTAMPTZ NOT NULL,
        as_of DATE NOT NULL,
        summary JSON NOT NULL
      );
    `,
  },
  {
    version: 8,
    name: 'probabilistic matching',
    // Links the matcher makes above its automatic threshold are kept with the operators' (every
    // rebuild replays them), marked by their rule; pairs between the thresholds wait for an
    // operator in the review queue, and a decided pair is never proposed again.
    sql: `
      ALTER TABLE identity_operator_links ADD COLUMN rule VARCHAR DEFAULT 'operator';
      CREATE TABLE identity_match_reviews (
        workspace_id VARCHAR NOT NULL,
        review_id VARCHAR NOT NULL,
        identifiers JSON NOT NULL,
        probability DOUBLE NOT NULL,
        match_weight DOUBLE NOT NULL,
        explanation JSON NOT NULL,
        proposed_at TIMESTAMPTZ NOT NULL,
        status VARCHAR NOT NULL,
        decided_by VARCHAR,
        decided_at TIMESTAMPTZ,
        reason VARCHAR
      );
    `,
  },
  {
    version: 9,
    name: 'no index on event profiles',
    // Stores made while version 4 still indexed identity_event_profiles by profile: every query
    // filters it by workspace too, so DuckDB never scans that index, yet each commit maintained
    // it (4–6 s of a rebuild's 1,000,000 rows).
    sql: `
      DROP INDEX IF EXISTS identity_event_profiles_by_profile;
    `,
  },
  {
    version: 10,
    name: 'journey events',
    // What every journey analysis scans: the events resolved to profiles and mapped to
    // touchpoints, rebuilt whole when stale and written sorted by (profile_id, ts), so that the
    // zone maps let a scan per profile skip most row groups. No index: nothing looks up one row.
    sql: `
      CREATE TABLE journey_events (
        workspace_id VARCHAR NOT NULL,
        profile_id VARCHAR NOT NULL,
        ts TIMESTAMPTZ NOT NULL,
        channel VARCHAR NOT NULL,
        action VARCHAR NOT NULL,
        touchpoint VARCHAR NOT NULL,
        stage VARCHAR,
        event VARCHAR NOT NULL,
        revenue DOUBLE
      );
      CREATE TABLE journey_state (
        workspace_id VARCHAR NOT NULL,
        digest VARCHAR NOT NULL,
        rows BIGINT NOT NULL,
        built_at TIMESTAMPTZ NOT NULL
      );
    `,
  },
];
