import { describe, expect, it } from 'vitest';
import { compressRepeatPurchases, dayNumber, summariseTransactions } from '../src/value/index.ts';

const log = [
  { customerId: 'ada', date: '2024-01-01', amount: 10 },
  { customerId: 'ada', date: '2024-01-01', amount: 5 },
  { customerId: 'ada', date: '2024-01-08', amount: 20 },
  { customerId: 'ada', date: '2024-01-08', amount: 4 },
  { customerId: 'ada', date: '2024-01-22', amount: 30 },
  { customerId: 'ada', date: '2024-02-05', amount: 99 },
  { customerId: 'bob', date: '20240115', amount: 7 },
  { customerId: 'cy', date: new Date('2024-02-01T15:30:00Z'), amount: 1 },
];

describe('summariseTransactions', () => {
  const [ada, bob] = summariseTransactions(log, { calibrationEnd: '2024-01-29', holdoutEnd: '2024-02-26' });

  it('merges same-day purchases and leaves the first purchase out of frequency and spend', () => {
    expect(ada).toMatchObject({
      customerId: 'ada',
      frequency: 2,
      recency: 3,
      T: 4,
      firstPurchase: '2024-01-01',
    });
    expect(ada?.monetaryValue).toBe((24 + 30) / 2);
  });

  it('gives one-time buyers frequency 0, recency 0 and spend 0', () => {
    expect(bob).toMatchObject({ frequency: 0, recency: 0, T: 2, monetaryValue: 0 });
  });

  it('counts hold-out purchases separately and leaves out customers who start after calibration', () => {
    expect(ada).toMatchObject({ holdoutFrequency: 1, holdoutMonetaryValue: 99, holdoutDuration: 4 });
    expect(summariseTransactions(log, { calibrationEnd: '2024-01-29' }).map((s) => s.customerId)).toEqual([
      'ada',
      'bob',
    ]);
  });

  it('expresses times in days, weeks or months', () => {
    const inDays = summariseTransactions(log, { calibrationEnd: '2024-01-29', unit: 'day' })[0];
    expect(inDays).toMatchObject({ recency: 21, T: 28 });
    const inMonths = summariseTransactions(log, { calibrationEnd: '2024-01-29', unit: 'month' })[0];
    expect(inMonths?.T).toBeCloseTo(28 / 30.4375, 12);
  });

  it('leaves spend out when the log has no amounts', () => {
    const noAmounts = log.map(({ customerId, date }) => ({ customerId, date }));
    expect(
      summariseTransactions(noAmounts, { calibrationEnd: '2024-01-29' })[0]?.monetaryValue,
    ).toBeUndefined();
  });

  it('rejects unreadable dates and a hold-out that ends before calibration', () => {
    expect(() =>
      summariseTransactions([{ customerId: 'x', date: 'soon' }], { calibrationEnd: '2024-01-29' }),
    ).toThrow(RangeError);
    expect(() =>
      summariseTransactions(log, { calibrationEnd: '2024-01-29', holdoutEnd: '2024-01-01' }),
    ).toThrow(RangeError);
  });
});

describe('dayNumber', () => {
  it('reads ISO dates, compact dates and Date objects as the same calendar day', () => {
    expect(dayNumber('1997-09-30')).toBe(dayNumber('19970930'));
    expect(dayNumber(new Date('1997-09-30T23:59:00Z'))).toBe(dayNumber('1997-09-30'));
    expect(dayNumber('1970-01-02')).toBe(1);
  });
});

describe('compressRepeatPurchases', () => {
  it('merges identical (frequency, recency, T) patterns and adds their weights', () => {
    const rows = [
      { frequency: 0, recency: 0, T: 10 },
      { frequency: 0, recency: 0, T: 10, weight: 3 },
      { frequency: 1, recency: 2, T: 10 },
    ];
    expect(compressRepeatPurchases(rows)).toEqual([
      { frequency: 0, recency: 0, T: 10, weight: 4 },
      { frequency: 1, recency: 2, T: 10, weight: 1 },
    ]);
  });
});
