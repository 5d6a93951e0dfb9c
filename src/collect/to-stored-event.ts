import { randomUUID } from 'node:crypto';
import type { EventType, JsonObject, Source, StoredEvent } from '../store/types.ts';
import { eventTimes } from './event-time.ts';
import type { SegmentMessage } from './segment-schema.ts';

export interface Arrival {
  source: Source;
  receivedAt: Date;
  origin: 'api' | 'import';
  /** The batch's own sentAt, used when an item has none. */
  batchSentAt?: string;
  /** The caller's address, kept only when the message asks for it with `context.direct: true`. */
  requestIp?: string;
}

/** Turns a validated Segment message into the event Panorama keeps. */
export function toStoredEvent(message: SegmentMessage, type: EventType, arrival: Arrival): StoredEvent {
  const context = (message.context ?? null) as JsonObject | null;
  const times = eventTimes(message, arrival.receivedAt, arrival.batchSentAt);
  const library = objectAt(context, 'library');
  return {
    workspaceId: arrival.source.workspaceId,
    sourceId: arrival.source.id,
    channel: arrival.source.channel,
    messageId: message.messageId?.trim() || `pan-${randomUUID()}`,
    type,
    name: (type === 'track' ? message.event : message.name) ?? null,
    userId: idText(message.userId),
    anonymousId: idText(message.anonymousId),
    groupId: idText(message.groupId),
    previousId: idText(message.previousId),
    timestamp: times.timestamp,
    originalTimestamp: times.originalTimestamp,
    sentAt: times.sentAt,
    receivedAt: arrival.receivedAt,
    timestampClamped: times.clamped,
    origin: arrival.origin,
    properties: (message.properties ?? null) as JsonObject | null,
    traits: (message.traits ?? null) as JsonObject | null,
    context,
    integrations: (message.integrations ?? null) as JsonObject | null,
    ip: textAt(context, 'ip') ?? (context?.direct === true ? (arrival.requestIp ?? null) : null),
    userAgent: textAt(context, 'userAgent'),
    locale: textAt(context, 'locale'),
    consent: objectAt(objectAt(context, 'consent'), 'categoryPreferences'),
    campaign: objectAt(context, 'campaign') ?? campaignFromPage(objectAt(context, 'page')),
    libraryName: textAt(library, 'name'),
    libraryVersion: textAt(library, 'version'),
  };
}

function idText(value: string | number | null | undefined): string | null {
  if (value === undefined || value === null) return null;
  const text = String(value).trim();
  return text === '' ? null : text;
}

function objectAt(bag: JsonObject | null, key: string): JsonObject | null {
  const value = bag?.[key];
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : null;
}

function textAt(bag: JsonObject | null, key: string): string | null {
  const value = bag?.[key];
  return typeof value === 'string' && value !== '' ? value : null;
}

const utmKeys: Record<string, string> = {
  utm_source: 'source',
  utm_medium: 'medium',
  utm_campaign: 'name',
  utm_term: 'term',
  utm_content: 'content',
};

/** Reads UTM parameters from the page address when the library did not fill `context.campaign`. */
function campaignFromPage(page: JsonObject | null): JsonObject | null {
  const search = textAt(page, 'search') ?? urlSearch(textAt(page, 'url'));
  if (!search) return null;
  const campaign: JsonObject = {};
  for (const [key, value] of new URLSearchParams(search)) {
    const field = utmKeys[key.toLowerCase()];
    if (field && value) campaign[field] = value;
  }
  return Object.keys(campaign).length > 0 ? campaign : null;
}

function urlSearch(url: string | null): string | null {
  const at = url?.indexOf('?') ?? -1;
  return url && at >= 0 ? url.slice(at) : null;
}
