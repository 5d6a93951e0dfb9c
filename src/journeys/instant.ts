/**
 * How every journey definition reads a time: a date (`2026-01-31`, midnight UTC) or an ISO 8601
 * instant with its offset (`2026-01-31T08:00:00Z`, `2026-01-31 08:00+01:00`). Nothing else, not even
 * what `Date.parse` would guess from other forms.
 * @module
 */

const isoInstant = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2}))?$/;

/**
 * The instant in epoch milliseconds, or NaN when the text is no such date or instant.
 * @example instantMs('2026-01-31') // 1769817600000
 */
export function instantMs(text: string): number {
  return isoInstant.test(text) ? Date.parse(text) : Number.NaN;
}
