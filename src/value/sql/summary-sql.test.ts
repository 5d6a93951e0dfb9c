import { describe, expect, it } from 'vitest';
import { calibrationHoldoutSql, summaryPeriods } from './summary-sql.ts';
import { repeatPurchaseDaysSql } from './tracking-sql.ts';

const periods = { calibrationEnd: '1997-09-30', holdoutEnd: '1998-06-30', unit: 'week' as const };

describe('the transaction summary SQL (DuckDB)', () => {
  it('builds the same statement for a CSV log', () => {
    const csv = {
      kind: 'csv' as const,
      path: 'log.csv',
      customerColumn: 'sampleid',
      dateColumn: 'date',
      amountColumn: 'sales',
    };
    expect(calibrationHoldoutSql(csv, periods)).toMatchSnapshot();
  });

  it('builds the same statement for the event store', () => {
    expect(calibrationHoldoutSql({ kind: 'events', workspaceId: 'default' }, periods)).toMatchSnapshot();
  });

  it('builds the tracking curve’s repeat purchases per day for the event store', () => {
    expect(repeatPurchaseDaysSql({ kind: 'events', workspaceId: 'default' }, periods)).toMatchSnapshot();
  });

  it('reads no amount when the log has none', () => {
    const csv = { kind: 'csv' as const, path: 'log.csv', customerColumn: 'id', dateColumn: 'day' };
    const { sql } = calibrationHoldoutSql(csv, periods);
    expect(sql).toContain('NULL::DOUBLE AS amount');
    expect(sql).not.toContain('is not an amount');
  });

  it('quotes the columns people name and passes every value as a parameter', () => {
    const csv = {
      kind: 'csv' as const,
      path: "it's.csv",
      customerColumn: 'client "id"',
      dateColumn: 'day',
      amountColumn: "it's",
    };
    const { sql, params } = calibrationHoldoutSql(csv, periods);
    expect(sql).toContain(`trim("client ""id""", ' ' || chr(9))`);
    expect(sql).toContain(`"it's" AS amount_text`);
    expect(sql).not.toContain("it's.csv");
    expect(params).toEqual({
      path: "it's.csv",
      calibration_end: 10134,
      holdout_end: 10407,
      unit_days: 7,
    });
  });

  it('names the purchase event and the amount property as parameters', () => {
    const { params } = calibrationHoldoutSql(
      { kind: 'events', workspaceId: 'w1', event: 'Purchase', amountProperty: 'total price' },
      { calibrationEnd: '2024-01-31', unit: 'month' },
    );
    expect(params).toMatchObject({
      workspace_id: 'w1',
      purchase_event: 'Purchase',
      amount_path: '$."total price"',
      unit_days: 30.4375,
    });
    expect(params.holdout_end).toBe(params.calibration_end);
  });

  it('refuses a hold-out that ends before calibration, as the JavaScript summary does', () => {
    expect(() => summaryPeriods({ calibrationEnd: '2024-02-01', holdoutEnd: '2024-01-01' })).toThrow(
      RangeError,
    );
  });
});
