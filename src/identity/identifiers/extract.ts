import type { JsonObject, StoredEvent } from '../../store/types.ts';
import { blocklistOf } from './blocklist.ts';
import { normaliseEmail } from './email.ts';
import { externalIdType, normaliseCardNumber, normaliseOpaqueId } from './external-id.ts';
import { type KnownIdentifier, KnownIdentifiers } from './known-identifiers.ts';
import { normalisePhone } from './phone.ts';
import { defaultIdentifierSettings, type IdentifierSettings } from './settings.ts';
import { parseSocial } from './social.ts';
import type { Identifier, IdentifierType } from './types.ts';

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

/** Each settings object's identifiers read so far (see `KnownIdentifiers`). */
const knownBySettings = new WeakMap<IdentifierSettings, KnownIdentifiers>();

function knownFor(settings: IdentifierSettings): KnownIdentifiers {
  let known = knownBySettings.get(settings);
  if (!known) {
    known = new KnownIdentifiers();
    knownBySettings.set(settings, known);
  }
  return known;
}

class Found {
  // Most events carry one or two identifiers: held apart, so that no list grows for them.
  private first: KnownIdentifier | null = null;
  private second: KnownIdentifier | null = null;
  private more: KnownIdentifier[] | null = null;
  private readonly known: KnownIdentifiers;

  constructor(private readonly settings: IdentifierSettings) {
    this.known = knownFor(settings);
  }

  /** Adds a raw value, normalised as its type requires. */
  add(type: IdentifierType, raw: unknown): void {
    const text = typeof raw === 'string' ? raw : typeof raw === 'number' ? String(raw) : null;
    if (text === null) return;
    const known = this.known.get(type, text);
    this.keep(
      known !== undefined
        ? known
        : this.check(type, type, text, normaliseIdentifier(type, text, this.settings)),
    );
  }

  /** Adds a social handle read with the network its place gives (`twitter` trait, `{ network, handle }`). */
  addSocial(raw: string, network: string): void {
    const kind = `social\u0000${network}`;
    const known = this.known.get(kind, raw);
    this.keep(known !== undefined ? known : this.check(kind, 'social', raw, parseSocial(raw, network)));
  }

  /** Checks a normalised value against the blocklist and remembers the outcome. */
  private check(
    kind: string,
    type: IdentifierType,
    raw: string,
    value: string | null,
  ): KnownIdentifier | null {
    const usable = value !== null && !blocklistOf(this.settings.blocked)(type, raw, value);
    return this.known.remember(kind, raw, usable ? { type, value, raw } : null);
  }

  private keep(known: KnownIdentifier | null): void {
    if (known === null || this.holds(known.key)) return;
    if (this.first === null) this.first = known;
    else if (this.second === null) this.second = known;
    else if (this.more === null) this.more = [known];
    else this.more.push(known);
  }

  private holds(key: string): boolean {
    return (
      this.first?.key === key || this.second?.key === key || (this.more?.some((k) => k.key === key) ?? false)
    );
  }

  /** The identifiers found, in the order they were. */
  identifiers(): Identifier[] {
    if (this.first === null) return [];
    if (this.second === null) return [this.first.identifier];
    const found = [this.first.identifier, this.second.identifier];
    for (const known of this.more ?? []) found.push(known.identifier);
    return found;
  }
}

/** Trait and property names as extraction compares them, by name as written. */
const keyNames = new Map<string, string>();

/** A trait or property name lower-cased, letters and digits only (`E-mail` → `email`). */
function keyName(name: string): string {
  let key = keyNames.get(name);
  if (key === undefined) {
    key = name.toLowerCase().replace(/[^a-z0-9]/g, '');
    if (keyNames.size >= 10_000) keyNames.clear();
    keyNames.set(name, key);
  }
  return key;
}

/**
 * Whether extraction reads a trait or property of this name: a bag (traits, `context.traits`,
 * properties) without such a name gives no identifier, so a store need not send it.
 */
export function namesIdentifier(name: string): boolean {
  const key = keyName(name);
  return keyTypes[key] !== undefined || key === 'social' || socialNetworks.has(key);
}

function readBag(bag: JsonObject | null | undefined, found: Found): void {
  if (!bag) return;
  for (const [name, raw] of Object.entries(bag)) {
    const key = keyName(name);
    const type = keyTypes[key];
    if (type !== undefined) found.add(type, raw);
    else if (key === 'social') readSocial(raw, found);
    else if (socialNetworks.has(key) && typeof raw === 'string') found.addSocial(raw, key);
  }
}

function readSocial(raw: unknown, found: Found): void {
  if (typeof raw === 'string') found.add('social', raw);
  if (raw === null || typeof raw !== 'object') return;
  const { network, handle } = raw as { network?: unknown; handle?: unknown };
  if (typeof network !== 'string' || typeof handle !== 'string') return;
  found.addSocial(handle, network);
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
  return found.identifiers();
}
