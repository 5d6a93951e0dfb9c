export { type Blocklist, blocklistOf } from './blocklist.ts';
export { normaliseEmail } from './email.ts';
export { externalIdType, normaliseCardNumber, normaliseOpaqueId } from './external-id.ts';
export { extractIdentifiers, namesIdentifier, normaliseIdentifier } from './extract.ts';
export { normalisePhone } from './phone.ts';
export {
  type BlockedValues,
  defaultBlocked,
  defaultIdentifierSettings,
  type IdentifierSettings,
  identifierSettings,
} from './settings.ts';
export { normaliseSocial, parseSocial } from './social.ts';
export {
  type Identifier,
  type IdentifierType,
  identifierKey,
  type KnownIdentifierType,
  knownIdentifierTypes,
} from './types.ts';
