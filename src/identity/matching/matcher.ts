import type { DuckDBConnection } from '@duckdb/node-api';
import { type BlockingRule, blockingRulesFor } from './blocking.ts';
import { clustersOf } from './clusters.ts';
import { comparisonsFor } from './comparisons.ts';
import type { FieldKind } from './fields.ts';
import {
  candidatePairsSql,
  comparisonsSql,
  loadRecordsSql,
  type MatchMode,
  pairsAboveSql,
  type RecordSource,
  scoreSql,
} from './sql.ts';
import { rows, type TrainingSession, trainModel } from './training.ts';
import { explainPair, type MatchModel, type PairExplanation } from './weights.ts';

export type { TrainingSession };

export type MatchStep = 'reading' | 'blocking' | 'comparing' | 'estimating u' | 'estimating m' | 'scoring';

export interface MatchOptions {
  /** One source to de-duplicate, or two to link. */
  sources: readonly RecordSource[];
  /** The fields to compare (default: those every source maps). */
  fields?: readonly FieldKind[];
  /** At or above this probability a pair is linked automatically (default 0.5). */
  threshold?: number;
  /** Pairs from here up to `threshold` are returned for review (default: no review band). */
  reviewThreshold?: number;
  /** How many random pairs estimate u (default 1,000,000). */
  randomPairs?: number;
  seed?: number;
  onProgress?: (step: MatchStep, detail?: string) => void;
}

/** A pair of records at or above the review threshold. */
export interface ScoredPair {
  idLeft: string;
  idRight: string;
  probability: number;
  weight: number;
  decision: 'link' | 'review';
  /** Level per field (-1 = a value missing), in the model's field order. */
  levels: number[];
  termFrequencies: (number | undefined)[];
}

export interface MatchResult {
  mode: MatchMode;
  records: number;
  candidatePairs: number;
  rules: readonly BlockingRule[];
  model: MatchModel;
  sessions: TrainingSession[];
  pairs: ScoredPair[];
  /** Groups of two or more records joined by linked pairs. */
  clusters: string[][];
}

/** Says, field by field, why a pair got its weight. */
export function explainScoredPair(model: MatchModel, pair: ScoredPair): PairExplanation {
  return explainPair(model, pair.levels, pair.termFrequencies);
}

async function count(connection: DuckDBConnection, table: string): Promise<number> {
  const [row] = await rows(connection, `SELECT count(*)::DOUBLE AS n FROM ${table}`);
  return Number(row?.n ?? 0);
}

/**
 * Finds the records that are the same person, Fellegi–Sunter style, inside DuckDB: blocks,
 * compares, estimates u on random pairs and m by EM, then scores every candidate pair.
 * Leaves the tables `records`, `candidates`, `comparisons` and `scored` on the connection.
 */
export async function matchRecords(
  connection: DuckDBConnection,
  options: MatchOptions,
): Promise<MatchResult> {
  const mode: MatchMode = options.sources.length > 1 ? 'link' : 'dedupe';
  const threshold = options.threshold ?? 0.5;
  const reviewThreshold = Math.min(options.reviewThreshold ?? threshold, threshold);
  const progress = options.onProgress ?? (() => {});
  const fields = options.fields ?? commonFields(options.sources);
  const comparisons = comparisonsFor(fields);
  const tfFields = comparisons.filter((c) => c.levels.some((l) => l.termFrequency)).map((c) => c.field);
  const rules = blockingRulesFor(fields);

  progress('reading');
  await connection.run(loadRecordsSql(options.sources, fields, tfFields));
  const records = await count(connection, 'records');
  progress('blocking', `${rules.length} rules`);
  await connection.run(candidatePairsSql(rules, mode));
  const candidatePairs = await count(connection, 'candidates');
  progress('comparing', `${candidatePairs.toLocaleString('en')} candidate pairs`);
  await connection.run(comparisonsSql(comparisons));

  const { model, sessions } = await trainModel(
    connection,
    { comparisons, rules, mode, records, candidatePairs },
    options,
  );

  progress('scoring');
  await connection.run(scoreSql(model));
  const pairs = (await rows(connection, pairsAboveSql(reviewThreshold))).map(
    (row): ScoredPair => ({
      idLeft: String(row.id_l),
      idRight: String(row.id_r),
      probability: Number(row.match_probability),
      weight: Number(row.match_weight),
      decision: Number(row.match_probability) >= threshold ? 'link' : 'review',
      levels: comparisons.map((c) => Number(row[`gamma_${c.field}`])),
      termFrequencies: comparisons.map((c) =>
        tfFields.includes(c.field) ? nullableNumber(row[`tf_${c.field}`]) : undefined,
      ),
    }),
  );
  const linked = pairs.filter((p) => p.decision === 'link');
  const key = (source: number, id: string) => (mode === 'link' ? `${source}:${id}` : id);
  const clusters = clustersOf(linked.map((p) => [key(0, p.idLeft), key(1, p.idRight)] as const));
  return { mode, records, candidatePairs, rules, model, sessions, pairs, clusters };
}

function nullableNumber(value: unknown): number | undefined {
  return value === null || value === undefined ? undefined : Number(value);
}

/** The fields every source maps. */
export function commonFields(sources: readonly RecordSource[]): FieldKind[] {
  const [first, ...rest] = sources;
  if (!first) return [];
  return (Object.keys(first.mapping) as FieldKind[]).filter((kind) =>
    rest.every((source) => source.mapping[kind] !== undefined),
  );
}
