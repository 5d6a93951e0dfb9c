/**
 * The breakdown value of each profile as the engines read it, and the order groups are reported in.
 * @module
 */

/** One profile's breakdown value, as the breakdown source's `(profile_id, breakdown)` rows give it. */
export interface BreakdownRow {
  profileId: string;
  breakdown: string | null;
}

/** The breakdown value of each profile, as the SQL reads it: the smallest when several are given. */
export function breakdownByProfile(rows: readonly BreakdownRow[] = []): Map<string, string | null> {
  const values = new Map<string, string | null>();
  for (const { profileId, breakdown } of rows) {
    const known = values.get(profileId) ?? null;
    if (known === null || (breakdown !== null && breakdown < known)) values.set(profileId, breakdown);
  }
  return values;
}

/** Breakdown values in text order, profiles without a value last. */
export function compareBreakdowns(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}
