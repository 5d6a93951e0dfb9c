import type { JsonObject, StoredEvent } from '../../store/types.ts';
import { blocklistOf } from './blocklist.ts';
import { normaliseEmail } from './email.ts';
import { externalIdType, normaliseCardNumber, normaliseOpaqueId } from './external-id.ts';
import { normalisePhone } from './phone.ts';
import { defaultIdentifierSettings, type IdentifierSettings } from './settings.ts';
import { parseSocial } from './social.ts';
import { type Identifier, type IdentifierType, identifierKey } from './types.ts';

/** Trait and property keys (lower-cased, letters and digits only) that hold one kind of identifier. */
const keyTypes: Record<string, IdentifierType> = {
  email: 'email',
  emailaddress: 'email',
  mail: 'email',
  courriel: 'email',
  adresseemail: 'email',
  adressemail: 'email',
  phone: 'phone',
  phonenumber: 'phone',
  mobile: 'phone',
  mobilephone: 'phone',
  telephone: 'phone',
  tel: 'phone',
  portable: 'phone',
  loyaltycard: 'loyalty_card',
  cartefidelite: 'loyalty_card',
};
const socialNetworks = new Set([
  'twitter',
  'x',
  'instagram',
  'facebook',
  'tiktok',
  'linkedin',
  'youtube',
  'pinterest',
  'snapchat',
  'threads',
  'bluesky',
  'mastodon',
]);

/** Turns a raw value of a type into its normalised form, or null when it is not a usable one. */
export function normaliseIdentifier(
  type: IdentifierType,
  raw: string,
  settings: IdentifierSettings = defaultIdentifierSettings,
): string | null {
  switch (type) {
    case 'email':
      return normaliseEmail(raw);
    case 'phone':
      return normalisePhone(raw, settings.defaultCountry);
    case 'social':
      return parseSocial(raw);
    case 'loyalty_card':
      return normaliseCardNumber(raw);
    default:
      return normaliseOpaqueId(raw);
  }
}

class Found {
  readonly identifiers: Identifier[] = [];
  private readonly keys = new Set<string>();
  private readonly blocked;

  constructor(private readonly settings: IdentifierSettings) {
    this.blocked = blocklistOf(settings.blocked);
  }

  /** Adds a raw value, normalised as its type requires. */
  add(type: IdentifierType, raw: unknown): void {
    const text = typeof raw === 'string' ? raw : typeof raw === 'number' ? String(raw) : null;
    if (text !== null) this.addNormalised(type, text, normaliseIdentifier(type, text, this.settings));
  }

  /** Adds a value normalised by the caller (null when it did not parse). */
  addNormalised(type: IdentifierType, raw: string, value: string | null): void {
    if (value === null || this.blocked(type, raw, value)) return;
    const identifier = { type, value, raw };
    const key = identifierKey(identifier);
    if (this.keys.has(key)) return;
    this.keys.add(key);
    this.identifiers.push(identifier);
  }
}

function readBag(bag: JsonObject | null | undefined, found: Found): void {
  if (!bag) return;
  for (const [name, raw] of Object.entries(bag)) {
    const key = name.toLowerCase().replace(/[^a-z0-9]/g, '');
    const type = keyTypes[key];
    if (type !== undefined) found.add(type, raw);
    else if (key === 'social') readSocial(raw, found);
    else if (socialNetworks.has(key) && typeof raw === 'string')
      found.addNormalised('social', raw, parseSocial(raw, key));
  }
}

function readSocial(raw: unknown, found: Found): void {
  if (typeof raw === 'string') found.add('social', raw);
  if (raw === null || typeof raw !== 'object') return;
  const { network, handle } = raw as { network?: unknown; handle?: unknown };
  if (typeof network !== 'string' || typeof handle !== 'string') return;
  found.addNormalised('social', handle, parseSocial(handle, network));
}

function readExternalIds(list: unknown, found: Found): void {
  if (!Array.isArray(list)) return;
  for (const entry of list) {
    if (entry === null || typeof entry !== 'object') continue;
    const { id, type } = entry as { id?: unknown; type?: unknown };
    const kind = typeof type === 'string' ? externalIdType(type) : null;
    if (kind !== null) found.add(kind, id);
  }
}

function objectAt(bag: JsonObject | null, key: string): JsonObject | null {
  const value = bag?.[key];
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : null;
}

/**
 * The typed, normalised identifiers an event carries: user and anonymous ids (an alias's
 * previous id counts as an anonymous id), e-mails, phones, loyalty cards and social accounts from
 * traits, `context.traits` and properties, and every `context.externalIds[]` entry. Values that do
 * not parse or are blocked for the workspace are left out; each identifier appears once.
 *
 * @example extractIdentifiers(event)
 * // → [{ type: 'user_id', value: 'cust_1', raw: 'cust_1' }, { type: 'email', value: 'jane@example.com', raw: 'Jane@Example.com' }]
 */
export function extractIdentifiers(
  event: Pick<
    StoredEvent,
    'userId' | 'anonymousId' | 'previousId' | 'type' | 'traits' | 'context' | 'properties'
  >,
  settings: IdentifierSettings = defaultIdentifierSettings,
): Identifier[] {
  const found = new Found(settings);
  found.add('user_id', event.userId);
  found.add('anonymous_id', event.anonymousId);
  if (event.type === 'alias') found.add('anonymous_id', event.previousId);
  readBag(event.traits, found);
  readBag(objectAt(event.context, 'traits'), found);
  readBag(event.properties, found);
  readExternalIds(event.context?.externalIds, found);
  return found.identifiers;
}
