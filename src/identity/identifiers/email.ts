// Deliberately loose: one @, a dot in the domain, no spaces. Stricter RFC checks refuse real addresses.
const emailShape = /^[^\s@]+@[^\s@]+\.[^\s@.]{2,}$/;

/**
 * An e-mail address trimmed and lower-cased, or null when it does not look like one.
 *
 * @example normaliseEmail('  Jane.Doe@Example.COM ') // → 'jane.doe@example.com'
 */
export function normaliseEmail(raw: string): string | null {
  const value = raw
    .trim()
    .replace(/^mailto:/i, '')
    .toLowerCase();
  if (!emailShape.test(value) || value.includes('..')) return null;
  return value;
}
