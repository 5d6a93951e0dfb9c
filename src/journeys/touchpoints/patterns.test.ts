import { describe, expect, it } from 'vitest';
import { matchesAny, parsePattern, parsePatterns } from './patterns.ts';

describe('rule patterns', () => {
  it('reads an exact value, a glob and a regular expression', () => {
    expect(parsePattern('Order Completed')).toEqual({ kind: 'exact', value: 'Order Completed' });
    expect(parsePattern('Email *')).toEqual({ kind: 'regex', source: '^Email .*$', ignoreCase: false });
    expect(parsePattern('v?.(1)')).toEqual({ kind: 'regex', source: '^v.\\.\\(1\\)$', ignoreCase: false });
    expect(parsePattern('/^order/i')).toEqual({ kind: 'regex', source: '^order', ignoreCase: true });
  });

  it('matches any alternative, never a missing value', () => {
    const patterns = parsePatterns(['Email *', '/^unsub/i', 'Signed In']);
    expect(matchesAny(patterns, 'Email Opened')).toBe(true);
    expect(matchesAny(patterns, 'Unsubscribed')).toBe(true);
    expect(matchesAny(patterns, 'Signed In')).toBe(true);
    expect(matchesAny(patterns, 'Signed in')).toBe(false);
    expect(matchesAny(patterns, 'An Email Sent')).toBe(false);
    expect(matchesAny(patterns, null)).toBe(false);
  });

  it('refuses what the SQL engines cannot run', () => {
    expect(() => parsePattern('/^(?!Email)/')).toThrow(/lookaround/);
    expect(() => parsePattern('/(a)\\1/')).toThrow(/back-reference/);
    expect(() => parsePattern('/(/')).toThrow(/not a valid regular expression/);
  });
});
