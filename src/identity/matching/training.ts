import type { DuckDBConnection } from '@duckdb/node-api';
import type { BlockingRule } from './blocking.ts';
import type { Comparison } from './comparisons.ts';
import { expectationMaximisation, type PatternCount } from './em.ts';
import { averageM, clampProbability, initialM, uFromRandomPairs } from './parameters.ts';
import { type MatchMode, patternCountsSql, randomPairCountsSql } from './sql.ts';
import type { MatchModel } from './weights.ts';

/** One EM run, on the pairs of one blocking rule. */
export interface TrainingSession {
  rule: string;
  pairs: number;
  matchShare: number;
  iterations: number;
  converged: boolean;
}

export interface TrainingInput {
  comparisons: readonly Comparison[];
  rules: readonly BlockingRule[];
  mode: MatchMode;
  records: number;
  candidatePairs: number;
}

export interface TrainingOptions {
  randomPairs?: number;
  seed?: number;
  onProgress?: (step: 'estimating u' | 'estimating m', detail?: string) => void;
}

/** Below this many pairs a blocking rule's EM session says too little to be averaged in. */
const smallestSession = 20;

type Row = Record<string, unknown>;

export async function rows(connection: DuckDBConnection, sql: string): Promise<Row[]> {
  return (await connection.runAndReadAll(sql)).getRowObjectsJS() as Row[];
}

function toPatterns(comparisons: readonly Comparison[], table: Row[]): PatternCount[] {
  return table.map((row) => ({
    levels: comparisons.map((c) => Number(row[`gamma_${c.field}`] ?? -1)),
    count: Number(row.pairs),
  }));
}

/**
 * Fits the model on the `comparisons` table: u from random pairs, m by EM once per blocking rule
 * (leaving out the rule's own fields) averaged over the rules, then the share of matches among
 * candidates by EM with m and u fixed, which gives the prior over all possible pairs.
 */
export async function trainModel(
  connection: DuckDBConnection,
  input: TrainingInput,
  options: TrainingOptions = {},
): Promise<{ model: MatchModel; sessions: TrainingSession[] }> {
  const { comparisons, rules } = input;
  const progress = options.onProgress ?? (() => {});
  progress('estimating u');
  const u = await estimateU(connection, input, options);
  const starts = comparisons.map((c) => initialM(c.levels.length));
  const sessions: TrainingSession[] = [];
  const fits: { m: number[][]; active: boolean[] }[] = [];
  for (const [index, rule] of rules.entries()) {
    progress('estimating m', `${index + 1}/${rules.length}: ${rule.name}`);
    const patterns = toPatterns(comparisons, await rows(connection, patternCountsSql(comparisons, index)));
    const pairs = patterns.reduce((sum, p) => sum + p.count, 0);
    if (pairs < smallestSession) continue;
    const active = comparisons.map((c) => !rule.fields.includes(c.field));
    const fit = expectationMaximisation({ patterns, m: starts, u, lambda: 0.3, active });
    fits.push({ m: fit.m, active });
    const { lambda: matchShare, iterations, converged } = fit;
    sessions.push({ rule: rule.name, pairs, matchShare, iterations, converged });
  }
  const m = averageM(fits, starts);
  const all = toPatterns(comparisons, await rows(connection, patternCountsSql(comparisons)));
  const share = expectationMaximisation({ patterns: all, m, u, lambda: 0.1, estimateM: false }).lambda;
  const possible = await possiblePairs(connection, input.mode);
  const model: MatchModel = {
    prior: clampProbability((share * input.candidatePairs) / Math.max(possible, 1), 1e-12),
    fields: comparisons.map((c, f) => ({
      field: c.field,
      levels: c.levels.map((level, l) => ({
        label: level.label,
        m: clampProbability(m[f]?.[l] ?? 0),
        u: clampProbability(u[f]?.[l] ?? 0),
        termFrequency: level.termFrequency === true,
      })),
    })),
  };
  return { model, sessions };
}

async function possiblePairs(connection: DuckDBConnection, mode: MatchMode): Promise<number> {
  const sizes = (
    await rows(connection, 'SELECT count(*)::DOUBLE AS n FROM records GROUP BY _source ORDER BY _source')
  ).map((row) => Number(row.n));
  if (mode === 'link') return (sizes[0] ?? 0) * (sizes[1] ?? 0);
  const n = sizes[0] ?? 0;
  return (n * (n - 1)) / 2;
}

async function estimateU(
  connection: DuckDBConnection,
  input: TrainingInput,
  options: TrainingOptions,
): Promise<number[][]> {
  const target = options.randomPairs ?? 1_000_000;
  const perSource = Math.min(
    input.records,
    Math.ceil(input.mode === 'dedupe' ? Math.sqrt(2 * target) + 1 : Math.sqrt(target)),
  );
  const sql = randomPairCountsSql(input.comparisons, input.mode, perSource, options.seed ?? 42);
  const table = await rows(connection, sql);
  return uFromRandomPairs(
    toPatterns(input.comparisons, table),
    input.comparisons.map((c) => c.levels.length),
  );
}
