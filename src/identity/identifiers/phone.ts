import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * A phone number in E.164 (`+33612345678`), national numbers read in `defaultCountry`; null when
 * the number cannot be a valid one (wrong length or leading digits for its country).
 *
 * @example normalisePhone('06 12 34 56 78', 'FR') // → '+33612345678'
 */
export function normalisePhone(raw: string, defaultCountry: string): string | null {
  const text = raw.trim();
  if (!/\d/.test(text)) return null;
  // `00` is the international prefix in most of the world; libphonenumber only knows it per country.
  const international = text.replace(/^00(?=[1-9])/, '+');
  const parsed = parsePhoneNumberFromString(international, defaultCountry.toUpperCase() as CountryCode);
  return parsed?.isValid() ? parsed.number : null;
}
