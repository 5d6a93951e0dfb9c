import type { IdentifierType } from './types.ts';

/** How `context.externalIds[].type` spellings map onto Panorama's types. */
const typeAliases: Record<string, IdentifierType> = {
  userid: 'user_id',
  user_id: 'user_id',
  anonymousid: 'anonymous_id',
  anonymous_id: 'anonymous_id',
  email: 'email',
  e_mail: 'email',
  phone: 'phone',
  phone_number: 'phone',
  mobile: 'phone',
  loyalty_card: 'loyalty_card',
  loyaltycard: 'loyalty_card',
  carte_fidelite: 'loyalty_card',
  crm_id: 'crm_id',
  crmid: 'crm_id',
  social: 'social',
};

/**
 * The identifier type of an external id: known spellings mapped, others lower-cased in snake case.
 *
 * @example externalIdType('Loyalty Card') // → 'loyalty_card'
 * @example externalIdType('ga_client_id') // → 'ga_client_id'
 */
export function externalIdType(raw: string): IdentifierType | null {
  const snake = raw
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (snake === '') return null;
  return typeAliases[snake] ?? typeAliases[snake.replace(/_/g, '')] ?? snake;
}

/** A card number as printed, read, or typed: spaces, dots and dashes are not part of it. */
export function normaliseCardNumber(raw: string): string | null {
  const value = raw.replace(/[\s.-]/g, '').toUpperCase();
  return value === '' ? null : value;
}

/** Ids of other systems: only surrounding spaces are noise, case may be meaningful. */
export function normaliseOpaqueId(raw: string): string | null {
  const value = raw.trim();
  return value === '' ? null : value;
}
