/**
 * What a mapping rule compares a field with: an exact value, a glob (`Email *`), a regular
 * expression (`/^Order (Completed|Refunded)$/i`), or a list of any of them. Each compiles to a
 * JavaScript test and to the same test in SQL.
 * @module
 */
import { literal, type SqlDialect } from '../sql/dialect.ts';

/** As a mapping writes it: a value, a glob with `*` or `?`, `/regex/` or `/regex/i`, or a list. */
export type PatternText = string | readonly string[];

/** One compiled alternative: an exact value, or an RE2-compatible regular expression. */
export type Pattern =
  | { kind: 'exact'; value: string }
  | { kind: 'regex'; source: string; ignoreCase: boolean };

// RE2 (DuckDB, ClickHouse) has no lookaround and no back-references; JavaScript would accept them.
const unsupported = /\(\?<?[=!]|\\[1-9]|\\k</;

/**
 * Compiles one alternative; throws a RangeError saying what is wrong with it.
 * @example parsePattern('Email *') // { kind: 'regex', source: '^Email .*$', ignoreCase: false }
 */
export function parsePattern(text: string): Pattern {
  const regex = /^\/(.+)\/(i?)$/s.exec(text);
  if (regex) {
    const source = regex[1] as string;
    if (unsupported.test(source)) {
      throw new RangeError(
        `regular expression ${text} uses lookaround or a back-reference, which the SQL engines (RE2) do not support`,
      );
    }
    try {
      new RegExp(source, 'u');
    } catch (error) {
      throw new RangeError(`${text} is not a valid regular expression: ${(error as Error).message}`);
    }
    return { kind: 'regex', source, ignoreCase: regex[2] === 'i' };
  }
  if (/[*?]/.test(text)) {
    const source = text.replace(/[.+^${}()|[\]\\*?]/g, (c) =>
      c === '*' ? '.*' : c === '?' ? '.' : `\\${c}`,
    );
    return { kind: 'regex', source: `^${source}$`, ignoreCase: false };
  }
  return { kind: 'exact', value: text };
}

/** Every alternative of a pattern as written (a single value is a list of one). */
export function parsePatterns(text: PatternText): Pattern[] {
  return (typeof text === 'string' ? [text] : text).map(parsePattern);
}

/** Whether a value (NULL never matches) matches any of the alternatives. */
export function matchesAny(patterns: readonly Pattern[], value: string | null): boolean {
  if (value === null) return false;
  return patterns.some((p) =>
    p.kind === 'exact' ? p.value === value : new RegExp(p.source, p.ignoreCase ? 'iu' : 'u').test(value),
  );
}

/** The SQL condition that `matchesAny` computes, over a text expression. */
export function matchesAnySql(dialect: SqlDialect, patterns: readonly Pattern[], expression: string): string {
  const exact = patterns.flatMap((p) => (p.kind === 'exact' ? [literal(dialect, p.value)] : []));
  const conditions = patterns.flatMap((p) => {
    if (p.kind === 'exact') return [];
    const source = literal(dialect, `${p.ignoreCase ? '(?i)' : ''}${p.source}`);
    return [
      dialect === 'duckdb' ? `regexp_matches(${expression}, ${source})` : `match(${expression}, ${source})`,
    ];
  });
  if (exact.length === 1) conditions.unshift(`${expression} = ${exact[0]}`);
  if (exact.length > 1) conditions.unshift(`${expression} IN (${exact.join(', ')})`);
  return conditions.length === 1 ? (conditions[0] as string) : `(${conditions.join(' OR ')})`;
}
