import { PanoramaError } from '../errors.ts';
import type { IdentifierSettings } from '../identity/identifiers/index.ts';
import type { Store } from '../store/port.ts';
import type {
  MergeRow,
  ProfileMatch,
  ProfileRecord,
  ProfileSummaryRow,
  ProfileValueRow,
  SplitRow,
  StoredEvent,
} from '../store/types.ts';
import { type ConsentView, consentView } from './consent.ts';
import { parseIdentifierQuery } from './identifier-query.ts';
import { decodeCursor, encodeCursor } from './timeline-cursor.ts';

export interface TraitValue {
  value: unknown;
  source: string;
  channel: string;
  observedAt: Date;
}

/**
 * Everything Panorama knows about one customer, as the single customer view shows it. The view
 * cache keeps it as JSON (`view-cache-json.ts`): bump `viewFormat` there when this changes.
 */
export interface CustomerView {
  id: string;
  firstSeen: Date;
  lastSeen: Date;
  events: number;
  merges: number;
  identities: { type: string; value: string; raw: string; firstSeen: Date; lastSeen: Date }[];
  traits: Record<string, TraitValue>;
  consent: ConsentView;
  summary: ProfileSummaryRow | null;
  /** Computed value traits (null until customers have been valued). */
  value: ComputedValue | null;
}

export interface ComputedValue {
  asOf: string;
  clv: number | null;
  probabilityAlive: number;
  expectedPurchases90d: number;
  expectedSpend: number | null;
  valueTier: number;
  rfmSegment: string;
  rfm: { recency: number; frequency: number; monetary: number };
}

export async function customerView(
  store: Store,
  workspaceId: string,
  profileId: string,
): Promise<CustomerView> {
  const [record, value] = await Promise.all([
    store.profiles.get(workspaceId, profileId),
    store.profiles.value(workspaceId, profileId),
  ]);
  if (!record) throw new PanoramaError('profiles.not_found', `No profile ${profileId} in this workspace.`);
  return customerViewOf(profileId, record, value);
}

/** The view of a profile from what the store holds of it (`get` and `value`, or `profilesAfter`). */
export function customerViewOf(
  profileId: string,
  record: ProfileRecord,
  value: (ProfileValueRow & { asOf: string }) | undefined,
): CustomerView {
  const traits: Record<string, TraitValue> = {};
  for (const { trait, value, source, channel, observedAt } of record.traits) {
    traits[trait] = { value, source, channel, observedAt };
  }
  return {
    id: profileId,
    firstSeen: record.profile.firstSeen,
    lastSeen: record.profile.lastSeen,
    events: record.profile.events,
    merges: record.profile.merges,
    identities: record.identifiers.map(({ idType, idValue, raw, firstSeen, lastSeen }) => ({
      type: idType,
      value: idValue,
      raw,
      firstSeen,
      lastSeen,
    })),
    traits,
    consent: consentView(record.consents),
    summary: record.summary,
    value: value ? computedValueOf(value) : null,
  };
}

/** The value block of a view from a profile's value row. */
export function computedValueOf(value: ProfileValueRow & { asOf: string }): ComputedValue {
  return {
    asOf: value.asOf,
    clv: value.clv,
    probabilityAlive: value.probabilityAlive,
    expectedPurchases90d: value.expectedPurchases90d,
    expectedSpend: value.expectedSpend,
    valueTier: value.valueTier,
    rfmSegment: value.rfmSegment,
    rfm: value.rfm,
  };
}

/**
 * The customer holding an identifier given as `type:value`.
 * @example await findCustomer(store, 'default', 'email:Jane@Example.com')
 */
export async function findCustomer(
  store: Store,
  workspaceId: string,
  identifier: string,
  settings?: IdentifierSettings,
): Promise<CustomerView> {
  const { type, value } = parseIdentifierQuery(identifier, settings);
  const profileId = await store.profiles.findByIdentifier(workspaceId, type, value);
  if (!profileId) throw unknownIdentifier(type, value);
  return customerView(store, workspaceId, profileId);
}

export function unknownIdentifier(type: string, value: string): PanoramaError {
  return new PanoramaError('identity.unknown_identifier', `No customer holds ${type}:${value}.`);
}

/** Customers whose name, e-mail or phone starts with `text` (two characters at least). */
export function searchCustomers(
  store: Store,
  workspaceId: string,
  text: string,
  limit = 20,
): Promise<ProfileMatch[]> {
  if (text.trim().length < 2) {
    throw new PanoramaError(
      'profiles.invalid_query',
      'q: give at least two characters of a name, e-mail or phone.',
    );
  }
  return store.profiles.search(workspaceId, text, Math.min(Math.max(limit, 1), 100));
}

export interface TimelineRequest {
  limit?: number;
  cursor?: string;
  channels?: readonly string[];
  types?: readonly string[];
  events?: readonly string[];
}

export interface TimelinePage {
  events: StoredEvent[];
  /** Pass it back as `cursor` for the next (older) page; null on the last page. */
  next: string | null;
}

/** One page of everything the customer did, on every channel, newest first. */
export async function customerTimeline(
  store: Store,
  workspaceId: string,
  profileId: string,
  request: TimelineRequest = {},
): Promise<TimelinePage> {
  const limit = Math.min(Math.max(Math.floor(request.limit ?? 50), 1), 500);
  const before = request.cursor ? decodeCursor(request.cursor) : undefined;
  const rows = await store.profiles.timeline(workspaceId, profileId, {
    limit,
    ...(before ? { before } : {}),
    ...(request.channels ? { channels: request.channels } : {}),
    ...(request.types ? { types: request.types } : {}),
    ...(request.events ? { events: request.events } : {}),
  });
  if (rows.length === 0 && !(await store.profiles.get(workspaceId, profileId))) {
    throw new PanoramaError('profiles.not_found', `No profile ${profileId} in this workspace.`);
  }
  const events = rows.slice(0, limit);
  const last = events.at(-1);
  return {
    events,
    next:
      rows.length > limit && last ? encodeCursor({ at: last.timestamp, messageId: last.messageId }) : null,
  };
}

/** How the profile was built: each merge with the identifiers that linked it, and the splits operators made. */
export async function mergeHistory(
  store: Store,
  workspaceId: string,
  profileId: string,
): Promise<{ merges: MergeRow[]; splits: SplitRow[] }> {
  await customerView(store, workspaceId, profileId);
  return store.profiles.history(workspaceId, profileId);
}
