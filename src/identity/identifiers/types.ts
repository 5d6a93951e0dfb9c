/** Identifier types Panorama knows how to normalise; any other external id type is kept as given. */
export const knownIdentifierTypes = [
  'user_id',
  'anonymous_id',
  'email',
  'phone',
  'loyalty_card',
  'crm_id',
  'social',
] as const;
export type KnownIdentifierType = (typeof knownIdentifierTypes)[number];

/** A known type, or the (normalised) type of any other `context.externalIds[]` entry. */
export type IdentifierType = KnownIdentifierType | (string & {});

/** A typed, normalised identifier found on an event. */
export interface Identifier {
  type: IdentifierType;
  /** Normalised: what matching compares. */
  value: string;
  /** As the event carried it. */
  raw: string;
}

/** `type:value`, the form identifiers are looked up by (`email:jane@example.com`). */
export function identifierKey(identifier: Pick<Identifier, 'type' | 'value'>): string {
  return `${identifier.type}:${identifier.value}`;
}
