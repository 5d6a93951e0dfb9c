import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildIdentity } from '../src/identity/store/index.ts';
import { openDuckDBStore } from '../src/store/duckdb/duckdb-store.ts';
import { openScratchEngine, type ScratchEngine } from '../src/store/duckdb/scratch-engine.ts';
import type { StoredEvent } from '../src/store/types.ts';
import {
  type CalibrationHoldoutSummary,
  dayNumber,
  repeatPurchasesByDay,
  type SummaryOptions,
  summariseTransactions,
  type Transaction,
} from '../src/value/index.ts';
import { repeatPurchasesInEngine, summariseInEngine } from '../src/value/sql/index.ts';
import { temporaryDataDir } from './support/panorama.ts';

const cdnow = 'test/fixtures/cdnow/cdnowElog.csv';

const spendFields = new Set(['monetaryValue', 'holdoutMonetaryValue']);

/**
 * Field by field: the same customers, counts, dates, recency and T; mean spends to the last bits
 * (floating-point sums depend on their order, which an engine does not keep).
 */
function expectSameSummaries(engine: CalibrationHoldoutSummary[], js: CalibrationHoldoutSummary[]): void {
  expect(engine.map((s) => s.customerId)).toEqual(js.map((s) => s.customerId).sort());
  const byId = new Map(js.map((s) => [s.customerId, s]));
  const differences: string[] = [];
  for (const actual of engine) {
    const expected = byId.get(actual.customerId) as CalibrationHoldoutSummary;
    const fields = new Set([...Object.keys(actual), ...Object.keys(expected)]);
    for (const field of fields) {
      const got = actual[field as keyof CalibrationHoldoutSummary];
      const value = expected[field as keyof CalibrationHoldoutSummary];
      const same = spendFields.has(field)
        ? typeof got === 'number' &&
          typeof value === 'number' &&
          Math.abs(got - value) <= Math.abs(value) * 1e-12
        : got === value;
      if (!same) differences.push(`${actual.customerId} ${field}: ${got} instead of ${value}`);
    }
  }
  expect(differences).toEqual([]);
}

/** The log read as `panorama value fit` used to read it: csv-parse, trimmed cells, Number(amount). */
function readLog(path: string, customer: string, date: string, amount?: string): Transaction[] {
  const rows: Record<string, string>[] = parse(readFileSync(path), { columns: true, trim: true, bom: true });
  return rows.map((row) => ({
    customerId: row[customer] ?? '',
    date: row[date] ?? '',
    ...(amount === undefined ? {} : { amount: Number(row[amount]) }),
  }));
}

let engine: ScratchEngine;
beforeAll(async () => {
  engine = await openScratchEngine();
});
afterAll(() => engine.close());

describe('the transaction summary computed by DuckDB', () => {
  const csv = { kind: 'csv', path: cdnow, customerColumn: 'sampleid', dateColumn: 'date' } as const;

  it('equals summariseTransactions on CDNOW, with spend and a hold-out, in weeks', async () => {
    const options: SummaryOptions = { calibrationEnd: '1997-09-30', holdoutEnd: '1998-06-30', unit: 'week' };
    const inEngine = await summariseInEngine(engine, { ...csv, amountColumn: 'sales' }, options);
    expect(inEngine).toHaveLength(2357);
    expectSameSummaries(
      inEngine,
      summariseTransactions(readLog(cdnow, 'sampleid', 'date', 'sales'), options),
    );
  });

  it('counts the cohort’s repeat purchases per day as repeatPurchasesByDay does (the tracking curve)', async () => {
    const options: SummaryOptions = { calibrationEnd: '1997-09-30', holdoutEnd: '1998-06-30', unit: 'week' };
    const log = readLog(cdnow, 'sampleid', 'date');
    const cohort = summariseTransactions(log, options);
    const purchases = log.map((t) => ({ customerId: t.customerId, day: dayNumber(t.date) }));
    const expected = repeatPurchasesByDay(cohort, purchases, '1998-06-30');
    const counted = await repeatPurchasesInEngine(engine, csv, options);
    expect(counted).toEqual(expected);
    // Every hold-out purchase day of the sample is a repeat purchase: 1,882 (see test/value-cli.test.ts).
    const holdout = counted.filter((d) => d.day > dayNumber('1997-09-30'));
    expect(holdout.reduce((n, d) => n + d.purchases, 0)).toBe(1882);
  });

  it('equals it without spend or hold-out, in months and in days', async () => {
    for (const unit of ['month', 'day'] as const) {
      const options: SummaryOptions = { calibrationEnd: '1997-06-15', unit };
      expectSameSummaries(
        await summariseInEngine(engine, csv, options),
        summariseTransactions(readLog(cdnow, 'sampleid', 'date'), options),
      );
    }
  });

  it('reads every date form, trims cells and adds up same-day purchases', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'panorama-value-sql-'));
    const path = join(dir, 'log.csv');
    await writeFile(
      path,
      [
        '"client ""id""",when,it\'s',
        'ada, 2024-01-01 ,10',
        'ada,20240101,5.5',
        'ada,2024-01-08T23:30:00-02:00,20',
        'ada,2024-01-09T00:10:00Z,4',
        'ada,2024-01-22,',
        'ada,2024-02-05,99',
        ' bob ,20240115,7',
        'bob,20240120,""',
        'cy,2024-02-01T15:30:00.000Z,1',
        ',2024-01-03,3',
      ].join('\n'),
    );
    const options: SummaryOptions = { calibrationEnd: '2024-01-29', holdoutEnd: '2024-02-26', unit: 'week' };
    const source = { kind: 'csv', path, customerColumn: 'client "id"', dateColumn: 'when' } as const;
    const inEngine = await summariseInEngine(engine, { ...source, amountColumn: "it's" }, options);
    expectSameSummaries(
      inEngine,
      summariseTransactions(readLog(path, 'client "id"', 'when', "it's"), options),
    );
    expect(inEngine.find((s) => s.customerId === 'ada')).toMatchObject({
      frequency: 2,
      monetaryValue: 12,
      holdoutFrequency: 1,
    });
  });
});

describe('a CSV log DuckDB cannot summarise', () => {
  const options: SummaryOptions = { calibrationEnd: '2024-03-01' };

  async function logWith(lines: string[]): Promise<string> {
    const path = join(await mkdtemp(join(tmpdir(), 'panorama-value-sql-')), 'log.csv');
    await writeFile(path, ['customer,day,amount', ...lines].join('\n'));
    return path;
  }

  it('names the line and value of an amount that is not a number', async () => {
    const path = await logWith(['a,2024-01-01,10', 'b,2024-01-02,12', 'a,2024-02-01,ten']);
    const source = { kind: 'csv', path, customerColumn: 'customer', dateColumn: 'day' } as const;
    await expect(summariseInEngine(engine, { ...source, amountColumn: 'amount' }, options)).rejects.toThrow(
      'Line 4: "ten" is not an amount (column amount).',
    );
    await expect(summariseInEngine(engine, source, options)).resolves.toHaveLength(2);
  });

  it('names the customer of an amount that is a number but not a finite one', async () => {
    const path = await logWith(['a,2024-01-01,10', 'a,2024-01-02,inf']);
    await expect(
      summariseInEngine(
        engine,
        { kind: 'csv', path, customerColumn: 'customer', dateColumn: 'day', amountColumn: 'amount' },
        options,
      ),
    ).rejects.toThrow('customer a: "inf" is not an amount');
  });

  it('names the customer and text of an unreadable date', async () => {
    const path = await logWith(['a,2024-01-01,10', 'b,01/02/2024,12']);
    await expect(
      summariseInEngine(
        engine,
        { kind: 'csv', path, customerColumn: 'customer', dateColumn: 'day' },
        options,
      ),
    ).rejects.toThrow('customer b: unreadable date "01/02/2024"');
  });

  it('names a missing column and the columns the file has', async () => {
    const path = await logWith(['a,2024-01-01,10']);
    await expect(
      summariseInEngine(engine, { kind: 'csv', path, customerColumn: 'client', dateColumn: 'day' }, options),
    ).rejects.toThrow('has no column "client"; it has customer, day, amount.');
  });
});

describe('the transaction summary of an event store', () => {
  const data = temporaryDataDir();
  afterAll(() => data.remove());

  it('keys purchases by stitched profile, else user id, else anonymous id, and equals summariseTransactions', async () => {
    const store = await openDuckDBStore(data.dir);
    try {
      const events = handMadeEvents();
      await store.events.append(events);
      await rebuildIdentity(store);
      const options: SummaryOptions = {
        calibrationEnd: '2025-03-31',
        holdoutEnd: '2025-06-30',
        unit: 'week',
      };
      const before = await summariseInEngine(store, { kind: 'events', workspaceId: 'shop' }, options);

      const profiles = new Map(
        (await store.identity.read('shop')).eventProfiles.map((row) => [row.messageId, row.profileId]),
      );
      expect(profiles.size).toBeGreaterThan(0);
      const transactions: Transaction[] = events
        .filter((e) => e.workspaceId === 'shop' && e.type === 'track' && e.name === 'Order Completed')
        .map((e) => {
          const revenue = Number(e.properties?.revenue);
          return {
            customerId: profiles.get(e.messageId) ?? e.userId ?? (e.anonymousId as string),
            date: e.timestamp,
            ...(e.properties?.revenue === undefined || Number.isNaN(revenue) ? {} : { amount: revenue }),
          };
        });
      expectSameSummaries(before, summariseTransactions(transactions, options));
      // The anonymous buyer who later logged in is one customer: her three purchase days, not 1 + 2.
      expect(before.map((s) => s.frequency).sort()).toEqual([1, 1, 1, 2]);
      expect(before.filter((s) => s.monetaryValue === undefined)).toHaveLength(1);
      expect(before.find((s) => s.holdoutMonetaryValue === 60)).toMatchObject({
        frequency: 1,
        monetaryValue: 0,
      });
    } finally {
      await store.close();
    }
  });
});

function purchase(
  messageId: string,
  at: string,
  ids: { userId?: string; anonymousId?: string },
  properties: Record<string, unknown> | null,
  overrides: Partial<StoredEvent> = {},
): StoredEvent {
  const timestamp = new Date(at);
  return {
    workspaceId: 'shop',
    sourceId: 'src',
    channel: 'web',
    messageId,
    type: 'track',
    name: 'Order Completed',
    userId: ids.userId ?? null,
    anonymousId: ids.anonymousId ?? null,
    groupId: null,
    previousId: null,
    timestamp,
    originalTimestamp: null,
    sentAt: null,
    receivedAt: timestamp,
    timestampClamped: false,
    origin: 'import',
    properties,
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
    ...overrides,
  };
}

/**
 * Four customers: an anonymous buyer who then logs in, an account, a visitor who never logs in,
 * and an account whose only amount comes after calibration; plus events that are not purchases.
 */
function handMadeEvents(): StoredEvent[] {
  return [
    purchase('m1', '2025-01-06T09:00:00Z', { anonymousId: 'anon-1' }, { revenue: 20 }),
    purchase('m2', '2025-01-06T23:59:00Z', { anonymousId: 'anon-1' }, { revenue: 5 }),
    purchase('m3', '2025-02-01T10:00:00Z', { userId: 'jane', anonymousId: 'anon-1' }, { revenue: 30 }),
    purchase('m4', '2025-03-31T23:00:00Z', { userId: 'jane' }, { revenue: '12.5' }),
    purchase('m5', '2025-04-15T10:00:00Z', { userId: 'jane' }, { revenue: 40 }),
    purchase('m6', '2025-07-01T00:00:00Z', { userId: 'jane' }, { revenue: 1000 }),
    purchase('m7', '2025-02-10T10:00:00Z', { userId: 'paul' }, { revenue: 15 }),
    purchase('m8', '2025-02-10T18:00:00Z', { userId: 'paul' }, null),
    purchase('m9', '2025-03-03T10:00:00Z', { userId: 'paul' }, { total: 9 }),
    purchase('m19', '2025-05-05T10:00:00Z', { userId: 'paul' }, null),
    purchase('m10', '2025-01-20T10:00:00Z', { anonymousId: 'anon-2' }, null),
    purchase('m11', '2025-02-20T10:00:00Z', { anonymousId: 'anon-2' }, { revenue: 'n/a' }),
    purchase('m12', '2025-02-21T10:00:00Z', { userId: 'jane' }, { revenue: 8 }, { name: 'Product Viewed' }),
    purchase('m13', '2025-02-22T10:00:00Z', { userId: 'jane' }, { revenue: 8 }, { type: 'page' }),
    purchase('m14', '2025-02-23T10:00:00Z', { userId: 'jane' }, { revenue: 8 }, { workspaceId: 'other' }),
    purchase('m15', '2025-04-02T10:00:00Z', { userId: 'late' }, { revenue: 8 }),
    purchase('m16', '2025-03-01T10:00:00Z', { userId: 'zoe' }, null),
    purchase('m17', '2025-03-20T10:00:00Z', { userId: 'zoe' }, null),
    purchase('m18', '2025-05-01T10:00:00Z', { userId: 'zoe' }, { revenue: 60 }),
  ];
}
