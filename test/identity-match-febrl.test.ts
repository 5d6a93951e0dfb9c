import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pairwiseScore } from '../src/identity/matching/evaluate.ts';
import { matchFiles } from '../src/identity/matching/match-files.ts';
import { explainScoredPair } from '../src/identity/matching/matcher.ts';

const fixtures = join(import.meta.dirname, 'fixtures', 'febrl');

/** The truth: `rec-<N>-org` and `rec-<N>-dup-<k>` are the same person. Only the scorer reads it. */
function entities(file: string): Map<string, string> {
  const ids = readFileSync(file, 'utf8')
    .split('\n')
    .slice(1)
    .filter((line) => line.trim() !== '')
    .map((line) => line.split(',')[0]?.trim() ?? '');
  return new Map(ids.map((id) => [id, /^rec-(\d+)-/.exec(id)?.[1] ?? id]));
}

async function scoreDataset(name: string) {
  const file = join(fixtures, name);
  const result = await matchFiles({ files: [file], idColumn: 'rec_id', threshold: 0.5 });
  const linked = result.pairs.filter((p) => p.decision === 'link');
  return {
    result,
    score: pairwiseScore(
      linked.map((p) => [p.idLeft, p.idRight] as const),
      entities(file),
    ),
  };
}

describe('probabilistic matching on FEBRL (pairwise, probability >= 0.5)', () => {
  it('reaches F1 >= 0.98 on dataset3 without reading rec_id', async () => {
    const { result, score } = await scoreDataset('dataset3.csv');
    expect(result.model.fields.map((f) => f.field)).not.toContain('rec_id');
    expect(result.records).toBe(5000);
    expect(score.f1).toBeGreaterThanOrEqual(0.98);
    expect(score.precision).toBeGreaterThanOrEqual(0.99);
  });

  it('explains every linked pair field by field, summing to its weight', async () => {
    const { result } = await scoreDataset('dataset1.csv');
    const pair = result.pairs[0];
    if (!pair) throw new Error('no pair linked');
    const explanation = explainScoredPair(result.model, pair);
    expect(explanation.fields.map((f) => f.field)).toContain('surname');
    expect(explanation.matchWeight).toBeCloseTo(pair.weight, 6);
  });

  it.each(['dataset1.csv', 'dataset2.csv'])('reaches F1 >= 0.98 on %s too', async (name) => {
    const { score } = await scoreDataset(name);
    expect(score.f1).toBeGreaterThanOrEqual(0.98);
  });
});
