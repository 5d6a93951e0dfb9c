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
