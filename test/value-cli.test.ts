import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { readSettings } from '../src/config.ts';
import { openDuckDBStore } from '../src/store/duckdb/duckdb-store.ts';
import type { StoredEvent } from '../src/store/types.ts';
import { runPanorama } from './support/cli.ts';
import { temporaryDataDir } from './support/panorama.ts';

const cdnow = 'test/fixtures/cdnow/cdnowElog.csv';
const cdnowColumns = ['--customer', 'sampleid', '--date', 'date', '--calibration-end', '1997-09-30'];

describe('panorama value fit on a CSV transaction log', () => {
  it('reproduces the published BG/NBD and Gamma-Gamma fits on CDNOW and writes every customer', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'panorama-value-'));
    const output = join(dir, 'predictions.csv');
    const args = ['value', 'fit', '--input', cdnow, ...cdnowColumns, '--amount', 'sales'];
    const run = await runPanorama([...args, '--holdout-end', '1998-06-30', '--output', output, '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.unit).toBe('week');
    expect(result.purchaseModel.parameters.r).toBeCloseTo(0.243, 3);
    expect(result.purchaseModel.parameters.alpha).toBeCloseTo(4.414, 3);
    expect(result.purchaseModel.logLikelihood).toBeCloseTo(-9582.4, 1);
    expect(result.spendModel.parameters.p).toBeCloseTo(6.25, 2);
    // 1,882 distinct customer-days fall between 1997-10-01 and 1998-06-30 in the sample.
    expect(result.holdout.actual).toBe(1882);
    // The validation report: lifetimes' and BTYD's hold-out figures (shared/reference/customer-value.md § 6).
    expect(result.validation.ranking.model.spearman).toBeCloseTo(0.45, 2);
    expect(result.validation.ranking.model.topShareCapture).toBeCloseTo(0.467, 3);
    expect(result.validation.ranking.oracle.topShareCapture).toBeCloseTo(0.683, 3);
    expect(result.validation.meanProbabilityAlive).toBeCloseTo(0.813, 3);
    // The tracking curve, its actual side counted in DuckDB: 78 weeks, the hold-out adding its 1,882.
    const tracking = result.validation.tracking;
    expect(tracking.points).toHaveLength(78);
    expect(tracking.calibrationPeriods).toBe(39);
    expect(tracking.points[77].cumulativeActual - tracking.points[38].cumulativeActual).toBe(1882);

    const rows: Record<string, string>[] = parse(await readFile(output), { columns: true });
    expect(rows).toHaveLength(2357);
    const first = rows.find((row) => row.customer_id === '1');
    // Fader, Hardie & Lee (2005): E[Y(39) | x=2, t_x=30.43, T=38.86] = 1.226.
    expect(Number(first?.expected_purchases)).toBeCloseTo(1.226, 2);
  });

  it('fits Pareto/NBD without spend when the log has no amount column', async () => {
    const run = await runPanorama([
      'value',
      'fit',
      '--input',
      cdnow,
      ...cdnowColumns,
      '--model',
      'pareto-nbd',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/pareto-nbd on 2357 customers/);
    expect(run.stdout).toMatch(/log-likelihood -959(4\.9|5\.0)\d* /);
    expect(run.stdout).not.toMatch(/gamma-gamma/);
  });

  it('names a missing column and the columns the file has', async () => {
    const run = await runPanorama(['value', 'fit', '--input', cdnow, ...cdnowColumns, '--amount', 'price']);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(
      /--amount price: no such column; the file has masterid, sampleid, date, cds, sales/,
    );
  });

  it('names the line of an amount that is not a number', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'panorama-value-'));
    const input = join(dir, 'log.csv');
    await writeFile(input, 'customer,day,amount\na,1997-01-01,10\na,1997-02-01,ten\n');
    const run = await runPanorama([
      'value',
      'fit',
      '--input',
      input,
      '--customer',
      'customer',
      '--date',
      'day',
      '--amount',
      'amount',
      '--calibration-end',
      '1997-03-01',
    ]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/Line 3: "ten" is not an amount/);
  });
});

describe('panorama value fit on the stored purchase events', () => {
  it('reproduces the CDNOW fit from Order Completed events of the workspace', async () => {
    const data = temporaryDataDir();
    try {
      const store = await openDuckDBStore(data.dir);
      const rows: Record<string, string>[] = parse(await readFile(cdnow), { columns: true });
      await store.events.append(
        rows.map((row, i) =>
          orderCompleted(`o${i}`, row.sampleid as string, row.date as string, Number(row.sales)),
        ),
      );
      await store.close();
      const run = await runPanorama([
        'value',
        'fit',
        '--data',
        data.dir,
        '--calibration-end',
        '1997-09-30',
        '--holdout-end',
        '1998-06-30',
        '--json',
      ]);
      expect(run.stderr).toBe('');
      const result = JSON.parse(run.stdout);
      expect(result.purchaseModel.customers).toBe(2357);
      expect(result.purchaseModel.logLikelihood).toBeCloseTo(-9582.4, 1);
      expect(result.spendModel.parameters.p).toBeCloseTo(6.25, 2);
      expect(result.holdout.actual).toBe(1882);
    } finally {
      data.remove();
    }
  });

  it('says that column options belong with --input', async () => {
    const run = await runPanorama(['value', 'fit', '--customer', 'id', '--calibration-end', '1997-09-30']);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/--customer names a column of --input/);
  });
});

/** A purchase as the orders importer stores it: at noon UTC on the day, amount in `revenue`. */
function orderCompleted(messageId: string, userId: string, day: string, revenue: number): StoredEvent {
  const timestamp = new Date(`${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6, 8)}T12:00:00Z`);
  return {
    workspaceId: readSettings(process.env).workspaceId,
    sourceId: 'orders',
    channel: 'store',
    messageId,
    type: 'track',
    name: 'Order Completed',
    userId,
    anonymousId: null,
    groupId: null,
    previousId: null,
    timestamp,
    originalTimestamp: null,
    sentAt: null,
    receivedAt: timestamp,
    timestampClamped: false,
    origin: 'import',
    properties: { revenue },
    traits: null,
    context: null,
    integrations: null,
    ip: null,
    userAgent: null,
    locale: null,
    consent: null,
    campaign: null,
    libraryName: null,
    libraryVersion: null,
  };
}
