/** The channels a source can belong to. */
export const channels = [
  'web',
  'app',
  'email',
  'store',
  'call_centre',
  'chat',
  'social',
  'survey',
  'crm',
  'other',
] as const;
export type Channel = (typeof channels)[number];

export const eventTypes = ['identify', 'track', 'page', 'screen', 'group', 'alias'] as const;
export type EventType = (typeof eventTypes)[number];

export type JsonObject = { [key: string]: unknown };

/** An event as it is kept: immutable once stored. The write key is never part of it. */
export interface StoredEvent {
  workspaceId: string;
  sourceId: string;
  channel: Channel;
  messageId: string;
  type: EventType;
  /** Track event name, or page/screen name. */
  name: string | null;
  userId: string | null;
  anonymousId: string | null;
  groupId: string | null;
  previousId: string | null;
  timestamp: Date;
  originalTimestamp: Date | null;
  sentAt: Date | null;
  receivedAt: Date;
  /** True when the timestamp was more than 24 h in the future and was brought back to receivedAt. */
  timestampClamped: boolean;
  origin: 'api' | 'import';
  properties: JsonObject | null;
  traits: JsonObject | null;
  context: JsonObject | null;
  integrations: JsonObject | null;
  ip: string | null;
  userAgent: string | null;
  locale: string | null;
  consent: JsonObject | null;
  campaign: JsonObject | null;
  libraryName: string | null;
  libraryVersion: string | null;
}

/** An item that was refused, kept with the reason so nothing disappears silently. */
export interface NewRefusal {
  workspaceId: string;
  sourceId: string | null;
  receivedAt: Date;
  origin: 'api' | 'import';
  reason: string;
  payload: string;
}

export interface NewSource {
  workspaceId: string;
  name: string;
  channel: Channel;
  writeKey: string;
}

export interface Source extends NewSource {
  id: string;
  createdAt: Date;
}

/** What an API key lets its holder do, from least to most. */
export const roles = ['viewer', 'operator', 'admin'] as const;
export type Role = (typeof roles)[number];

/** An API key as kept: only a hash of the secret, and its first characters to recognise it. */
export interface ApiKey {
  id: string;
  workspaceId: string;
  name: string;
  role: Role;
  keyPrefix: string;
  createdAt: Date;
  revokedAt: Date | null;
}

export interface NewApiKey {
  workspaceId: string;
  name: string;
  role: Role;
  keyHash: string;
  keyPrefix: string;
}

/**
 * What identity extraction reads of a stored event (`context` holds only its `traits` and
 * `externalIds`; with `namesIdentifier` given, traits and properties only when they may hold one).
 */
export type IdentitySourceEvent = Pick<
  StoredEvent,
  | 'workspaceId'
  | 'messageId'
  | 'timestamp'
  | 'type'
  | 'userId'
  | 'anonymousId'
  | 'previousId'
  | 'traits'
  | 'context'
  | 'properties'
>;

/** How to read the stored events for identity (`IdentityStore.sourceEvents`). */
export interface IdentitySourceRequest {
  /** Events per chunk, roughly (20,000 unless given). */
  chunkSize?: number;
  /**
   * Whether extraction reads a trait or property of this name. When given, `traits` and
   * `properties` come only when one of their names is one it reads (null otherwise): most
   * events' properties hold none, and they are most of the text to read.
   */
  namesIdentifier?: (name: string) => boolean;
}

/** A profile of the identity graph, as kept. */
export interface ProfileRow {
  profileId: string;
  firstSeen: Date;
  lastSeen: Date;
  events: number;
  merges: number;
}

/** An identifier and the profile holding it. */
export interface IdentityLinkRow {
  idType: string;
  idValue: string;
  raw: string;
  profileId: string;
  firstSeen: Date;
  lastSeen: Date;
}

export interface EventProfileRow {
  messageId: string;
  profileId: string;
}

/** A merge record, as kept (identifier lists as JSON). */
export interface MergeRow {
  mergeId: string;
  at: Date;
  messageId: string;
  rule: string;
  into: string;
  absorbed: string[];
  linkedBy: { type: string; value: string; raw: string }[];
  sides: string[][];
  /** Who merged the profiles, for an operator's merge (rule `operator`). */
  by?: string;
  reason?: string | null;
}

/** An operator's decision to merge two profiles, as kept: the most trusted identifier of each. */
export interface OperatorLinkRow {
  linkId: string;
  identifiers: { type: string; value: string; raw: string }[];
  by: string;
  at: Date;
  reason: string | null;
  /** `probabilistic` when the matcher made the link above its automatic threshold. */
  rule: 'operator' | 'probabilistic';
}

/** An operator's split decision, as kept. */
export interface SplitRow {
  splitId: string;
  mergeId: string;
  sides: string[][];
  by: string;
  at: Date;
  reason: string | null;
}

/** Where a pair in the matching review queue stands. */
export type MatchReviewStatus = 'pending' | 'accepted' | 'rejected';

/** One side of a proposed pair: the profile as it was proposed, and identifiers that find it again. */
export interface MatchReviewSide {
  profileId: string;
  /** Its identifiers (most trusted first) when the pair was proposed. */
  identifiers: { type: string; value: string }[];
}

/**
 * A pair of profiles that probabilistic matching scored between its review and automatic
 * thresholds: an operator accepts it (the profiles are linked) or rejects it (never proposed or
 * linked by the matcher again).
 */
export interface MatchReviewRow {
  /** Derived from the two sides' first identifiers: the same pair always gets the same id. */
  reviewId: string;
  sides: [MatchReviewSide, MatchReviewSide];
  probability: number;
  matchWeight: number;
  /** Field by field: the two values, the comparison level and its weight. */
  explanation: JsonObject[];
  proposedAt: Date;
  status: MatchReviewStatus;
  decidedBy: string | null;
  decidedAt: Date | null;
  reason: string | null;
}

/** What to read of the review queue. */
export interface MatchReviewQuery {
  status?: MatchReviewStatus;
  limit?: number;
}

/** An identifier of an event that stitching did not use, and why. */
export interface DroppedIdentifierRow {
  messageId: string;
  idType: string;
  idValue: string;
  raw: string;
  reason: JsonObject;
}

/** Everything the identity tables hold for one workspace. */
export interface IdentityImage {
  profiles: ProfileRow[];
  links: IdentityLinkRow[];
  eventProfiles: EventProfileRow[];
  merges: MergeRow[];
  dropped: DroppedIdentifierRow[];
}

/** Which events (how many) and which rules the identity tables of a workspace reflect. */
export interface IdentityState {
  eventsStitched: number;
  rulesDigest: string;
}

/**
 * One incremental change to a workspace's identity tables, applied atomically. Rows of the profiles
 * in `profileIds` (with their links) and of the events in `messageIds` (with their dropped
 * identifiers) are replaced by those given; events of a profile in `reassigned` move to its heir.
 */
export interface IdentityChange {
  profileIds: string[];
  profiles: ProfileRow[];
  links: IdentityLinkRow[];
  reassigned: { from: string; to: string }[];
  messageIds: string[];
  eventProfiles: EventProfileRow[];
  dropped: DroppedIdentifierRow[];
  merges: MergeRow[];
  undoneMergeIds: string[];
  /** Operators' split decisions taken since the last change. */
  splits: SplitRow[];
  /** Operators' links taken since the last change. */
  operatorLinks?: OperatorLinkRow[];
  state: IdentityState;
}

/** What to recompute of the single customer view: a workspace, or only some of its profiles. */
export interface ProfileRefreshOptions {
  /** Only these profiles (the others are left as they are); profiles gone are simply removed. */
  profileIds?: readonly string[];
  /** Per trait, the sources to trust first (best first); `*` applies to every trait. */
  traitSources?: Readonly<Record<string, readonly string[]>>;
}

/** A trait's current value and where it came from. */
export interface TraitRow {
  trait: string;
  value: unknown;
  source: string;
  channel: string;
  observedAt: Date;
  messageId: string;
}

/** The latest consent statement for a purpose on a channel (`all` for every channel). */
export interface ConsentRow {
  purpose: string;
  channel: string;
  granted: boolean;
  source: string;
  observedAt: Date;
}

/** What a profile's events add up to. */
export interface ProfileSummaryRow {
  firstSeen: Date;
  lastSeen: Date;
  events: number;
  channels: string[];
  orders: number;
  revenue: number;
  lastOrder: Date | null;
  lastContact: Date | null;
  lastContactChannel: string | null;
  openTickets: number;
}

/** Everything the single customer view holds of one profile. */
export interface ProfileRecord {
  profile: ProfileRow;
  identifiers: IdentityLinkRow[];
  traits: TraitRow[];
  consents: ConsentRow[];
  summary: ProfileSummaryRow | null;
}

/** A page of a profile's timeline, newest first; `before` continues after a previous page. */
export interface TimelineQuery {
  limit: number;
  before?: { at: Date; messageId: string };
  channels?: readonly string[];
  types?: readonly string[];
  events?: readonly string[];
}

/** A profile found by a search, with what identifies it to a person. */
export interface ProfileMatch {
  profileId: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  lastSeen: Date;
}

/** What an erasure removes: a profile, its identifiers (to suppress) and the events they carry. */
export interface ErasureRequest {
  erasureId: string;
  profileId: string;
  /** The profile's identifiers, normalised and as first seen (raw), with their digests. */
  identifiers: { type: string; value: string; raw: string; digest: string }[];
  by: string;
  at: Date;
  reason: string | null;
}

/** The tombstone an erasure leaves: who, when, why and how much; nothing about the person. */
export interface ErasureRecord {
  erasureId: string;
  profileId: string;
  by: string;
  at: Date;
  reason: string | null;
  identifiers: number;
  events: number;
}

export interface SuppressedIdentifier {
  workspaceId: string;
  idType: string;
  valueDigest: string;
}

/** A customer's computed value traits, as kept on the profile. */
export interface ProfileValueRow {
  profileId: string;
  probabilityAlive: number;
  expectedPurchases90d: number;
  expectedSpend: number | null;
  clv: number | null;
  valueTier: number;
  rfmSegment: string;
  rfm: { recency: number; frequency: number; monetary: number };
}

/** Which customers to list, most valuable first. */
export interface ValueQuery {
  limit: number;
  offset: number;
  segment?: string;
  tier?: number;
}

/** When a workspace's `journey_events` rows were last built, and from what (its digest). */
export interface JourneyEventsState {
  /** What the rows were built from; a different digest means they are stale. */
  digest: string;
  rows: number;
  builtAt: Date;
}
