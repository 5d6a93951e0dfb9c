import { access, readFile } from 'node:fs/promises';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { PanoramaError } from '../../errors.ts';
import { detectFields, type FieldKind, type FieldMapping, isFieldKind } from './fields.ts';
import { type MatchOptions, type MatchResult, matchRecords } from './matcher.ts';
import { pairsAboveSql, quoteIdentifier, quoteString, type RecordSource } from './sql.ts';

/** A mapping file's content: `{ "<field kind>": "<column>" | null }` (null drops a detected field). */
export type MappingOverrides = Partial<Record<FieldKind, string | null>>;

export interface MatchFilesOptions
  extends Pick<MatchOptions, 'threshold' | 'reviewThreshold' | 'onProgress' | 'seed'> {
  /** One CSV to de-duplicate, or two to link. */
  files: readonly string[];
  idColumn: string;
  mapping?: MappingOverrides;
  /** Where to write the pairs (CSV); none if absent. */
  output?: string;
}

export interface MatchFilesResult extends MatchResult {
  mappings: FieldMapping[];
}

/**
 * De-duplicates one CSV or links two, in an in-memory DuckDB, and writes the pairs at or above
 * the review threshold to `output` with their probability, weight and decision.
 */
export async function matchFiles(options: MatchFilesOptions): Promise<MatchFilesResult> {
  if (options.files.length < 1 || options.files.length > 2) {
    throw new PanoramaError('cli.invalid_option', 'Give one file to de-duplicate or two files to link.');
  }
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const sources: RecordSource[] = [];
    for (const path of options.files) {
      const columns = await fileColumns(connection, path);
      sources.push({ path, idColumn: options.idColumn, mapping: mappingFor(path, columns, options) });
    }
    const result = await matchRecords(connection, { ...options, sources });
    if (options.output !== undefined) await writePairs(connection, options);
    return { ...result, mappings: sources.map((s) => s.mapping) };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** Reads and checks a mapping file. */
export async function readMappingFile(path: string): Promise<MappingOverrides> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new PanoramaError(
      'import.invalid_mapping',
      `Cannot read the mapping ${path}: ${(error as Error).message}`,
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new PanoramaError(
      'import.invalid_mapping',
      `The mapping ${path} must be a JSON object { "<field>": "<column>" }.`,
    );
  }
  const overrides: MappingOverrides = {};
  for (const [field, column] of Object.entries(parsed)) {
    if (!isFieldKind(field)) {
      throw new PanoramaError('import.invalid_mapping', `Unknown field "${field}" in ${path}.`);
    }
    if (column !== null && typeof column !== 'string') {
      throw new PanoramaError(
        'import.invalid_mapping',
        `The column for "${field}" in ${path} must be a string or null.`,
      );
    }
    overrides[field] = column;
  }
  return overrides;
}

async function fileColumns(connection: DuckDBConnection, path: string): Promise<string[]> {
  try {
    await access(path);
    const reader = await connection.runAndReadAll(
      `DESCRIBE SELECT * FROM read_csv(${quoteString(path)}, all_varchar = true, header = true)`,
    );
    return reader.getRowObjectsJS().map((row) => String(row.column_name));
  } catch (error) {
    throw new PanoramaError(
      'import.unreadable_file',
      `Cannot read ${path} as CSV: ${(error as Error).message}`,
    );
  }
}

function mappingFor(path: string, columns: readonly string[], options: MatchFilesOptions): FieldMapping {
  if (!columns.includes(options.idColumn)) {
    throw new PanoramaError(
      'import.missing_column',
      `${path} has no column "${options.idColumn}" (--id). Columns: ${columns.join(', ')}.`,
    );
  }
  const mapping = detectFields(columns, options.idColumn, options.mapping);
  for (const [field, column] of Object.entries(mapping)) {
    if (column === options.idColumn) {
      throw new PanoramaError(
        'import.invalid_mapping',
        `The id column "${column}" cannot be compared (mapped to ${field}).`,
      );
    }
    if (!columns.includes(column)) {
      throw new PanoramaError(
        'import.missing_column',
        `${path} has no column "${column}" (mapped to ${field}).`,
      );
    }
  }
  if (Object.keys(mapping).length === 0) {
    throw new PanoramaError(
      'import.invalid_mapping',
      `No column of ${path} could be mapped to a field; give a --mapping file.`,
    );
  }
  return mapping;
}

async function writePairs(connection: DuckDBConnection, options: MatchFilesOptions): Promise<void> {
  const threshold = options.threshold ?? 0.5;
  const lower = Math.min(options.reviewThreshold ?? threshold, threshold);
  const id = options.idColumn;
  await connection.run(
    [
      'COPY (',
      `  SELECT id_l AS ${quoteIdentifier(`${id}_l`)}, id_r AS ${quoteIdentifier(`${id}_r`)},`,
      '    round(match_probability, 6) AS match_probability, round(match_weight, 4) AS match_weight,',
      `    CASE WHEN match_probability >= ${threshold} THEN 'link' ELSE 'review' END AS decision`,
      `  FROM (${pairsAboveSql(lower)})`,
      `) TO ${quoteString(options.output ?? '')} (HEADER, DELIMITER ',')`,
    ].join('\n'),
  );
}
