import { mix32 } from './random.ts';

function hex(value: number, width: number): string {
  return (value >>> 0).toString(16).padStart(width, '0').slice(-width);
}

/** A UUID-shaped (version 4 layout) identifier derived from the given words: same words, same id. */
export function uuidFrom(...words: number[]): string {
  const a = mix32(...words, 0x51);
  const b = mix32(...words, 0x52);
  const c = mix32(...words, 0x53);
  const d = mix32(...words, 0x54);
  const version = (b & 0x0fff) | 0x4000;
  const variant = ((c >>> 16) & 0x3fff) | 0x8000;
  return `${hex(a, 8)}-${hex(b >>> 16, 4)}-${hex(version, 4)}-${hex(variant, 4)}-${hex(c, 4)}${hex(d, 8)}`;
}

/**
 * A message id that is deterministic and unique by construction: it spells out the seed tag,
 * the person and the message's rank in that person's stream.
 */
export function messageIdFor(seedTag: number, person: number, rank: number): string {
  return `${hex(seedTag, 8)}-${hex(person >>> 16, 4)}-${hex(person & 0xffff, 4)}-8000-${rank.toString(16).padStart(12, '0')}`;
}

/**
 * A number of `digits` digits that is different for every index below 10^digits
 * (an affine bijection modulo 10^digits, so tokens look scattered, never sequential).
 * Exact for indices below 10^9.
 */
export function uniqueToken(index: number, digits: number, salt: number): string {
  const modulus = 10 ** digits;
  const multiplier = 7_919_003; // odd and not a multiple of 5: invertible modulo any power of ten
  const value = (((index * multiplier) % modulus) + (salt % modulus)) % modulus;
  return String(value).padStart(digits, '0');
}

/** How many digits tokens need so that every customer gets a distinct one (at least `minimum`). */
export function tokenDigits(customers: number, minimum: number): number {
  return Math.max(minimum, String(Math.max(customers - 1, 0)).length);
}
