import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { blockingRulesFor } from './blocking.ts';
import { comparisonsFor } from './comparisons.ts';
import {
  candidatePairsSql,
  comparisonsSql,
  loadRecordsSql,
  patternCountsSql,
  randomPairCountsSql,
  scoreSql,
} from './sql.ts';
import { explainPair, type MatchModel } from './weights.ts';

const fields = ['given_name', 'surname', 'date_of_birth'] as const;
const comparisons = comparisonsFor(fields);

const model: MatchModel = {
  prior: 0.001,
  fields: comparisons.map((c) => ({
    field: c.field,
    levels: c.levels.map((level, l) => ({
      label: level.label,
      m: l === 0 ? 0.8 : 0.2 / (c.levels.length - 1),
      u: l === 0 ? 0.01 : 0.99 / (c.levels.length - 1),
      termFrequency: level.termFrequency === true,
    })),
  })),
};

describe('matching SQL (DuckDB)', () => {
  it('builds the same statements for the same fields', () => {
    const source = {
      path: 'people.csv',
      idColumn: 'id',
      mapping: { given_name: 'first', surname: 'last', date_of_birth: 'dob' },
    };
    expect(
      [
        loadRecordsSql([source], fields, ['given_name', 'surname']),
        candidatePairsSql(blockingRulesFor(fields), 'dedupe'),
        comparisonsSql(comparisons),
        patternCountsSql(comparisons, 1),
        randomPairCountsSql(comparisons, 'link', 100, 7),
        scoreSql(model),
      ].join('\n\n'),
    ).toMatchSnapshot();
  });

  it('finds the levels of hand-made pairs and weighs them as the pure model does', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    await connection.run(`
      CREATE TABLE records AS SELECT * FROM (VALUES
        (1, 0, 'a', 'marie', 'dupont', '19800412', 0.5, 0.5),
        (2, 0, 'b', 'marie', 'dupont', '19801204', 0.5, 0.5),
        (3, 0, 'c', 'dupont', 'marie', '19800413', 0.1, 0.1),
        (4, 0, 'd', NULL, 'duponf', '19800412', NULL, 0.1)
      ) t(_row, _source, _id, given_name, surname, date_of_birth, tf_given_name, tf_surname);
      CREATE TABLE candidates AS SELECT l._row AS row_l, r._row AS row_r, 1 AS rules
        FROM records l JOIN records r ON l._row = 1 AND r._row > 1;`);
    await connection.run(comparisonsSql(comparisons));
    await connection.run(scoreSql(model));
    const rows = (
      await connection.runAndReadAll(
        'SELECT row_r, gamma_given_name, gamma_surname, gamma_date_of_birth, tf_given_name, tf_surname, match_weight FROM scored ORDER BY row_r',
      )
    ).getRowObjectsJS();
    const levels = rows.map((r) => [r.gamma_given_name, r.gamma_surname, r.gamma_date_of_birth]);
    expect(levels).toEqual([
      [0, 0, 2], // day and month swapped
      [3, 3, 1], // names swapped; one typo in the date
      [-1, 1, 0], // missing given name; surname jaro-winkler >= 0.92
    ]);
    for (const row of rows) {
      const pure = explainPair(
        model,
        [Number(row.gamma_given_name), Number(row.gamma_surname), Number(row.gamma_date_of_birth)],
        [row.tf_given_name as number | undefined, row.tf_surname as number | undefined, undefined],
      );
      expect(Number(row.match_weight)).toBeCloseTo(pure.matchWeight, 9);
    }
    connection.closeSync();
    instance.closeSync();
  });
});
