import type { IdentifierType } from './types.ts';

/** Values never used for matching, for one identifier type or for all (`'*'`). */
export interface BlockedValues {
  /** Exact values, compared case-insensitively with the raw (trimmed) and the normalised value. */
  values?: readonly string[];
  /** Regular expressions (strings are compiled case-insensitive) tested against both too. */
  patterns?: readonly (string | RegExp)[];
}

/** A workspace's identifier settings. */
export interface IdentifierSettings {
  /** ISO 3166 country whose national phone numbers are read without a country code. */
  defaultCountry: string;
  /** Blocked values by identifier type; `'*'` applies to every type. */
  blocked: Partial<Record<IdentifierType | '*', BlockedValues>>;
}

/** Placeholder values that systems and people type when they have nothing: never an identity. */
export const defaultBlocked: IdentifierSettings['blocked'] = {
  '*': {
    values: ['-1', 'null', 'undefined', 'nil', 'none', 'nan', 'n/a', 'na', 'anonymous', 'unknown', 'test'],
    patterns: ['^[0-]*$', '^\\[object object\\]$'],
  },
  email: {
    values: ['test@test.com', 'email@email.com', 'a@a.com', 'noreply@noreply.com'],
    patterns: [
      '^(test|tests|none|null|nobody|noemail|nomail|no-?reply|aucun|pasdemail|email|mail|x+|a+)@',
      '@(test|example|exemple|email|mail|domain|nomail|noemail)\\.(com|fr|org|net)$',
    ],
  },
  phone: {
    // Normalised E.164 with one digit repeated (+33666666666), or 0123456789-style sequences.
    patterns: ['^\\+\\d{1,3}(\\d)\\1{7,}$', '^\\+\\d{1,3}0?123456789$', '^\\+33612345678$'],
  },
};

export const defaultIdentifierSettings: IdentifierSettings = {
  defaultCountry: 'FR',
  blocked: defaultBlocked,
};

/**
 * A workspace's settings over the defaults: its blocked values are added to the default ones,
 * unless `replaceDefaultBlocked` is set.
 *
 * @example identifierSettings({ defaultCountry: 'BE', blocked: { email: { values: ['shop@maison.fr'] } } })
 */
export function identifierSettings(
  overrides: Partial<IdentifierSettings> & { replaceDefaultBlocked?: boolean } = {},
): IdentifierSettings {
  const base = overrides.replaceDefaultBlocked ? {} : defaultBlocked;
  const blocked: IdentifierSettings['blocked'] = { ...base };
  for (const [type, extra] of Object.entries(overrides.blocked ?? {})) {
    if (!extra) continue;
    const current = blocked[type] ?? {};
    blocked[type] = {
      values: [...(current.values ?? []), ...(extra.values ?? [])],
      patterns: [...(current.patterns ?? []), ...(extra.patterns ?? [])],
    };
  }
  return { defaultCountry: overrides.defaultCountry ?? defaultIdentifierSettings.defaultCountry, blocked };
}
