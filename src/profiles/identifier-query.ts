import { PanoramaError } from '../errors.ts';
import {
  defaultIdentifierSettings,
  type IdentifierSettings,
  knownIdentifierTypes,
  normaliseIdentifier,
} from '../identity/identifiers/index.ts';

/**
 * Reads a look-up key `type:value` (`email:Jane@Example.com`, `phone:06 12 34 56 78`,
 * `user_id:cust_1`) and normalises the value as stitching does, so that a person can paste
 * what they have in front of them.
 */
export function parseIdentifierQuery(
  text: string,
  settings: IdentifierSettings = defaultIdentifierSettings,
): { type: string; value: string } {
  const colon = text.indexOf(':');
  const type = colon > 0 ? text.slice(0, colon).trim().toLowerCase() : '';
  const raw = colon > 0 ? text.slice(colon + 1).trim() : '';
  if (!type || !raw) {
    throw new PanoramaError(
      'identity.invalid_identifier',
      `"${text}" is not an identifier: write it as type:value, e.g. email:jane@example.com (types: ${knownIdentifierTypes.join(', ')}, or any external id type).`,
    );
  }
  const value = normaliseIdentifier(type, raw, settings);
  if (value === null) {
    throw new PanoramaError('identity.invalid_identifier', `"${raw}" is not a valid ${type}.`);
  }
  return { type, value };
}
