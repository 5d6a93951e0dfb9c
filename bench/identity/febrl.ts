import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type PairwiseScore, pairwiseScore } from '../../src/identity/matching/evaluate.ts';

const panoramaBin = fileURLToPath(new URL('../../bin/panorama.js', import.meta.url));
const dataset3 = fileURLToPath(new URL('../../test/fixtures/febrl/dataset3.csv', import.meta.url));

export interface FebrlFigures {
  records: number;
  /** Wall time of each `panorama identity match` run, Node start-up included. */
  runsMs: number[];
  /** Wall time of `panorama --help`: the start-up every run pays. */
  startupMs: number;
  score: PairwiseScore;
  /** The command's own progress lines of the last run (seconds since it started, step). */
  steps: string[];
}

async function timed(args: string[]): Promise<{ ms: number; stderr: string }> {
  const started = performance.now();
  const { stderr } = await promisify(execFile)(process.execPath, [panoramaBin, ...args], {
    maxBuffer: 16 * 1024 * 1024,
  });
  return { ms: performance.now() - started, stderr };
}

/** The truth: `rec-<N>-org` and `rec-<N>-dup-<k>` are the same person (as the FEBRL test reads it). */
function entities(file: string): Map<string, string> {
  const ids = readFileSync(file, 'utf8')
    .split('\n')
    .slice(1)
    .filter((line) => line.trim() !== '')
    .map((line) => line.split(',')[0]?.trim() ?? '');
  return new Map(ids.map((id) => [id, /^rec-(\d+)-/.exec(id)?.[1] ?? id]));
}

/** The linked pairs of a `--output` file: `rec_id_l, rec_id_r, match_probability, match_weight, decision`. */
function linkedPairs(file: string): [string, string][] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.split(','))
    .filter((cells) => cells[4]?.trim() === 'link')
    .map((cells) => [cells[0]?.trim() ?? '', cells[1]?.trim() ?? '']);
}

/**
 * De-duplicates FEBRL dataset3 with `panorama identity match` as a user runs it (a child process,
 * default threshold 0.5) and scores the linked pairs against the truth, pairwise.
 */
export async function matchFebrl(dir: string, runs: number): Promise<FebrlFigures> {
  const output = join(dir, 'febrl3-pairs.csv');
  const startupMs = (await timed(['--help'])).ms;
  const runsMs: number[] = [];
  let steps: string[] = [];
  for (let run = 0; run < runs; run++) {
    const { ms, stderr } = await timed(['identity', 'match', dataset3, '--id', 'rec_id', '--output', output]);
    runsMs.push(ms);
    steps = stderr.split('\n').filter((line) => line.trim() !== '');
  }
  const truth = entities(dataset3);
  const score = pairwiseScore(linkedPairs(output), truth);
  return { records: truth.size, runsMs, startupMs, score, steps };
}
