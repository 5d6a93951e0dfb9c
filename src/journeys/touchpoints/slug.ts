/**
 * Snake-case names from free text (event and page names), the same in TypeScript and in SQL, so
 * that `Suivi de commande` becomes `suivi_de_commande` whichever computes it.
 * @module
 */
import type { SqlDialect } from '../sql/dialect.ts';

/**
 * Accents stripped, lower case, the ligatures œ, æ and ß spelt out (no Unicode decomposition
 * splits them, and French uses the first two), every run of other characters than `a-z0-9`
 * turned into one `_`, no `_` at either end ('' when nothing is left).
 * @example snakeCase('Catégorie « Été »') // 'categorie_ete'
 */
export function snakeCase(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replaceAll('œ', 'oe')
    .replaceAll('æ', 'ae')
    .replaceAll('ß', 'ss')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** `snakeCase` of a SQL text expression (NULL stays NULL). */
export function snakeCaseSql(dialect: SqlDialect, expression: string): string {
  const ligatures = (lowered: string) =>
    `replace(replace(replace(${lowered}, 'œ', 'oe'), 'æ', 'ae'), 'ß', 'ss')`;
  return dialect === 'duckdb'
    ? `trim(regexp_replace(${ligatures(`lower(strip_accents(${expression}))`)}, '[^a-z0-9]+', '_', 'g'), '_')`
    : `trim(BOTH '_' FROM replaceRegexpAll(${ligatures(`lowerUTF8(replaceRegexpAll(normalizeUTF8NFD(${expression}), '\\\\p{M}', ''))`)}, '[^a-z0-9]+', '_'))`;
}
