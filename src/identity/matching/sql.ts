/**
 * SQL builders (DuckDB dialect) for the probabilistic matcher. Tables: `records` (one row per
 * input record: `_row`, `_source`, `_id`, one column per field kind, `tf_<kind>` term
 * frequencies), `candidates` (blocked pairs), `comparisons` (one level per field and pair),
 * `scored` (match weight and probability per pair).
 */
import type { BlockingRule } from './blocking.ts';
import { type Comparison, similaritySql } from './comparisons.ts';
import type { FieldKind, FieldMapping } from './fields.ts';
import { type MatchModel, minimumTermFrequency } from './weights.ts';

/** A file to read (CSV unless said), its record id column and which of its columns feed which field. */
export interface RecordSource {
  path: string;
  format?: 'csv' | 'parquet';
  idColumn: string;
  mapping: FieldMapping;
}

/** The SQL that reads a source's file, every column as text. */
function readSql(source: RecordSource): string {
  return source.format === 'parquet'
    ? `read_parquet(${quoteString(source.path)})`
    : `read_csv(${quoteString(source.path)}, all_varchar = true, header = true)`;
}

/** De-duplicate one set of records, or link two (pairs only across the sources). */
export type MatchMode = 'dedupe' | 'link';

export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function quoteString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** How a raw text column becomes a comparable value: trimmed, lower-cased, empty = missing. */
export function normalisedValue(kind: FieldKind, column: string): string {
  const raw = quoteIdentifier(column);
  switch (kind) {
    case 'phone':
    case 'date_of_birth':
      return `NULLIF(regexp_replace(${raw}, '[^0-9]', '', 'g'), '')`;
    case 'identifier':
      return `NULLIF(lower(regexp_replace(${raw}, '\\s', '', 'g')), '')`;
    default:
      return `NULLIF(lower(trim(${raw})), '')`;
  }
}

/** Reads the files (all columns as text) into `records`, with term frequencies for `tfFields`. */
export function loadRecordsSql(
  sources: readonly RecordSource[],
  fields: readonly FieldKind[],
  tfFields: readonly FieldKind[],
): string {
  const selects = sources.map((source, index) => {
    const columns = fields.map((kind) => {
      const column = source.mapping[kind];
      return column === undefined
        ? `NULL::VARCHAR AS ${kind}`
        : `${normalisedValue(kind, column)} AS ${kind}`;
    });
    return (
      `SELECT ${index} AS _source, trim(${quoteIdentifier(source.idColumn)}) AS _id, ${columns.join(', ')}\n` +
      `  FROM ${readSql(source)}`
    );
  });
  const frequencies = tfFields.map(
    (kind) => `count(*) OVER (PARTITION BY ${kind})::DOUBLE / count(${kind}) OVER () AS tf_${kind}`,
  );
  return [
    `CREATE OR REPLACE TABLE raw_records AS\n${selects.join('\nUNION ALL\n')};`,
    'CREATE OR REPLACE TABLE records AS',
    `SELECT row_number() OVER ()::INTEGER AS _row, *${frequencies.map((f) => `, ${f}`).join('')}`,
    'FROM raw_records;',
    'DROP TABLE raw_records;',
  ].join('\n');
}

function pairCondition(mode: MatchMode): string {
  return mode === 'dedupe' ? 'l._row < r._row' : 'l._source = 0 AND r._source = 1';
}

/** The union of the rules' pairs, each with a bit mask of the rules that produced it. */
export function candidatePairsSql(rules: readonly BlockingRule[], mode: MatchMode): string {
  const perRule = rules.map(
    (rule, index) =>
      `  SELECT l._row AS row_l, r._row AS row_r, ${2 ** index} AS rule FROM records l JOIN records r\n` +
      `    ON ${rule.on} AND ${pairCondition(mode)}`,
  );
  return [
    'CREATE OR REPLACE TABLE candidates AS',
    'SELECT row_l, row_r, bit_or(rule)::INTEGER AS rules FROM (',
    perRule.join('\n  UNION ALL\n'),
    ') GROUP BY row_l, row_r;',
  ].join('\n');
}

/** `CASE` giving a pair's level for one comparison: -1 when a value is missing. */
export function levelSql(comparison: Comparison): string {
  const f = comparison.field;
  const whens = comparison.levels.map((level, index) => `WHEN ${level.condition(f)} THEN ${index}`);
  return `CASE WHEN l.${f} IS NULL OR r.${f} IS NULL THEN -1 ${whens.join(' ')} END::TINYINT AS gamma_${f}`;
}

/** The similarity columns the levels read, computed once per pair before the levels. */
export function similaritiesSql(comparisons: readonly Comparison[]): string[] {
  return comparisons
    .filter((c) => c.levels.some((level) => level.jaroWinkler))
    .map((c) => similaritySql(c.field));
}

function termFrequencyColumns(comparisons: readonly Comparison[]): string[] {
  return comparisons
    .filter((c) => c.levels.some((level) => level.termFrequency))
    .map((c) => `greatest(l.tf_${c.field}, r.tf_${c.field}) AS tf_${c.field}`);
}

/** One row per candidate pair with each field's level (and term frequencies of the values). */
export function comparisonsSql(comparisons: readonly Comparison[]): string {
  const columns = [
    ...similaritiesSql(comparisons),
    ...comparisons.map(levelSql),
    ...termFrequencyColumns(comparisons),
  ];
  return [
    'CREATE OR REPLACE TABLE comparisons AS',
    `SELECT c.row_l, c.row_r, c.rules,\n  ${columns.join(',\n  ')}`,
    'FROM candidates c JOIN records l ON l._row = c.row_l JOIN records r ON r._row = c.row_r;',
  ].join('\n');
}

/** How many candidate pairs show each pattern of levels; only the pairs of `ruleIndex` if given. */
export function patternCountsSql(comparisons: readonly Comparison[], ruleIndex?: number): string {
  const gammas = comparisons.map((c) => `gamma_${c.field}`).join(', ');
  const where = ruleIndex === undefined ? '' : ` WHERE rules & ${2 ** ruleIndex} <> 0`;
  return `SELECT ${gammas}, count(*)::DOUBLE AS pairs FROM comparisons${where} GROUP BY ${gammas}`;
}

/**
 * Pattern counts over random pairs (for u): `perSource` records drawn from each source by a
 * seeded hash, then all their pairs.
 */
export function randomPairCountsSql(
  comparisons: readonly Comparison[],
  mode: MatchMode,
  perSource: number,
  seed: number,
): string {
  const columns = [...similaritiesSql(comparisons), ...comparisons.map(levelSql)].join(',\n    ');
  const gammas = comparisons.map((c) => `gamma_${c.field}`).join(', ');
  return [
    'WITH sample AS (',
    `  SELECT * FROM records QUALIFY row_number() OVER (PARTITION BY _source ORDER BY hash(_row, ${seed})) <= ${perSource}`,
    '), pairs AS (',
    `  SELECT ${columns}`,
    `  FROM sample l JOIN sample r ON ${pairCondition(mode)}`,
    ')',
    `SELECT ${gammas}, count(*)::DOUBLE AS pairs FROM pairs GROUP BY ALL`,
  ].join('\n');
}

function sqlNumber(value: number): string {
  return Number.isFinite(value) ? String(value) : '0';
}

/** The weight one field adds: log2(m/u) by level, plus log2(u_exact / tf) on term-frequency levels. */
export function fieldWeightSql(model: MatchModel, index: number): string {
  const field = model.fields[index];
  if (!field) throw new Error(`no field ${index} in the model`);
  const whens = field.levels.map((level, l) => {
    const base = sqlNumber(Math.log2(level.m / level.u));
    const tf = level.termFrequency
      ? ` + log2(${sqlNumber(level.u)} / greatest(tf_${field.field}, ${minimumTermFrequency}))`
      : '';
    return `WHEN ${l} THEN ${base}${tf}`;
  });
  return `CASE gamma_${field.field} ${whens.join(' ')} ELSE 0 END`;
}

/**
 * Scores every candidate pair: `weight_<field>` per field, match weight = prior weight + their
 * sum, and the probability from it.
 */
export function scoreSql(model: MatchModel): string {
  const prior = sqlNumber(Math.log2(model.prior / (1 - model.prior)));
  const weights = model.fields.map(
    (field, index) => `${fieldWeightSql(model, index)} AS weight_${field.field}`,
  );
  const sum = model.fields.map((field) => `weight_${field.field}`);
  return [
    'CREATE OR REPLACE TABLE scored AS',
    'SELECT *, 1 / (1 + pow(2, -match_weight)) AS match_probability FROM (',
    `  SELECT *, ${[prior, ...sum].join(' + ')} AS match_weight FROM (`,
    `    SELECT *,\n      ${weights.join(',\n      ')}`,
    '    FROM comparisons',
    '  )',
    ');',
  ].join('\n');
}

/** The scored pairs at or above `threshold`, with the records' ids, most probable first. */
export function pairsAboveSql(threshold: number): string {
  return [
    'SELECT l._id AS id_l, r._id AS id_r, s.* EXCLUDE (row_l, row_r, rules)',
    'FROM scored s JOIN records l ON l._row = s.row_l JOIN records r ON r._row = s.row_r',
    `WHERE s.match_probability >= ${sqlNumber(threshold)}`,
    'ORDER BY s.match_probability DESC, id_l, id_r',
  ].join('\n');
}
