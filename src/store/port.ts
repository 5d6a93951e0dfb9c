import type {
  ApiKey,
  ErasureRecord,
  ErasureRequest,
  IdentityChange,
  IdentityImage,
  IdentitySourceEvent,
  IdentitySourceRequest,
  IdentityState,
  JourneyEventsState,
  JsonObject,
  MatchReviewQuery,
  MatchReviewRow,
  MergeRow,
  NewApiKey,
  NewRefusal,
  NewSource,
  OperatorLinkRow,
  ProfileMatch,
  ProfileRecord,
  ProfileRefreshOptions,
  ProfileValueRow,
  Source,
  SplitRow,
  StoredEvent,
  SuppressedIdentifier,
  TimelineQuery,
  ValueQuery,
} from './types.ts';

/**
 * The storage port: everything the rest of Panorama may ask of an engine.
 * Events are append-only; there is deliberately no way to update one.
 */
export interface Store {
  readonly dialect: 'duckdb' | 'clickhouse';
  readonly events: EventStore;
  readonly sources: SourceStore;
  readonly apiKeys: ApiKeyStore;
  readonly identity: IdentityStore;
  readonly profiles: ProfileStore;
  readonly privacy: PrivacyStore;
  readonly matching: MatchingStore;
  readonly journeys: JourneyStore;
  /** Runs a read-only query written for this engine's dialect and returns plain row objects. */
  query<Row extends Record<string, unknown>>(sql: string, params?: Record<string, SqlValue>): Promise<Row[]>;
  close(): Promise<void>;
}

export type SqlValue = string | number | boolean | null | Date;

export interface EventStore {
  /**
   * Stores events and refused items in one atomic write: all of them or none.
   * Resolves only once the write is durable.
   */
  append(events: readonly StoredEvent[], refusals?: readonly NewRefusal[]): Promise<void>;
  /**
   * Optional: does part of a later `append`'s work (e.g. serialising rows) as soon as events are
   * accepted, so that it overlaps the write under way. Stores nothing; `append` still must be called.
   * Several `append`s may then run at once; each must stay atomic on its own.
   */
  prepare?(events: readonly StoredEvent[]): void;
  /** Message ids received since `since` (for the deduplication window), by workspace. */
  recentMessageIds(since: Date): Promise<{ workspaceId: string; messageId: string; receivedAt: Date }[]>;
  /** Which of these message ids the workspace already holds, whenever they were received. */
  existingMessageIds(workspaceId: string, messageIds: readonly string[]): Promise<Set<string>>;
  count(workspaceId?: string): Promise<number>;
  /** Writes every event to a Parquet or CSV file. */
  exportTo(path: string, format: 'parquet' | 'csv'): Promise<number>;
}

export interface ApiKeyStore {
  create(key: NewApiKey): Promise<ApiKey>;
  list(workspaceId: string): Promise<ApiKey[]>;
  /** The key whose secret hashes to this, revoked or not. */
  findByHash(keyHash: string): Promise<ApiKey | undefined>;
  /** Revokes the named key; answers it, or undefined when there is none. */
  revoke(workspaceId: string, name: string): Promise<ApiKey | undefined>;
}

export interface SourceStore {
  create(source: NewSource): Promise<Source>;
  list(workspaceId?: string): Promise<Source[]>;
  findByName(workspaceId: string, name: string): Promise<Source | undefined>;
  findByWriteKey(writeKey: string): Promise<Source | undefined>;
  rotateWriteKey(sourceId: string, newWriteKey: string): Promise<Source>;
}

/**
 * The identity tables: the persisted, queryable image of the identity graph, by workspace.
 * Writes go through their own connection, so they never run inside an event write.
 */
export interface IdentityStore {
  /**
   * What identity extraction needs of every stored event, in chunks, without loading them all at
   * once. Chunks come in time order: each holds events of one workspace, none of them earlier (to
   * the millisecond) than an event of that workspace in a chunk before it, so that stitching one
   * chunk after another never goes back. Within a chunk, events come in no particular order.
   */
  sourceEvents(request?: IdentitySourceRequest): AsyncIterable<IdentitySourceEvent[]>;
  /** Applies an incremental change in one transaction. */
  apply(workspaceId: string, change: IdentityChange): Promise<void>;
  /**
   * Replaces everything held for the workspace (a rebuild; splits and operator links are kept,
   * `splits` and `operatorLinks` added) in one transaction.
   */
  replace(
    workspaceId: string,
    image: IdentityImage,
    state: IdentityState,
    splits?: readonly SplitRow[],
    operatorLinks?: readonly OperatorLinkRow[],
  ): Promise<void>;
  /** Everything held for the workspace, each list in a stable order. */
  read(workspaceId: string): Promise<IdentityImage>;
  state(workspaceId: string): Promise<IdentityState | undefined>;
  /** The operators' split decisions of every workspace. */
  splits(): Promise<(SplitRow & { workspaceId: string })[]>;
  /**
   * The operators' links (merges they decided) of every workspace. Optional, so that a store or
   * wrapper keeping none need not say so; loading then honours none.
   */
  operatorLinks?(): Promise<(OperatorLinkRow & { workspaceId: string })[]>;
}

/**
 * The single customer view's tables: traits, consents and summaries kept per profile, recomputed
 * from the events and the identity tables, and the reads the customer API makes.
 */
export interface ProfileStore {
  /**
   * Replaces the workspace's computed value traits and the summary of the valuation that gave
   * them (models, equity, tiers) in one transaction.
   */
  saveValues(
    workspaceId: string,
    valuation: { asOf: string; customers: readonly ProfileValueRow[]; summary: JsonObject },
  ): Promise<void>;
  /** Customers by value (CLV, else expected purchases), most valuable first. */
  values(workspaceId: string, query: ValueQuery): Promise<{ total: number; customers: ProfileValueRow[] }>;
  value(workspaceId: string, profileId: string): Promise<(ProfileValueRow & { asOf: string }) | undefined>;
  /** The latest valuation's summary, with when it was computed. */
  valuation(
    workspaceId: string,
  ): Promise<{ computedAt: Date; asOf: string; summary: JsonObject } | undefined>;
  /** Recomputes the workspace's profiles (or only those listed) in one transaction. */
  refresh(workspaceId: string, options?: ProfileRefreshOptions): Promise<void>;
  /** The profile holding this normalised identifier, if any. */
  findByIdentifier(workspaceId: string, type: string, value: string): Promise<string | undefined>;
  /** Profiles whose name, e-mail or phone starts with `text` (case-insensitive), most recent first. */
  search(workspaceId: string, text: string, limit: number): Promise<ProfileMatch[]>;
  get(workspaceId: string, profileId: string): Promise<ProfileRecord | undefined>;
  /** A profile's events, newest first (one more than `limit` when there are more). */
  timeline(workspaceId: string, profileId: string, query: TimelineQuery): Promise<StoredEvent[]>;
  /**
   * How the profile came to be: the merges that built it, and the operators' splits that took
   * identifiers it holds apart from others, each oldest first.
   */
  history(workspaceId: string, profileId: string): Promise<{ merges: MergeRow[]; splits: SplitRow[] }>;
  /**
   * The next `limit` profiles after `after` (from the first when null), in profile-id order, each
   * with what `get` and `value` answer, read in one snapshot with a few queries per batch: for
   * filling a cache of customer views in the background, not for answering a request.
   */
  profilesAfter(workspaceId: string, after: string | null, limit: number): Promise<ProfileWithValue[]>;
  /** The next `limit` value rows after `after`, in profile-id order (same use as `profilesAfter`). */
  valuesAfter(
    workspaceId: string,
    after: string | null,
    limit: number,
  ): Promise<(ProfileValueRow & { asOf: string })[]>;
  /**
   * A digest of every row the workspace's customer views are read from: it changes whenever a view
   * does, whoever changed it (a cache kept across restarts checks it at start-up).
   */
  viewsDigest(workspaceId: string): Promise<string>;
}

/** A profile's record with its value traits (undefined until it is valued). */
export type ProfileWithValue = ProfileRecord & { value: (ProfileValueRow & { asOf: string }) | undefined };

/**
 * The right to be forgotten. Erasing is the one way events ever leave the store: a person's
 * events, identity rows and profile go in one transaction, a tombstone and the digests of their
 * identifiers stay, so that the same identifiers are turned away from then on.
 */
export interface PrivacyStore {
  erase(workspaceId: string, request: ErasureRequest): Promise<ErasureRecord>;
  erasures(workspaceId: string): Promise<ErasureRecord[]>;
  suppressed(): Promise<SuppressedIdentifier[]>;
}

/**
 * What probabilistic matching needs of the stored profiles: their comparable fields as records,
 * and the review queue of the pairs it was not sure enough to link alone.
 */
export interface MatchingStore {
  /** The names of the traits the workspace's profiles hold. */
  traitNames(workspaceId: string): Promise<string[]>;
  /**
   * Writes one record per profile to a Parquet file: `profile_id`, then one text column per
   * field, the latest value of the traits mapped to it (`traits`: trait name → field) or the
   * profile's identifier of a type mapped to it (`identifiers`: identifier type → field), and
   * `identifiers`, up to five of its identifiers as `type:value` (user id first, anonymous ids last). Only
   * profiles with at least `minimumFields` fields, or one of `enoughAlone`, are written; answers
   * how many were.
   */
  writeProfileRecords(
    workspaceId: string,
    path: string,
    fields: {
      traits: Readonly<Record<string, string>>;
      identifiers: Readonly<Record<string, string>>;
      minimumFields: number;
      enoughAlone: readonly string[];
    },
  ): Promise<number>;
  /** Adds the pairs whose review id is not held yet; answers how many were added. */
  propose(workspaceId: string, reviews: readonly MatchReviewRow[]): Promise<number>;
  /** The queue, most likely pairs first. */
  reviews(workspaceId: string, query?: MatchReviewQuery): Promise<MatchReviewRow[]>;
  review(workspaceId: string, reviewId: string): Promise<MatchReviewRow | undefined>;
  /** Records an operator's decision on a pair (only a pending one); answers the pair as it now stands. */
  decide(
    workspaceId: string,
    reviewId: string,
    decision: { status: 'accepted' | 'rejected'; by: string; at: Date; reason: string | null },
  ): Promise<MatchReviewRow | undefined>;
}

/**
 * The materialised `journey_events` relation every journey analysis reads: the workspace's events
 * resolved to profiles and mapped to touchpoints, rebuilt whole when what it was built from changed.
 */
export interface JourneyStore {
  /**
   * Replaces the workspace's `journey_events` rows with those `select` gives (its columns:
   * profile_id, ts, channel, action, touchpoint, stage, event, revenue, written sorted by profile
   * and time) and records `digest` as what they were built from, in one transaction.
   */
  materialise(
    workspaceId: string,
    select: { sql: string; params: Record<string, SqlValue> },
    digest: string,
  ): Promise<{ rows: number }>;
  /** What the workspace's rows were last built from, or undefined if they never were. */
  state(workspaceId: string): Promise<JourneyEventsState | undefined>;
}
